/**
 * Video degraded: frame rate or bitrate collapses against the session's *own* rolling baseline
 * (a 15 fps screen share is normal for one session and a collapse for a 30 fps camera session).
 *
 * The baseline is an exponentially weighted mean learnt only from healthy samples, so a long fault
 * does not drag the baseline down to itself. The hold is long (12 s) on purpose: a slow network that
 * recovers within ~10 s is not an incident. A frozen picture (fps near zero) is left to video-frozen.
 */
import type { EpochMs, HealthSample } from '../../types';
import { advanceHold, IDLE_HOLD, type HoldConfig, type HoldState } from './hold';
import { NO_REPORTS, onAir, type Detector, type DetectorStepOf, type EvidenceOf, type FindingOf } from './detector';

export interface VideoDegradedConfig extends HoldConfig {
  /** Degraded when fps falls below this fraction of the baseline fps. */
  fpsRatio: number;
  /** Degraded when bitrate falls below this fraction of the baseline bitrate. */
  bitrateRatio: number;
  /** Time constant of the baseline mean. */
  baselineTauMs: number;
  /** Healthy samples needed before the detector judges anything. */
  warmupSamples: number;
  /** At or below this fps the picture is frozen: not this detector's business. */
  frozenFps: number;
}

export const VIDEO_DEGRADED_DEFAULTS: VideoDegradedConfig = {
  fpsRatio: 0.5,
  bitrateRatio: 0.35,
  baselineTauMs: 60_000,
  warmupSamples: 10,
  frozenFps: 1,
  holdMs: 12_000,
  clearMs: 3_000,
  maxGapMs: 5_000,
};

export interface VideoDegradedState {
  readonly hold: HoldState;
  readonly baseFps: number;
  readonly baseKbps: number;
  /** Healthy samples learnt so far (capped at warmup). */
  readonly learnt: number;
  readonly lastLearnTs: EpochMs | null;
  readonly first: HealthSample | null;
}

export const initialVideoDegraded: VideoDegradedState = {
  hold: IDLE_HOLD,
  baseFps: 0,
  baseKbps: 0,
  learnt: 0,
  lastLearnTs: null,
  first: null,
};

export function stepVideoDegraded(
  s: VideoDegradedState,
  sample: HealthSample,
  now: EpochMs,
  cfg: VideoDegradedConfig = VIDEO_DEGRADED_DEFAULTS,
): DetectorStepOf<VideoDegradedState, 'video-degraded'> {
  const { videoFps, bitrateKbps } = sample;
  if (videoFps === undefined || bitrateKbps === undefined) return { state: s, reports: NO_REPORTS };
  const online = onAir(sample);
  const frozen = videoFps <= cfg.frozenFps;
  const warm = s.learnt >= cfg.warmupSamples;
  const degraded = warm && (videoFps < cfg.fpsRatio * s.baseFps || bitrateKbps < cfg.bitrateRatio * s.baseKbps);
  const verdict = !online || frozen ? 'neutral' : degraded ? 'bad' : 'good';
  const hold = advanceHold(s.hold, verdict, sample.ts, cfg);

  let { baseFps, baseKbps, learnt, lastLearnTs } = s;
  // Learn only from healthy samples, and not while the detector is firing (the recovery may be partial).
  if (verdict === 'good' && !hold.firing) {
    const dt = lastLearnTs === null ? cfg.baselineTauMs : Math.max(0, sample.ts - lastLearnTs);
    // During warm-up use a plain running mean so the first samples are not over-weighted.
    const alpha = learnt < cfg.warmupSamples ? 1 / (learnt + 1) : 1 - Math.exp(-dt / cfg.baselineTauMs);
    baseFps += alpha * (videoFps - baseFps);
    baseKbps += alpha * (bitrateKbps - baseKbps);
    learnt = Math.min(cfg.warmupSamples, learnt + 1);
    lastLearnTs = sample.ts;
  }
  const first = verdict === 'bad' ? (hold.badSince === sample.ts || s.first === null ? sample : s.first) : null;
  const state: VideoDegradedState = { hold, baseFps, baseKbps, learnt, lastLearnTs, first };

  if (!s.hold.firing && hold.firing) {
    return {
      state,
      reports: [
        { type: 'finding', finding: degradedFinding(first ?? sample, sample, s, hold.badSince ?? sample.ts, now) },
      ],
    };
  }
  if (s.hold.firing && !hold.firing) {
    return {
      state,
      reports: [{ type: 'healthy', kind: 'video', detector: 'video-degraded', since: hold.goodSince ?? sample.ts }],
    };
  }
  return { state, reports: NO_REPORTS };
}

function degradedFinding(
  first: HealthSample,
  last: HealthSample,
  base: VideoDegradedState,
  startedAt: EpochMs,
  now: EpochMs,
): FindingOf<'video-degraded'> {
  const fpsPct = base.baseFps > 0 ? Math.round((100 * (last.videoFps ?? 0)) / base.baseFps) : 0;
  const kbpsPct = base.baseKbps > 0 ? Math.round((100 * (last.bitrateKbps ?? 0)) / base.baseKbps) : 0;
  const evidence: EvidenceOf<'video-degraded'>[] = [
    { type: 'sample', ts: first.ts, detector: 'video-degraded', metric: 'videoFps', value: first.videoFps ?? 0 },
    { type: 'sample', ts: first.ts, detector: 'video-degraded', metric: 'bitrateKbps', value: first.bitrateKbps ?? 0 },
    { type: 'sample', ts: last.ts, detector: 'video-degraded', metric: 'videoFps', value: last.videoFps ?? 0 },
    { type: 'sample', ts: last.ts, detector: 'video-degraded', metric: 'bitrateKbps', value: last.bitrateKbps ?? 0 },
    {
      type: 'note',
      ts: now,
      detector: 'video-degraded',
      text: `baseline ${base.baseFps.toFixed(1)} fps, ${Math.round(base.baseKbps)} kbps`,
    },
  ];
  return {
    kind: 'video',
    source: 'signal',
    detector: 'video-degraded',
    title: `Video degraded (${fpsPct}% fps, ${kbpsPct}% bitrate of normal)`,
    confidence: 0.65,
    severity: 'low',
    startedAt,
    at: now,
    evidence,
  };
}

export const videoDegradedDetector: Detector<'video-degraded', VideoDegradedConfig, VideoDegradedState, 'health'> = {
  name: 'video-degraded',
  defaults: VIDEO_DEGRADED_DEFAULTS,
  initial: initialVideoDegraded,
  consumes: ['health'],
  step: (s, input, now, cfg) => stepVideoDegraded(s, input.sample, now, cfg),
};
