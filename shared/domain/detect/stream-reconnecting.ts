/**
 * Stream reconnecting: the encoder lost its ingest and is trying again. OBS says so at once, before the
 * platform notices; a reconnect takes seconds at the least (OBS waits before each retry), so half a second
 * of it is no blip. When OBS gives up the stream is offline, and stream-offline takes over.
 */
import type { EpochMs, HealthSample } from '../../types';
import type { HoldConfig } from './hold';
import { initialHoldDetector, stepHoldDetector, type HoldDetectorSpec, type HoldDetectorState } from './hold-detector';
import { NO_REPORTS, type Detector, type DetectorStepOf } from './detector';

export type StreamReconnectingConfig = HoldConfig;
const STREAM_RECONNECTING_DEFAULTS: StreamReconnectingConfig = { holdMs: 500, clearMs: 2_000, maxGapMs: 5_000 };

export type StreamReconnectingState = HoldDetectorState;

const spec: HoldDetectorSpec<'stream-reconnecting'> = {
  kind: 'stream',
  detector: 'stream-reconnecting',
  describe: (first, last, startedAt, now) => ({
    kind: 'stream',
    source: 'signal',
    detector: 'stream-reconnecting',
    title: 'Stream reconnecting: the encoder lost its connection to the platform',
    confidence: 0.95,
    severity: 'high',
    startedAt,
    at: now,
    evidence: [
      { type: 'sample', ts: first.ts, detector: 'stream-reconnecting', metric: 'streamState', value: 0 },
      { type: 'sample', ts: last.ts, detector: 'stream-reconnecting', metric: 'streamState', value: 0 },
    ],
  }),
};

export function stepStreamReconnecting(
  s: StreamReconnectingState,
  sample: HealthSample,
  now: EpochMs,
  cfg: StreamReconnectingConfig = STREAM_RECONNECTING_DEFAULTS,
): DetectorStepOf<StreamReconnectingState, 'stream-reconnecting'> {
  if (sample.streamState === undefined) return { state: s, reports: NO_REPORTS };
  return stepHoldDetector(s, sample, sample.streamState === 'reconnecting' ? 'bad' : 'good', now, cfg, spec);
}

export const streamReconnectingDetector: Detector<
  'stream-reconnecting',
  StreamReconnectingConfig,
  StreamReconnectingState,
  'health'
> = {
  name: 'stream-reconnecting',
  defaults: STREAM_RECONNECTING_DEFAULTS,
  initial: initialHoldDetector,
  consumes: ['health'],
  step: (s, input, now, cfg) => stepStreamReconnecting(s, input.sample, now, cfg),
};
