/**
 * What Onair reads from obs-websocket 5, checked before use: the events and request answers are another
 * program's output, so a number may be NaN (msgpack carries it) or a field missing in another version.
 */
import { z } from 'zod';
import { parseWith, type ParseResult } from '../../../../../shared/schemas';

const linear = z.number().min(0).max(1e6);
const count = z.number().int().min(0);

/** `inputLevelsMul[channel] = [magnitude, peak, inputPeak]`, linear; magnitude and peak are post-fader. */
const meterInputSchema = z.object({
  inputName: z.string().min(1),
  inputLevelsMul: z.array(z.tuple([linear, linear, linear])).max(64),
});
export type MeterInput = z.infer<typeof meterInputSchema>;
const meterEventSchema = z.object({ inputs: z.array(z.unknown()).max(10_000) });

/**
 * A meter event, input by input: OBS has been seen sending numbers past 1e6 for one input, and that must not
 * cost the reading of the microphone beside it. `refused` says why each refused input was.
 */
export function readMeters(raw: unknown): ParseResult<{ inputs: MeterInput[]; refused: string[] }> {
  const event = parseWith(meterEventSchema, raw);
  if (!event.ok) return event;
  const inputs: MeterInput[] = [];
  const refused: string[] = [];
  event.value.inputs.forEach((x, i) => {
    const r = parseWith(meterInputSchema, x);
    if (r.ok) inputs.push(r.value);
    else refused.push(`inputs.${i}: ${r.reason}`);
  });
  return { ok: true, value: { inputs, refused } };
}

export const inputMuteStateChangedSchema = z.object({ inputName: z.string(), inputMuted: z.boolean() });

export const streamStateChangedSchema = z.object({ outputActive: z.boolean(), outputState: z.string() });

export const streamStatusSchema = z.object({
  outputActive: z.boolean(),
  outputReconnecting: z.boolean(),
  outputCongestion: z.number().min(0),
  outputBytes: z.number().min(0),
  outputSkippedFrames: count,
});
export type StreamStatus = z.infer<typeof streamStatusSchema>;

export const statsSchema = z.object({
  activeFps: z.number().min(0),
  renderSkippedFrames: count,
  outputSkippedFrames: count,
});
export type Stats = z.infer<typeof statsSchema>;

export const versionSchema = z.object({ obsVersion: z.string(), obsWebSocketVersion: z.string() });

export const sceneListSchema = z.object({ scenes: z.array(z.object({ sceneName: z.string() })) });

export const inputMuteSchema = z.object({ inputMuted: z.boolean() });

export const inputListSchema = z.object({ inputs: z.array(z.object({ inputName: z.string() })) });

/** A request's answer, checked: throws (into the connect's failure) when OBS answers something else. */
export function readAnswer<T>(schema: z.ZodType<T>, raw: unknown, request: string): T {
  const r = parseWith(schema, raw);
  if (!r.ok) throw new Error(`OBS's answer to ${request} is not understood (${r.reason})`);
  return r.value;
}
