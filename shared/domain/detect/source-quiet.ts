/**
 * Source went quiet: no health sample for `quietMs`. No sample arrives to tell us, so this detector
 * is driven by `tick(now)` inputs as well as by samples. Before the first sample it stays silent:
 * a session that never started is not an outage.
 *
 * Quiet is judged on the clock the detector is fed with (`now`), never on the sample's own stamp: one
 * sample stamped a day ahead must not postpone the alarm by a day. Live, `now` is when the sample arrived;
 * a replay feeds the samples' own timestamps as `now`, which comes to the same.
 *
 * A platform (YouTube, Zoom) has no cadence to miss: it says what it says when it says it (every 30 s, on an
 * event), and its connection state tells when it stops. Its samples leave this detector unarmed.
 */
import { isPlatformSourceId } from '../../sources';
import type { EpochMs, HealthSample } from '../../types';
import { NO_REPORTS, type Detector, type DetectorStepOf, type FindingOf } from './detector';

export interface SourceQuietConfig {
  /** Silence of the health stream after which the source counts as quiet. */
  quietMs: number;
}

export const SOURCE_QUIET_DEFAULTS: SourceQuietConfig = { quietMs: 5_000 };

export interface SourceQuietState {
  /** When the newest sample arrived (the `now` it came with). */
  readonly lastSampleTs: EpochMs | null;
  readonly firing: boolean;
}

export const initialSourceQuiet: SourceQuietState = { lastSampleTs: null, firing: false };

export type SourceQuietInput = { type: 'sample'; sample: HealthSample } | { type: 'tick' };

export function stepSourceQuiet(
  s: SourceQuietState,
  input: SourceQuietInput,
  now: EpochMs,
  cfg: SourceQuietConfig = SOURCE_QUIET_DEFAULTS,
): DetectorStepOf<SourceQuietState, 'source-quiet'> {
  if (input.type === 'sample' && isPlatformSourceId(input.sample.source)) return { state: s, reports: NO_REPORTS };
  if (input.type === 'sample') {
    const lastSampleTs = s.lastSampleTs === null ? now : Math.max(s.lastSampleTs, now);
    const state = { lastSampleTs, firing: false };
    if (s.firing)
      return { state, reports: [{ type: 'healthy', kind: 'stream', detector: 'source-quiet', since: now }] };
    return { state, reports: NO_REPORTS };
  }
  if (s.firing || s.lastSampleTs === null || now - s.lastSampleTs < cfg.quietMs)
    return { state: s, reports: NO_REPORTS };
  const finding: FindingOf<'source-quiet'> = {
    kind: 'stream',
    source: 'signal',
    detector: 'source-quiet',
    title: `No health samples for ${Math.round((now - s.lastSampleTs) / 1000)} s`,
    confidence: 0.6,
    severity: 'medium',
    startedAt: s.lastSampleTs,
    at: now,
    evidence: [
      { type: 'sample', ts: now, detector: 'source-quiet', metric: 'sampleGapMs', value: now - s.lastSampleTs },
    ],
  };
  return { state: { lastSampleTs: s.lastSampleTs, firing: true }, reports: [{ type: 'finding', finding }] };
}

export const sourceQuietDetector: Detector<'source-quiet', SourceQuietConfig, SourceQuietState, 'health' | 'tick'> = {
  name: 'source-quiet',
  defaults: SOURCE_QUIET_DEFAULTS,
  initial: initialSourceQuiet,
  consumes: ['health', 'tick'],
  step: (s, input, now, cfg) =>
    stepSourceQuiet(s, input.type === 'health' ? { type: 'sample', sample: input.sample } : input, now, cfg),
};
