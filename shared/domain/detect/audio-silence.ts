/**
 * Audio silence / dropout detector.
 *
 * A dead audio chain looks different from a presenter who pauses:
 *  - loss: no audio packets at all, or digital silence (≤ −80 dBFS: nothing in a room is that quiet);
 *  - pause: packets keep flowing and the level sits at the room tone (≈ −50…−60 dBFS).
 * So a *deep* silence (packets ≤ floor, or level ≤ `digitalSilenceDb`) fires after `holdMs` (3 s),
 * while a *shallow* one (level ≤ `floorDb` but above digital silence, packets normal) needs the much
 * longer `shallowHoldMs`, which a deliberate pause does not reach. A quiet speaker (−38 dBFS) is above
 * every floor and never counts. Nothing is judged while the stream is offline (stream-offline owns that).
 * It judges the program audio (`audioLevelDb`, and `audioPacketsPerSec` where the source counts packets);
 * a source without either (OBS meters single inputs: input-silence) is not its business.
 */
import type { EpochMs, HealthSample } from '../../types';
import { advanceHold, IDLE_HOLD, type HoldConfig, type HoldState } from './hold';
import { NO_REPORTS, onAir, type Detector, type DetectorStepOf, type EvidenceOf, type FindingOf } from './detector';

export interface AudioSilenceConfig extends HoldConfig {
  /** Level at or below which audio counts as silent (shallow). */
  floorDb: number;
  /** Level at or below which it is digital silence (deep: a dead chain, not a pause). */
  digitalSilenceDb: number;
  /** Packets/s at or below which audio is lost (deep). */
  packetsFloor: number;
  /** Hold for shallow silence (level low, packets flowing): long, so presenter pauses never fire. */
  shallowHoldMs: number;
}

export const AUDIO_SILENCE_DEFAULTS: AudioSilenceConfig = {
  floorDb: -60,
  digitalSilenceDb: -80,
  packetsFloor: 0,
  holdMs: 3_000,
  shallowHoldMs: 12_000,
  clearMs: 2_000,
  maxGapMs: 5_000,
};

export interface AudioSilenceState {
  readonly hold: HoldState;
  /** Start of the current deep (loss) streak. */
  readonly deepSince: EpochMs | null;
  /** First sample of the current bad streak, kept as evidence. */
  readonly first: HealthSample | null;
}

export const initialAudioSilence: AudioSilenceState = { hold: IDLE_HOLD, deepSince: null, first: null };

export function stepAudioSilence(
  s: AudioSilenceState,
  sample: HealthSample,
  now: EpochMs,
  cfg: AudioSilenceConfig = AUDIO_SILENCE_DEFAULTS,
): DetectorStepOf<AudioSilenceState, 'audio-silence'> {
  const level = sample.audioLevelDb ?? 0;
  const packets = sample.audioPacketsPerSec ?? Number.POSITIVE_INFINITY;
  if (sample.audioLevelDb === undefined && sample.audioPacketsPerSec === undefined)
    return { state: s, reports: NO_REPORTS };
  const online = onAir(sample);
  const deep = online && (packets <= cfg.packetsFloor || level <= cfg.digitalSilenceDb);
  const silent = online && (deep || level <= cfg.floorDb);
  const verdict = !online ? 'neutral' : silent ? 'bad' : 'good';
  // Firing is decided below (two holds), so the shared timer only keeps the streak bookkeeping.
  const hold = advanceHold(s.hold, verdict, sample.ts, cfg, Number.POSITIVE_INFINITY);
  const badSince = hold.badSince;
  const streakBroken = badSince === null || badSince === sample.ts;
  const deepSince = deep ? (s.deepSince !== null && !streakBroken ? s.deepSince : sample.ts) : null;
  const first = silent ? (streakBroken || s.first === null ? sample : s.first) : null;

  if (!s.hold.firing && silent && badSince !== null) {
    const deepLongEnough = deepSince !== null && sample.ts - deepSince >= cfg.holdMs;
    if (deepLongEnough || sample.ts - badSince >= cfg.shallowHoldMs) {
      const state = { hold: { ...hold, firing: true }, deepSince, first };
      const startedAt = deepLongEnough ? deepSince : badSince;
      return {
        state,
        reports: [{ type: 'finding', finding: silenceFinding(first ?? sample, sample, startedAt, now, cfg) }],
      };
    }
  }
  const state = { hold, deepSince, first };
  if (s.hold.firing && !hold.firing) {
    return {
      state,
      reports: [{ type: 'healthy', kind: 'audio', detector: 'audio-silence', since: hold.goodSince ?? sample.ts }],
    };
  }
  return { state, reports: NO_REPORTS };
}

function silenceFinding(
  first: HealthSample,
  last: HealthSample,
  startedAt: EpochMs,
  now: EpochMs,
  cfg: AudioSilenceConfig,
): FindingOf<'audio-silence'> {
  const noPackets = last.audioPacketsPerSec !== undefined && last.audioPacketsPerSec <= cfg.packetsFloor;
  const level = Math.round(last.audioLevelDb ?? 0);
  const digital = last.audioLevelDb !== undefined && last.audioLevelDb <= cfg.digitalSilenceDb;
  const title = noPackets
    ? 'Audio lost (no audio packets)'
    : digital
      ? `Audio silent (${level} dBFS)`
      : `Audio near-silent for a long time (${level} dBFS)`;
  const evidence = [first, last].flatMap((x) =>
    (['audioLevelDb', 'audioPacketsPerSec'] as const).flatMap((metric): EvidenceOf<'audio-silence'>[] => {
      const value = x[metric];
      return value === undefined ? [] : [{ type: 'sample', ts: x.ts, detector: 'audio-silence', metric, value }];
    }),
  );
  return {
    kind: 'audio',
    source: 'signal',
    detector: 'audio-silence',
    title,
    confidence: noPackets ? 0.95 : digital ? 0.9 : 0.7,
    severity: 'medium',
    startedAt,
    at: now,
    evidence,
  };
}

export const audioSilenceDetector: Detector<'audio-silence', AudioSilenceConfig, AudioSilenceState, 'health'> = {
  name: 'audio-silence',
  defaults: AUDIO_SILENCE_DEFAULTS,
  initial: initialAudioSilence,
  consumes: ['health'],
  step: (s, input, now, cfg) => stepAudioSilence(s, input.sample, now, cfg),
};
