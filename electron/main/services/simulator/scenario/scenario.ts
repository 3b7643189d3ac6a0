/**
 * Scenario files: a scripted webinar (signals, audience, chat, faults) that the embedded simulator plays.
 * The file format is a zod schema; everything derived from a scenario is a pure, seeded function of
 * (scenario, scenario second, startedAt), so playback, benchmarks and reviews agree byte for byte.
 *
 * Scenario time is in seconds from the start (`tSec`); wall/virtual time is `startedAt + tSec * 1000`.
 */
import { z } from 'zod';
import { parseWith, type ParseResult } from '../../../../../shared/schemas';
import type { EpochMs, FaultKind, FaultTruth } from '../../../../../shared/types';
import { LANGUAGES } from '../../../../../shared/domain/vocabulary';

const SEGMENT_EFFECTS = [
  'audio-silence',
  'audio-clipping',
  'audio-garbled',
  'video-frozen',
  'video-degraded',
  'stream-offline',
  'source-silent',
  'presenter-pause',
  'quiet-speaker',
  'network-dip',
  'chat-flood',
] as const;
type SegmentEffect = (typeof SEGMENT_EFFECTS)[number];

/** What a `fault: true` segment means as ground truth. Effects missing here can never be faults. */
const FAULT_OF_EFFECT: Partial<Record<SegmentEffect, FaultKind>> = {
  'audio-silence': 'audio-loss',
  'audio-clipping': 'audio-clipping',
  // Viewers hear robotic audio while level and packets look healthy: only the chat can tell.
  'audio-garbled': 'audio-loss',
  'video-frozen': 'frozen-video',
  'video-degraded': 'video-degraded',
  'stream-offline': 'stream-drop',
  'source-silent': 'source-dead',
  'chat-flood': 'chat-flood',
};

const CHAT_POOLS = [
  'background',
  'complaint-audio',
  'complaint-garbled',
  'complaint-video',
  'complaint-stream',
  'flood',
  'joke-audio',
] as const;
export type ChatPool = (typeof CHAT_POOLS)[number];

const sec = z.number().finite().nonnegative();
const lang = z.enum(LANGUAGES);
const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be kebab-case (a-z, 0-9, -), at most 64 chars');

const segmentSchema = z.object({
  fromSec: sec,
  toSec: sec,
  effect: z.enum(SEGMENT_EFFECTS),
  fault: z.boolean(),
  label: z.string().max(200).optional(),
});

const chatLineSchema = z.object({
  atSec: sec,
  author: z.string().min(1).max(100),
  text: z.string().min(1).max(2000),
  lang: lang.optional(),
});

const chatBurstSchema = z.object({
  fromSec: sec,
  toSec: sec,
  perMin: z.number().finite().positive().max(20_000),
  pool: z.enum(CHAT_POOLS),
  languages: z.array(lang).min(1).optional(),
  /** true: every message from a fresh viewer; false: a small recurring crowd. */
  distinctAuthors: z.boolean().optional(),
  /** All messages from this one viewer (e.g. the joker). Overrides distinctAuthors. */
  author: z.string().min(1).max(100).optional(),
  /** Rate ramps linearly from 0 to perMin over the first rampSec seconds. */
  rampSec: sec.optional(),
});

const scenarioSchema = z.object({
  name,
  title: z.string().min(1).max(200),
  eventName: z.string().min(1).max(300),
  durationSec: z
    .number()
    .int()
    .min(10)
    .max(6 * 3600),
  seed: z.number().int(),
  audience: z.object({
    initialViewers: z.number().int().nonnegative(),
    peakViewers: z.number().int().nonnegative(),
    joinPerMin: z.number().finite().nonnegative(),
    chatPerMin: z.number().finite().nonnegative().max(20_000),
    languages: z.array(lang).min(1),
  }),
  baseline: z.object({
    audioLevelDb: z.number().min(-60).max(0),
    audioPacketsPerSec: z.number().positive().max(1000),
    videoFps: z.number().positive().max(120),
    bitrateKbps: z.number().positive().max(100_000),
  }),
  segments: z.array(segmentSchema).default([]),
  chat: z.array(chatLineSchema).default([]),
  chatBursts: z.array(chatBurstSchema).default([]),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioSegment = Scenario['segments'][number];
export type ScenarioChatBurst = Scenario['chatBursts'][number];

/** Structural check, then the cross-field rules zod cannot express per field. */
export function parseScenario(json: unknown): ParseResult<Scenario> {
  const r = parseWith(scenarioSchema, json);
  if (!r.ok) return r;
  const s = r.value;
  const problems: string[] = [];
  const d = s.durationSec;
  if (s.audience.peakViewers < s.audience.initialViewers) {
    problems.push(
      `audience.peakViewers (${s.audience.peakViewers}) is below initialViewers (${s.audience.initialViewers})`,
    );
  }
  const windows = (label: string, items: Array<{ fromSec: number; toSec: number }>) =>
    items.forEach((w, i) => {
      if (w.toSec <= w.fromSec) problems.push(`${label}.${i}: toSec (${w.toSec}) must be after fromSec (${w.fromSec})`);
      if (w.toSec > d) problems.push(`${label}.${i}: toSec (${w.toSec}) is beyond durationSec (${d})`);
    });
  windows('segments', s.segments);
  windows('chatBursts', s.chatBursts);
  s.segments.forEach((g, i) => {
    if (g.fault && !FAULT_OF_EFFECT[g.effect]) {
      problems.push(`segments.${i}: effect '${g.effect}' is a non-fault by definition; set fault: false`);
    }
  });
  s.chat.forEach((c, i) => {
    if (c.atSec >= d) problems.push(`chat.${i}: atSec (${c.atSec}) is beyond durationSec (${d})`);
  });
  if (problems.length) return { ok: false, reason: problems.slice(0, 5).join('; ') };
  return { ok: true, value: s };
}

/** Ground truth: the scripted faults on the virtual timeline that starts at `startedAt`. */
export function truthOf(scenario: Scenario, startedAt: EpochMs): FaultTruth[] {
  const out: FaultTruth[] = [];
  for (const g of scenario.segments) {
    const kind = g.fault ? FAULT_OF_EFFECT[g.effect] : undefined;
    if (!kind) continue;
    out.push({
      kind,
      startTs: startedAt + Math.round(g.fromSec * 1000),
      endTs: startedAt + Math.round(g.toSec * 1000),
      ...(g.label ? { label: g.label } : {}),
    });
  }
  return out.sort((a, b) => a.startTs - b.startTs);
}
