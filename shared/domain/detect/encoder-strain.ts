/**
 * Encoder strain: the encoder's own view of its output going wrong — the connection congested, or frames
 * dropped on the way out (network) and skipped by the encoder or renderer (the machine cannot keep up).
 * The audience sees stutter before any platform metric moves. Only sources that report the encoder's view
 * (`congestion` or `skippedFrames`: OBS) are judged, also without a stream (OBS as a virtual camera: its render
 * lag still reaches the audience), never while the stream is offline or reconnecting; a platform's
 * dropped-frames count is video-degraded's.
 */
import type { EpochMs, HealthSample } from '../../types';
import type { HoldConfig } from './hold';
import { initialHoldDetector, stepHoldDetector, type HoldDetectorSpec, type HoldDetectorState } from './hold-detector';
import { NO_REPORTS, onAir, type Detector, type DetectorStepOf, type EvidenceOf } from './detector';

export interface EncoderStrainConfig extends HoldConfig {
  /** Congestion (0…1) at or above which the output counts as congested. */
  congestion: number;
  /**
   * Share of the expected frames (`videoFps` × the time since the previous sample) lost (dropped + skipped)
   * at or above which it counts as stutter.
   */
  lostRatio: number;
}

const ENCODER_STRAIN_DEFAULTS: EncoderStrainConfig = {
  congestion: 0.5,
  lostRatio: 0.1,
  holdMs: 5_000,
  clearMs: 5_000,
  maxGapMs: 5_000,
};

export interface EncoderStrainState extends HoldDetectorState {
  readonly lastTs: EpochMs | null;
}

const initialEncoderStrain: EncoderStrainState = { ...initialHoldDetector, lastTs: null };

const lost = (x: HealthSample) => (x.droppedFrames ?? 0) + (x.skippedFrames ?? 0);

const spec: HoldDetectorSpec<'encoder-strain'> = {
  kind: 'video',
  detector: 'encoder-strain',
  describe: (first, last, startedAt, now) => {
    const metrics = (['congestion', 'droppedFrames', 'skippedFrames'] as const).filter((m) => last[m] !== undefined);
    const evidence = [first, last].flatMap((x) =>
      metrics.map((metric): EvidenceOf<'encoder-strain'> => ({
        type: 'sample',
        ts: x.ts,
        detector: 'encoder-strain',
        metric,
        value: x[metric] ?? 0,
      })),
    );
    const congested = (last.congestion ?? 0) > 0 && lost(last) === 0;
    return {
      kind: 'video',
      source: 'signal',
      detector: 'encoder-strain',
      title: congested
        ? `Stream congested (${Math.round((last.congestion ?? 0) * 100)} %)`
        : `Video stutters: the encoder loses frames (${lost(last)} in the last reading)`,
      confidence: 0.8,
      severity: 'low',
      startedAt,
      at: now,
      evidence,
    };
  },
};

export function stepEncoderStrain(
  s: EncoderStrainState,
  sample: HealthSample,
  now: EpochMs,
  cfg: EncoderStrainConfig = ENCODER_STRAIN_DEFAULTS,
): DetectorStepOf<EncoderStrainState, 'encoder-strain'> {
  if (sample.congestion === undefined && sample.skippedFrames === undefined) return { state: s, reports: NO_REPORTS };
  const dtSec = s.lastTs === null ? 0 : Math.max(0, sample.ts - s.lastTs) / 1000;
  const expected = (sample.videoFps ?? 0) * dtSec;
  const stutter = expected > 0 && lost(sample) / expected >= cfg.lostRatio;
  const congested = (sample.congestion ?? 0) >= cfg.congestion;
  // OBS used as a virtual camera has no stream state, and its render lag still reaches the audience.
  const verdict = !onAir(sample) ? 'neutral' : stutter || congested ? 'bad' : 'good';
  const r = stepHoldDetector(s, sample, verdict, now, cfg, spec);
  return { state: { ...r.state, lastTs: sample.ts }, reports: r.reports };
}

export const encoderStrainDetector: Detector<'encoder-strain', EncoderStrainConfig, EncoderStrainState, 'health'> = {
  name: 'encoder-strain',
  defaults: ENCODER_STRAIN_DEFAULTS,
  initial: initialEncoderStrain,
  consumes: ['health'],
  step: (s, input, now, cfg) => stepEncoderStrain(s, input.sample, now, cfg),
};
