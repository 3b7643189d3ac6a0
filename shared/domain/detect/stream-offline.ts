/**
 * Stream offline: the platform reports the stream as offline for longer than a blip.
 */
import type { EpochMs, HealthSample } from '../../types';
import type { HoldConfig } from './hold';
import { initialHoldDetector, stepHoldDetector, type HoldDetectorSpec, type HoldDetectorState } from './hold-detector';
import { NO_REPORTS, type Detector, type DetectorStepOf } from './detector';

export type StreamOfflineConfig = HoldConfig;
const STREAM_OFFLINE_DEFAULTS: StreamOfflineConfig = { holdMs: 2_000, clearMs: 2_000, maxGapMs: 5_000 };

export type StreamOfflineState = HoldDetectorState;
export const initialStreamOffline: StreamOfflineState = initialHoldDetector;

const spec: HoldDetectorSpec<'stream-offline'> = {
  kind: 'stream',
  detector: 'stream-offline',
  describe: (first, last, startedAt, now) => ({
    kind: 'stream',
    source: 'signal',
    detector: 'stream-offline',
    title: 'Stream offline',
    confidence: 0.95,
    severity: 'high',
    startedAt,
    at: now,
    evidence: [
      { type: 'sample', ts: first.ts, detector: 'stream-offline', metric: 'streamState', value: 0 },
      { type: 'sample', ts: last.ts, detector: 'stream-offline', metric: 'streamState', value: 0 },
      ...(last.bitrateKbps === undefined
        ? []
        : [
            {
              type: 'sample' as const,
              ts: last.ts,
              detector: 'stream-offline' as const,
              metric: 'bitrateKbps' as const,
              value: last.bitrateKbps,
            },
          ]),
    ],
  }),
};

export function stepStreamOffline(
  s: StreamOfflineState,
  sample: HealthSample,
  now: EpochMs,
  cfg: StreamOfflineConfig = STREAM_OFFLINE_DEFAULTS,
): DetectorStepOf<StreamOfflineState, 'stream-offline'> {
  if (sample.streamState === undefined) return { state: s, reports: NO_REPORTS };
  return stepHoldDetector(s, sample, sample.streamState === 'offline' ? 'bad' : 'good', now, cfg, spec);
}

export const streamOfflineDetector: Detector<'stream-offline', StreamOfflineConfig, StreamOfflineState, 'health'> = {
  name: 'stream-offline',
  defaults: STREAM_OFFLINE_DEFAULTS,
  initial: initialStreamOffline,
  consumes: ['health'],
  step: (s, input, now, cfg) => stepStreamOffline(s, input.sample, now, cfg),
};
