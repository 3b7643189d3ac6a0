/**
 * Video frozen: the frame rate near zero while the stream says it is online (the encoder is up but
 * the picture is not moving). When the stream itself is offline, stream-offline owns the problem.
 */
import type { EpochMs, HealthSample } from '../../types';
import type { HoldConfig } from './hold';
import { initialHoldDetector, stepHoldDetector, type HoldDetectorSpec, type HoldDetectorState } from './hold-detector';
import { NO_REPORTS, onAir, type Detector, type DetectorStepOf } from './detector';

export interface VideoFrozenConfig extends HoldConfig {
  /** Frames/s at or below which the picture counts as frozen. */
  frozenFps: number;
}

const VIDEO_FROZEN_DEFAULTS: VideoFrozenConfig = {
  frozenFps: 1,
  holdMs: 3_000,
  clearMs: 2_000,
  maxGapMs: 5_000,
};

export type VideoFrozenState = HoldDetectorState;
export const initialVideoFrozen: VideoFrozenState = initialHoldDetector;

const spec: HoldDetectorSpec<'video-frozen'> = {
  kind: 'video',
  detector: 'video-frozen',
  describe: (first, last, startedAt, now) => ({
    kind: 'video',
    source: 'signal',
    detector: 'video-frozen',
    title: `Video frozen (${(last.videoFps ?? 0).toFixed(1)} fps)`,
    confidence: 0.9,
    severity: 'low',
    startedAt,
    at: now,
    evidence: [
      { type: 'sample', ts: first.ts, detector: 'video-frozen', metric: 'videoFps', value: first.videoFps ?? 0 },
      { type: 'sample', ts: last.ts, detector: 'video-frozen', metric: 'videoFps', value: last.videoFps ?? 0 },
    ],
  }),
};

export function stepVideoFrozen(
  s: VideoFrozenState,
  sample: HealthSample,
  now: EpochMs,
  cfg: VideoFrozenConfig = VIDEO_FROZEN_DEFAULTS,
): DetectorStepOf<VideoFrozenState, 'video-frozen'> {
  if (sample.videoFps === undefined) return { state: s, reports: NO_REPORTS };
  const verdict = !onAir(sample) ? 'neutral' : sample.videoFps <= cfg.frozenFps ? 'bad' : 'good';
  return stepHoldDetector(s, sample, verdict, now, cfg, spec);
}

export const videoFrozenDetector: Detector<'video-frozen', VideoFrozenConfig, VideoFrozenState, 'health'> = {
  name: 'video-frozen',
  defaults: VIDEO_FROZEN_DEFAULTS,
  initial: initialVideoFrozen,
  consumes: ['health'],
  step: (s, input, now, cfg) => stepVideoFrozen(s, input.sample, now, cfg),
};
