/**
 * A microphone gone silent: an encoder input the producer marked as the program's audio reads silence while
 * the program is on air. A dead or unplugged input reads digital zero (≤ `digitalSilenceDb`) and fires after
 * the short `holdMs`; a speaker's pause keeps the room's noise floor (≈ −50…−60 dBFS), so a level under
 * `floorDb` but above digital zero needs the long `shallowHoldMs`. A muted input is not silent by accident
 * (talking-while-muted watches those). Each input is judged on its own; one finding per input that goes
 * silent, one healthy report once every input speaks again.
 */
import type { EpochMs, HealthSample, InputLevel } from '../../types';
import { NO_REPORTS, onAir, type Detector, type DetectorReportOf, type DetectorStepOf } from './detector';
import { firingInputs, IDLE_STREAK, initialInputs, type InputsState, type InputStreak } from './input-levels';

export interface InputSilenceConfig {
  digitalSilenceDb: number;
  floorDb: number;
  /** Hold for digital zero: the meters arrive four times a second, so one second is four readings. */
  holdMs: number;
  /** Hold for the room's floor: longer than any pause for breath or thought. */
  shallowHoldMs: number;
  clearMs: number;
  /** A longer gap between readings breaks every streak. */
  maxGapMs: number;
}

const INPUT_SILENCE_DEFAULTS: InputSilenceConfig = {
  digitalSilenceDb: -90,
  floorDb: -60,
  holdMs: 1_000,
  shallowHoldMs: 15_000,
  clearMs: 1_000,
  maxGapMs: 2_000,
};

export type InputSilenceState = InputsState;

function advance(x: InputStreak, input: InputLevel, ts: EpochMs, cfg: InputSilenceConfig): InputStreak {
  if (input.muted) return IDLE_STREAK;
  if (input.levelDb > cfg.floorDb) {
    if (!x.firing) return IDLE_STREAK;
    const goodSince = x.goodSince ?? ts;
    return ts - goodSince >= cfg.clearMs ? IDLE_STREAK : { ...x, badSince: null, goodSince };
  }
  const fresh = x.badSince === null;
  const badSince = fresh ? ts : x.badSince;
  const first = fresh || x.first === null ? { ts, input } : x.first;
  // Deep only while the whole streak is digital zero: a pause that ends in a dead input starts over.
  const deep = first.input.levelDb <= cfg.digitalSilenceDb && input.levelDb <= cfg.digitalSilenceDb;
  const firing = x.firing || ts - badSince >= (deep ? cfg.holdMs : cfg.shallowHoldMs);
  return { badSince, goodSince: null, firing, first };
}

export function stepInputSilence(
  s: InputSilenceState,
  sample: HealthSample,
  now: EpochMs,
  cfg: InputSilenceConfig = INPUT_SILENCE_DEFAULTS,
): DetectorStepOf<InputSilenceState, 'input-silence'> {
  if (!sample.inputs?.length) return { state: s, reports: NO_REPORTS };
  const gap = s.lastTs !== null && sample.ts - s.lastTs > cfg.maxGapMs;
  const live = onAir(sample);
  const inputs: Record<string, InputStreak> = { ...s.inputs };
  const reports: DetectorReportOf<'input-silence'>[] = [];
  const wasFiring = firingInputs(s).length > 0;
  for (const input of sample.inputs) {
    const before =
      gap || !live
        ? { ...IDLE_STREAK, firing: s.inputs[input.name]?.firing ?? false }
        : (s.inputs[input.name] ?? IDLE_STREAK);
    const after = live ? advance(before, input, sample.ts, cfg) : before;
    inputs[input.name] = after;
    if (after.firing && !before.firing && after.first) reports.push(finding(after.first, input, sample.ts, now, cfg));
  }
  const state: InputSilenceState = { inputs, lastTs: sample.ts };
  if (wasFiring && firingInputs(state).length === 0)
    reports.push({ type: 'healthy', kind: 'audio', detector: 'input-silence', since: sample.ts });
  return { state, reports: reports.length ? reports : NO_REPORTS };
}

function finding(
  first: { ts: EpochMs; input: InputLevel },
  last: InputLevel,
  ts: EpochMs,
  now: EpochMs,
  cfg: InputSilenceConfig,
): DetectorReportOf<'input-silence'> {
  const digital = last.levelDb <= cfg.digitalSilenceDb;
  const title = digital
    ? `Microphone "${last.name}" silent (no signal at all)`
    : `Microphone "${last.name}" near-silent for ${Math.round((ts - first.ts) / 1000)} s (${Math.round(last.levelDb)} dBFS)`;
  const sample = (at: EpochMs, x: InputLevel) =>
    ({
      type: 'sample',
      ts: at,
      detector: 'input-silence',
      metric: 'inputLevelDb',
      value: x.levelDb,
      input: x.name,
    }) as const;
  return {
    type: 'finding',
    finding: {
      kind: 'audio',
      source: 'signal',
      detector: 'input-silence',
      title,
      confidence: digital ? 0.9 : 0.7,
      severity: 'medium',
      startedAt: first.ts,
      at: now,
      evidence: [sample(first.ts, first.input), sample(ts, last)],
    },
  };
}

export const inputSilenceDetector: Detector<'input-silence', InputSilenceConfig, InputSilenceState, 'health'> = {
  name: 'input-silence',
  defaults: INPUT_SILENCE_DEFAULTS,
  initial: initialInputs,
  consumes: ['health'],
  step: (s, input, now, cfg) => stepInputSilence(s, input.sample, now, cfg),
};
