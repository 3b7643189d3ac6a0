/**
 * Runtime validation of everything that crosses a trust boundary: source payloads (chat, health, hello,
 * end of event), and scenario files. A failed parse yields a readable reason; callers quarantine, never crash.
 *
 * These checks need no context. What needs the receive time and the session (is a timestamp plausible for
 * this session now?) is ingest's time window, electron/main/services/ingest/time-window.ts.
 */
import { z } from 'zod';

export const LIMITS = {
  chatTextMax: 2000,
  authorMax: 100,
  idMax: 200,
  batchMax: 5000,
  inputNameMax: 200,
  inputsMax: 32,
  platformIssueMax: 500,
  platformIssuesMax: 20,
} as const;

/** The largest time a Date can hold: beyond it `new Date(ts)` is invalid and every date format throws. */
const MAX_EPOCH_MS = 8_640_000_000_000_000;
const epochMs = z.number().int().nonnegative().max(MAX_EPOCH_MS);

/**
 * An unpaired UTF-16 surrogate: half an emoji. SQLite stores text as UTF-8, where it cannot exist, so it
 * would be silently changed on the way in. In a `u` regex a proper pair is one code point and does not match.
 */
const LONE_SURROGATE = /\p{Surrogate}/u;
const LONE_SURROGATES = /\p{Surrogate}/gu;
export const hasLoneSurrogate = (s: string): boolean => LONE_SURROGATE.test(s);
/** Replaces every lone surrogate with U+FFFD, the replacement character (what UTF-8 would have stored). */
export const replaceLoneSurrogates = (s: string): string => s.replace(LONE_SURROGATES, '\uFFFD');

/**
 * A key is compared exactly (dedupe, own posts, the session id, storage): one that UTF-8 would alter is
 * refused, not repaired. Free text (author, message, event name) is repaired by ingest instead, and counted.
 */
const wellFormed = <T extends z.ZodString>(s: T) =>
  s.refine((v) => !hasLoneSurrogate(v), 'contains a lone UTF-16 surrogate');
const id = (max: number) => wellFormed(z.string().min(1).max(max));

export const chatMessageSchema = z.object({
  id: id(LIMITS.idMax),
  author: z.string().min(1).max(LIMITS.authorMax),
  text: z.string().max(LIMITS.chatTextMax),
  ts: epochMs,
  lang: wellFormed(z.string().min(2).max(8)).optional(),
});

const inputLevelSchema = z.object({
  name: wellFormed(z.string().min(1).max(LIMITS.inputNameMax)),
  levelDb: z.number().min(-200).max(20),
  inputPeakDb: z.number().min(-200).max(20).optional(),
  muted: z.boolean().optional(),
});

/** Every signal is optional (a source sends what it measures), but a sample must carry at least one. */
export const healthSampleSchema = z
  .object({
    ts: epochMs,
    source: id(LIMITS.idMax).optional(),
    audioLevelDb: z.number().min(-200).max(20).optional(),
    audioPacketsPerSec: z.number().min(0).max(100_000).optional(),
    inputs: z.array(inputLevelSchema).max(LIMITS.inputsMax).optional(),
    streamState: z.enum(['online', 'offline', 'reconnecting']).optional(),
    congestion: z.number().min(0).max(1).optional(),
    videoFps: z.number().min(0).max(1000).optional(),
    bitrateKbps: z.number().min(0).max(1_000_000).optional(),
    droppedFrames: z.number().int().min(0).max(1_000_000).optional(),
    skippedFrames: z.number().int().min(0).max(1_000_000).optional(),
    blackSince: epochMs.optional(),
    frozenSince: epochMs.optional(),
    viewers: z.number().int().min(0).max(100_000_000).optional(),
    platformHealth: z.enum(['good', 'ok', 'bad', 'noData']).optional(),
    platformIssues: z.array(z.string().min(1).max(LIMITS.platformIssueMax)).max(LIMITS.platformIssuesMax).optional(),
  })
  .refine((h) => Object.keys(h).some((k) => k !== 'ts' && k !== 'source'), 'a health sample with no signal in it');

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
  // source, scenario and startedAt make the session id.
  source: id(200),
  eventName: z.string().min(1).max(300),
  scenario: wellFormed(z.string().max(100)).optional(),
  startedAt: epochMs,
  speed: z.number().positive().max(10_000),
  now: epochMs.optional(),
  truth: z.array(faultTruthSchema).max(1000).optional(),
});

/** The source says the event is over. Anything else under that name is quarantined, and the event goes on. */
export const sourceEndedSchema = z.object({ endedAt: epochMs });

/** The source's answer to one of our chat posts: it comes from the network like everything else. */
export const chatPostAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), messageId: id(LIMITS.idMax), duplicate: z.boolean() }),
  z.object({ ok: z.literal(false), error: z.string().max(1000) }),
]);

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A reason quotes the input at times (an unknown key, say): it stays one readable line, whatever was sent. */
const REASON_MAX = 500;

/** Validate `input` against `schema`; on failure return one readable line naming the bad fields. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  const reason = r.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`)
    .join('; ');
  const line = reason.length > REASON_MAX ? `${reason.slice(0, REASON_MAX)}…` : reason;
  return { ok: false, reason: replaceLoneSurrogates(line) };
}
