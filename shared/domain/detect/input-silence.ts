/**
 * A microphone gone silent: an encoder input the producer marked as the program's audio reads silence while
 * the program is on air. A dead or unplugged input reads digital zero (≤ `digitalSilenceDb`) and fires after
 * the short `holdMs` of it (also when a pause ended in it: from when the input died); a speaker's pause keeps
 * the room's noise floor (≈ −50…−60 dBFS), so a level at or under `floorDb` (−50) but above digital zero needs
 * the long `shallowHoldMs`, and only while every watched input is that quiet: on a panel, the guest who
 * listens while the host speaks is not an incident, the whole program falling quiet is. A muted input is not
 * silent by accident (talking-while-muted watches those).
 * Each input is judged on its own, and an input missing from the readings for longer than `maxGapMs` starts
 * over; one finding per input that goes silent, one healthy report once every input speaks again (`since`:
 * when the last of them began to).
 */
import type { EpochMs, HealthSample, InputLevel } from '../../types';
import { NO_REPORTS, onAir, type Detector, type DetectorReportOf, type DetectorStepOf } from './detector';
import {
  IDLE_STREAK,
  initialInputs,
  type InputReading,
  type InputsState,
  type InputStreak,
  stepEachInput,
} from './input-levels';

export interface InputSilenceConfig {
  /** Level at or below which an input reads digital zero (a dead chain, nothing in a room is that quiet). */
  digitalSilenceDb: number;
  /** Level at or below which an input counts as silent: the room's noise floor, a speaker's pause. */
  floorDb: number;
  /**
   * Hold for digital zero: three readings (OBS's source sends one per 250 ms, each the loudest of its window),
   * so the first all-zero window plus this hold stays within 1.5 s of the onset. Nothing in a room is that quiet.
   */
  holdMs: number;
  /** Hold for the room's floor: longer than any pause for breath or thought. */
  shallowHoldMs: number;
  clearMs: number;
  /** A longer gap between an input's readings breaks its streak. */
  maxGapMs: number;
}

const INPUT_SILENCE_DEFAULTS: InputSilenceConfig = {
  digitalSilenceDb: -90,
  floorDb: -50,
  holdMs: 750,
  shallowHoldMs: 15_000,
  clearMs: 1_000,
  maxGapMs: 2_000,
};

/** An input's streak, with the run of digital zero inside it and the input's newest reading. */
interface SilenceStreak extends InputStreak {
  /** First reading of the current unbroken run of digital zero (the streak may have begun as a pause). */
  readonly deep: InputReading | null;
  /** When this input was last read: an input missing from the readings for long starts over. */
  readonly lastTs: EpochMs | null;
}

export interface InputSilenceState extends InputsState<SilenceStreak> {
  /** Since when every watched, unmuted input has been at or under the floor (the program is quiet). */
  readonly quietSince: EpochMs | null;
}

const initialInputSilence: InputSilenceState = Object.freeze({ ...initialInputs, quietSince: null });

const IDLE: SilenceStreak = Object.freeze({ ...IDLE_STREAK, deep: null, lastTs: null });
const idleAt = (ts: EpochMs): SilenceStreak => ({ ...IDLE, lastTs: ts });

function advance(
  x: SilenceStreak,
  input: InputLevel,
  ts: EpochMs,
  quietSince: EpochMs | null,
  cfg: InputSilenceConfig,
): SilenceStreak {
  if (input.muted) return idleAt(ts);
  if (input.levelDb > cfg.floorDb) {
    if (!x.firing) return idleAt(ts);
    const goodSince = x.goodSince ?? ts;
    if (ts - goodSince >= cfg.clearMs) return idleAt(ts);
    return { ...x, badSince: null, first: null, deep: null, goodSince, lastTs: ts };
  }
  const reading = { ts, input };
  const fresh = x.badSince === null;
  const badSince = fresh ? ts : x.badSince;
  const first = fresh || x.first === null ? reading : x.first;
  // A pause that ends in a dead input is on the short hold from when the input died; a reading above
  // digital zero ends the run (the streak goes on, on the long hold).
  const digital = input.levelDb <= cfg.digitalSilenceDb;
  const deep = digital ? (fresh || x.deep === null ? reading : x.deep) : null;
  const shallowSince = quietSince === null ? null : Math.max(badSince, quietSince);
  const held =
    (deep !== null && ts - deep.ts >= cfg.holdMs) || (shallowSince !== null && ts - shallowSince >= cfg.shallowHoldMs);
  return { badSince, goodSince: null, firing: x.firing || held, first, deep, lastTs: ts };
}

export function stepInputSilence(
  s: InputSilenceState,
  sample: HealthSample,
  now: EpochMs,
  cfg: InputSilenceConfig = INPUT_SILENCE_DEFAULTS,
): DetectorStepOf<InputSilenceState, 'input-silence'> {
  if (!sample.inputs?.length) return { state: s, reports: NO_REPORTS };
  const ts = sample.ts;
  const live = onAir(sample);
  const heard = sample.inputs.filter((i) => !i.muted);
  const quiet = live && heard.length > 0 && heard.every((i) => i.levelDb <= cfg.floorDb);
  const gapped = s.lastTs !== null && ts - s.lastTs > cfg.maxGapMs;
  const quietSince = quiet ? (s.quietSince !== null && !gapped ? s.quietSince : ts) : null;
  const { inputs, reports } = stepEachInput(s, sample.inputs, {
    advance(kept = IDLE, input) {
      // Off air, or after a gap in this input's readings, its streak starts over (a verdict stays until cleared).
      const gap = kept.lastTs !== null && ts - kept.lastTs > cfg.maxGapMs;
      const before = gap || !live ? { ...IDLE, firing: kept.firing, lastTs: kept.lastTs } : kept;
      return live ? advance(before, input, ts, quietSince, cfg) : { ...before, lastTs: ts };
    },
    finding: (after, input) => finding(after, input, ts, now, cfg),
    recoveredAt: (before) => before.goodSince ?? ts,
    healthy: (since) => ({ type: 'healthy', kind: 'audio', detector: 'input-silence', since }),
  });
  const state: InputSilenceState = { inputs, lastTs: ts, quietSince };
  return { state, reports: reports.length ? reports : NO_REPORTS };
}

function finding(
  x: SilenceStreak,
  last: InputLevel,
  ts: EpochMs,
  now: EpochMs,
  cfg: InputSilenceConfig,
): DetectorReportOf<'input-silence'> {
  const digital = x.deep !== null && ts - x.deep.ts >= cfg.holdMs;
  const first = (digital ? x.deep : x.first) ?? { ts, input: last };
  const title = digital
    ? `Microphone "${last.name}" silent (no signal at all)`
    : `Microphone "${last.name}" near-silent for ${Math.round((ts - first.ts) / 1000)} s (${Math.round(last.levelDb)} dBFS)`;
  const sample = (at: EpochMs, input: InputLevel) =>
    ({
      type: 'sample',
      ts: at,
      detector: 'input-silence',
      metric: 'inputLevelDb',
      value: input.levelDb,
      input: input.name,
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
  initial: initialInputSilence,
  consumes: ['health'],
  step: (s, input, now, cfg) => stepInputSilence(s, input.sample, now, cfg),
};
