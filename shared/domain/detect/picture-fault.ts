/**
 * Picture fault, as the program probe sees the program: a black screen, or a picture that no longer moves.
 * The probe stamps when each began (`blackSince`, `frozenSince`): black fires once it has lasted `blackHoldMs`
 * (a fade to black between segments is short); frozen fires at once, since ffmpeg's freezedetect already held
 * it. Either way the incident starts when the audience first saw it. It clears after `clearMs` of good
 * picture (a black one younger than the hold is not good picture); nothing is judged while the stream is
 * offline or reconnecting (stream-offline owns that).
 */
import type { EpochMs, HealthSample } from '../../types';
import { NO_REPORTS, onAir, type Detector, type DetectorStepOf, type FindingOf } from './detector';

export interface PictureFaultConfig {
  blackHoldMs: number;
  clearMs: number;
}

const PICTURE_FAULT_DEFAULTS: PictureFaultConfig = { blackHoldMs: 2_000, clearMs: 1_000 };

export interface PictureFaultState {
  readonly firing: boolean;
  /** While firing: when the picture was last seen fine again. */
  readonly goodSince: EpochMs | null;
}

const initialPictureFault: PictureFaultState = { firing: false, goodSince: null };

export function stepPictureFault(
  s: PictureFaultState,
  sample: HealthSample,
  now: EpochMs,
  cfg: PictureFaultConfig = PICTURE_FAULT_DEFAULTS,
): DetectorStepOf<PictureFaultState, 'picture-fault'> {
  if (!onAir(sample)) return { state: s, reports: NO_REPORTS };
  const { blackSince, frozenSince } = sample;
  const black = blackSince !== undefined && sample.ts - blackSince >= cfg.blackHoldMs;
  // A black picture does not move either: freezedetect calls it frozen too, but it is a black screen.
  const frozen = frozenSince !== undefined && blackSince === undefined;
  // Black for less than the hold is no fault yet, but no good picture either: it does not clear one.
  const young = blackSince !== undefined && !black;
  if (black || frozen || young) {
    if (s.firing || !(black || frozen))
      return { state: s.goodSince === null ? s : { ...s, goodSince: null }, reports: NO_REPORTS };
    return {
      state: { firing: true, goodSince: null },
      reports: [{ type: 'finding', finding: fault(sample, black, now) }],
    };
  }
  if (!s.firing) return { state: s, reports: NO_REPORTS };
  const goodSince = s.goodSince ?? sample.ts;
  if (sample.ts - goodSince < cfg.clearMs) return { state: { firing: true, goodSince }, reports: NO_REPORTS };
  return {
    state: initialPictureFault,
    reports: [{ type: 'healthy', kind: 'video', detector: 'picture-fault', since: goodSince }],
  };
}

function fault(sample: HealthSample, black: boolean, now: EpochMs): FindingOf<'picture-fault'> {
  const since = (black ? sample.blackSince : sample.frozenSince) ?? sample.ts;
  return {
    kind: 'video',
    source: 'signal',
    detector: 'picture-fault',
    title: black ? 'Black screen: the program shows no picture' : 'Picture frozen: the program does not move',
    confidence: 0.9,
    severity: 'medium',
    startedAt: since,
    at: now,
    evidence: [
      {
        type: 'sample',
        ts: sample.ts,
        detector: 'picture-fault',
        metric: black ? 'blackMs' : 'frozenMs',
        value: sample.ts - since,
      },
    ],
  };
}

export const pictureFaultDetector: Detector<'picture-fault', PictureFaultConfig, PictureFaultState, 'health'> = {
  name: 'picture-fault',
  defaults: PICTURE_FAULT_DEFAULTS,
  initial: initialPictureFault,
  consumes: ['health'],
  step: (s, input, now, cfg) => stepPictureFault(s, input.sample, now, cfg),
};
