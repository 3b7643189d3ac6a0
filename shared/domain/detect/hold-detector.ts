/**
 * The common shape of a threshold detector: classify each sample as bad/good/neutral, run the hold
 * timer, emit one finding when the hold is reached and one healthy report when it clears.
 * Used by audio-clipping, video-frozen and stream-offline; the others add their own twist.
 */
import type { EpochMs, HealthSample } from '../../types';
import { advanceHold, IDLE_HOLD, type HoldConfig, type HoldState, type Verdict } from './hold';
import { NO_REPORTS, type DetectorStepOf, type FindingOf } from './detector';
import type { IncidentKind } from '../vocabulary';

export interface HoldDetectorState {
  readonly hold: HoldState;
  /** First sample of the current bad streak (evidence). */
  readonly first: HealthSample | null;
}

export const initialHoldDetector: HoldDetectorState = { hold: IDLE_HOLD, first: null };

export interface HoldDetectorSpec<N extends string> {
  kind: IncidentKind;
  detector: N;
  /** Builds the finding once the hold is reached. */
  describe(first: HealthSample, last: HealthSample, startedAt: EpochMs, now: EpochMs): FindingOf<N>;
}

export function stepHoldDetector<N extends string>(
  s: HoldDetectorState,
  sample: HealthSample,
  verdict: Verdict,
  now: EpochMs,
  cfg: HoldConfig,
  spec: HoldDetectorSpec<N>,
): DetectorStepOf<HoldDetectorState, N> {
  const hold = advanceHold(s.hold, verdict, sample.ts, cfg);
  const first = verdict === 'bad' ? (hold.badSince === sample.ts || s.first === null ? sample : s.first) : null;
  const state: HoldDetectorState = { hold, first };
  if (!s.hold.firing && hold.firing) {
    const finding = spec.describe(first ?? sample, sample, hold.badSince ?? sample.ts, now);
    return { state, reports: [{ type: 'finding', finding }] };
  }
  if (s.hold.firing && !hold.firing) {
    return {
      state,
      reports: [{ type: 'healthy', kind: spec.kind, detector: spec.detector, since: hold.goodSince ?? sample.ts }],
    };
  }
  return { state, reports: NO_REPORTS };
}
