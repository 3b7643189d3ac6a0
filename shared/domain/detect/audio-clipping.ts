/**
 * Audio clipping / distortion: the level pinned at or above −1 dBFS for a sustained time.
 * Loud peaks are normal speech; only a level that stays at full scale means a hot gain stage.
 */
import type { EpochMs, HealthSample } from '../../types';
import type { HoldConfig } from './hold';
import { initialHoldDetector, stepHoldDetector, type HoldDetectorSpec, type HoldDetectorState } from './hold-detector';
import { NO_REPORTS, onAir, type Detector, type DetectorStepOf } from './detector';

export interface AudioClippingConfig extends HoldConfig {
  /** Level at or above which the audio counts as clipping. */
  clipDb: number;
}

export const AUDIO_CLIPPING_DEFAULTS: AudioClippingConfig = {
  clipDb: -1,
  holdMs: 4_000,
  clearMs: 3_000,
  maxGapMs: 5_000,
};

export type AudioClippingState = HoldDetectorState;
export const initialAudioClipping: AudioClippingState = initialHoldDetector;

const spec: HoldDetectorSpec<'audio-clipping'> = {
  kind: 'audio',
  detector: 'audio-clipping',
  describe: (first, last, startedAt, now) => ({
    kind: 'audio',
    source: 'signal',
    detector: 'audio-clipping',
    title: `Audio clipping / distorted (${(last.audioLevelDb ?? 0).toFixed(1)} dBFS)`,
    confidence: 0.75,
    severity: 'low',
    startedAt,
    at: now,
    evidence: [
      {
        type: 'sample',
        ts: first.ts,
        detector: 'audio-clipping',
        metric: 'audioLevelDb',
        value: first.audioLevelDb ?? 0,
      },
      {
        type: 'sample',
        ts: last.ts,
        detector: 'audio-clipping',
        metric: 'audioLevelDb',
        value: last.audioLevelDb ?? 0,
      },
    ],
  }),
};

export function stepAudioClipping(
  s: AudioClippingState,
  sample: HealthSample,
  now: EpochMs,
  cfg: AudioClippingConfig = AUDIO_CLIPPING_DEFAULTS,
): DetectorStepOf<AudioClippingState, 'audio-clipping'> {
  if (sample.audioLevelDb === undefined) return { state: s, reports: NO_REPORTS };
  const verdict = !onAir(sample) ? 'neutral' : sample.audioLevelDb >= cfg.clipDb ? 'bad' : 'good';
  return stepHoldDetector(s, sample, verdict, now, cfg, spec);
}

export const audioClippingDetector: Detector<'audio-clipping', AudioClippingConfig, AudioClippingState, 'health'> = {
  name: 'audio-clipping',
  defaults: AUDIO_CLIPPING_DEFAULTS,
  initial: initialAudioClipping,
  consumes: ['health'],
  step: (s, input, now, cfg) => stepAudioClipping(s, input.sample, now, cfg),
};
