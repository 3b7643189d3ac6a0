/**
 * Time series for the review charts, bucketed so a view never draws more than ~600 points.
 * Linear in the input, no sorting, no per-sample allocations: accumulators are typed arrays and one
 * object is made per bucket. Zooming calls these again over the visible range with a finer bucket.
 * Buckets are aligned to multiples of the bucket size (not to the range start), so panning keeps
 * bucket edges stable; a bucket with no samples has n = 0 and null values (a gap, not a zero).
 */
import type { ChatMessage, EpochMs, HealthSample } from '../../types';
import { complaintMasks } from './complaints';
import type { TimeRange } from './event-time';

export { timelineMarkers, incidentBands } from './timeline';

/** Bucket sizes a chart may use, smallest first (ms). Beyond the last, whole days. */
const NICE_BUCKETS_MS: readonly number[] = [
  100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
  3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];
const DAY = 86_400_000;
/** A call that would make more buckets than this is a caller bug (a bucket far too small for the range). */
const MAX_BUCKETS = 1_000_000;

/**
 * The smallest nice bucket so that `rangeMs` never spans more than `maxPoints` aligned buckets
 * (an unaligned range can touch one partial bucket more, hence maxPoints − 1).
 */
export function bucketFor(rangeMs: number, maxPoints = 600): number {
  const target = Math.max(0, rangeMs) / Math.max(1, maxPoints - 1);
  for (const b of NICE_BUCKETS_MS) if (b >= target) return b;
  return Math.ceil(target / DAY) * DAY;
}

interface Grid {
  start: EpochMs;
  count: number;
  from: EpochMs;
  to: EpochMs;
}

function grid(items: readonly { ts: EpochMs }[], bucketMs: number, range?: TimeRange): Grid {
  if (!(bucketMs > 0) || !Number.isFinite(bucketMs))
    throw new RangeError(`bucketMs must be a positive number, got ${bucketMs}`);
  let from = range?.from;
  let to = range?.to;
  if (from === undefined || to === undefined) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < items.length; i++) {
      const ts = items[i].ts;
      if (ts < lo) lo = ts;
      if (ts > hi) hi = ts;
    }
    from ??= Number.isFinite(lo) ? lo : 0;
    to ??= Number.isFinite(hi) ? hi + 1 : from;
  }
  const start = Math.floor(from / bucketMs) * bucketMs;
  const count = to > from ? Math.ceil((to - start) / bucketMs) : 0;
  if (count > MAX_BUCKETS)
    throw new RangeError(`${count} buckets of ${bucketMs} ms: pick a bigger bucket (see bucketFor)`);
  return { start, count, from, to };
}

interface MinMaxMean {
  min: number | null;
  max: number | null;
  mean: number | null;
}

export interface HealthBucket {
  /** Bucket start. */
  t: EpochMs;
  /** Samples in the bucket. */
  n: number;
  audioLevelDb: MinMaxMean;
  videoFps: MinMaxMean;
  bitrateKbps: MinMaxMean;
  viewers: MinMaxMean;
  /** At least one sample in the bucket reported the stream offline. */
  offline: boolean;
}

const HEALTH_METRICS = ['audioLevelDb', 'videoFps', 'bitrateKbps', 'viewers'] as const;
export type HealthSeriesMetric = (typeof HEALTH_METRICS)[number];

/** Min/max/mean per bucket of the charted health metrics, and whether the stream was offline. */
export function healthSeries(health: readonly HealthSample[], bucketMs: number, range?: TimeRange): HealthBucket[] {
  const g = grid(health, bucketMs, range);
  const m = HEALTH_METRICS.length;
  const min = new Float64Array(g.count * m).fill(Infinity);
  const max = new Float64Array(g.count * m).fill(-Infinity);
  const sum = new Float64Array(g.count * m);
  // Per metric: a source sends only the signals it measures.
  const n = new Uint32Array(g.count * m);
  const samples = new Uint32Array(g.count);
  const offline = new Uint8Array(g.count);
  for (let i = 0; i < health.length; i++) {
    const h = health[i];
    if (h.ts < g.from || h.ts >= g.to) continue;
    const b = Math.floor((h.ts - g.start) / bucketMs);
    samples[b]++;
    if (h.streamState === 'offline' || h.streamState === 'reconnecting') offline[b] = 1;
    for (let k = 0; k < m; k++) {
      const v = h[HEALTH_METRICS[k]];
      if (v === undefined) continue;
      const j = b * m + k;
      n[j]++;
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
      sum[j] += v;
    }
  }
  const out: HealthBucket[] = new Array(g.count);
  const stat = (b: number, k: number): MinMaxMean => {
    const j = b * m + k;
    if (n[j] === 0) return { min: null, max: null, mean: null };
    return { min: min[j], max: max[j], mean: sum[j] / n[j] };
  };
  for (let b = 0; b < g.count; b++) {
    out[b] = {
      t: g.start + b * bucketMs,
      n: samples[b],
      audioLevelDb: stat(b, 0),
      videoFps: stat(b, 1),
      bitrateKbps: stat(b, 2),
      viewers: stat(b, 3),
      offline: offline[b] === 1,
    };
  }
  return out;
}

export interface ChatBucket {
  t: EpochMs;
  messages: number;
  complaints: number;
  /** Per minute, for a chart whose bucket size changes with the zoom. */
  messagesPerMin: number;
  complaintsPerMin: number;
}

/**
 * Chat messages and complaints per bucket. Complaints come from complaintMasks (classified once per chat
 * array and cached); pass `masks` to use another classification.
 */
export function chatRateSeries(
  chat: readonly ChatMessage[],
  bucketMs: number,
  range?: TimeRange,
  masks?: Uint8Array,
): ChatBucket[] {
  const g = grid(chat, bucketMs, range);
  const mk = masks ?? complaintMasks(chat);
  const messages = new Uint32Array(g.count);
  const complaints = new Uint32Array(g.count);
  for (let i = 0; i < chat.length; i++) {
    const ts = chat[i].ts;
    if (ts < g.from || ts >= g.to) continue;
    const b = Math.floor((ts - g.start) / bucketMs);
    messages[b]++;
    if (mk[i] !== 0) complaints[b]++;
  }
  const perMin = 60_000 / bucketMs;
  const out: ChatBucket[] = new Array(g.count);
  for (let b = 0; b < g.count; b++) {
    out[b] = {
      t: g.start + b * bucketMs,
      messages: messages[b],
      complaints: complaints[b],
      messagesPerMin: messages[b] * perMin,
      complaintsPerMin: complaints[b] * perMin,
    };
  }
  return out;
}
