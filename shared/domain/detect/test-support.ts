/**
 * Helpers for detector tests: healthy samples with overrides, and a driver that folds a detector
 * over a list of samples with explicit timestamps (the fake clock is simply `now = sample.ts`).
 */
import type { EpochMs, HealthSample } from '../../types';
import type { DetectorReport, DetectorStep } from './types';

export const T0: EpochMs = 1_700_000_000_000;

/** A healthy one-second sample at scenario second `sec`. */
export function sample(sec: number, over: Partial<HealthSample> = {}): HealthSample {
  return {
    ts: T0 + sec * 1000,
    audioLevelDb: -18,
    audioPacketsPerSec: 50,
    videoFps: 30,
    bitrateKbps: 2500,
    droppedFrames: 0,
    streamState: 'online',
    viewers: 200,
    ...over,
  };
}

/** A sample stamped `ts` (a clock's reading), healthy or with the audio gone: level at the floor, no packets. */
export const audioSample = (ts: number, silent: boolean): HealthSample => ({
  ts,
  audioLevelDb: silent ? -91 : -18,
  audioPacketsPerSec: silent ? 0 : 50,
  videoFps: 30,
  bitrateKbps: 2500,
  droppedFrames: 0,
  streamState: 'online',
  viewers: 100,
});

/** Samples for seconds [from, to) with the same overrides. */
export function seconds(from: number, to: number, over: Partial<HealthSample> = {}): HealthSample[] {
  return Array.from({ length: to - from }, (_, i) => sample(from + i, over));
}

interface Fired {
  /** Scenario second of each report. */
  sec: number;
  report: DetectorReport;
}

/** Fold `step` over `samples`, returning every report with the second it came at. */
export function fold<S>(
  step: (s: S, x: HealthSample, now: EpochMs) => DetectorStep<S>,
  initial: S,
  samples: readonly HealthSample[],
) {
  let state = initial;
  const fired: Fired[] = [];
  for (const x of samples) {
    const r = step(state, x, x.ts);
    state = r.state;
    for (const report of r.reports) fired.push({ sec: (x.ts - T0) / 1000, report });
  }
  return {
    state,
    fired,
    findings: fired.filter((f) => f.report.type === 'finding'),
    healthy: fired.filter((f) => f.report.type === 'healthy'),
  };
}
