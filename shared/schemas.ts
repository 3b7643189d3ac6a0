/**
 * Runtime validation of everything that crosses a trust boundary: source payloads (chat, health),
 * and scenario files. A failed parse yields a readable reason; callers quarantine, never crash.
 */
import { z } from 'zod';

export const LIMITS = {
  chatTextMax: 2000,
  authorMax: 100,
  idMax: 200,
  batchMax: 5000,
} as const;

const epochMs = z.number().int().nonnegative().finite();

export const chatMessageSchema = z.object({
  id: z.string().min(1).max(LIMITS.idMax),
  author: z.string().min(1).max(LIMITS.authorMax),
  text: z.string().max(LIMITS.chatTextMax),
  ts: epochMs,
  lang: z.string().min(2).max(8).optional(),
});

export const healthSampleSchema = z.object({
  ts: epochMs,
  audioLevelDb: z.number().min(-200).max(20),
  audioPacketsPerSec: z.number().min(0).max(100_000),
  videoFps: z.number().min(0).max(1000),
  bitrateKbps: z.number().min(0).max(1_000_000),
  droppedFrames: z.number().int().min(0).max(1_000_000),
  streamState: z.enum(['online', 'offline']),
  viewers: z.number().int().min(0).max(100_000_000),
});

export const faultTruthSchema = z.object({
  kind: z.enum([
    'audio-loss',
    'audio-clipping',
    'frozen-video',
    'video-degraded',
    'stream-drop',
    'source-dead',
    'chat-flood',
  ]),
  startTs: epochMs,
  endTs: epochMs,
  label: z.string().max(200).optional(),
});

export const sourceHelloSchema = z.object({
  source: z.string().min(1).max(200),
  eventName: z.string().min(1).max(300),
  scenario: z.string().max(100).optional(),
  startedAt: epochMs,
  speed: z.number().positive().max(10_000),
  truth: z.array(faultTruthSchema).max(1000).optional(),
});

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Validate `input` against `schema`; on failure return one readable line naming the bad fields. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  const reason = r.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
  return { ok: false, reason };
}
