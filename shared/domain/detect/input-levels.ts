/**
 * Per-input bookkeeping for the detectors that judge each encoder input on its own (input-silence,
 * talking-while-muted): each input keeps its own streak, the detector fires once when the first input goes
 * bad (and again, as more evidence, for each further one) and reports healthy once none is left.
 */
import type { EpochMs, InputLevel } from '../../types';

/** One input's reading, as evidence. */
export interface InputReading {
  readonly ts: EpochMs;
  readonly input: InputLevel;
}

export interface InputStreak {
  /** Start of the current bad streak. */
  readonly badSince: EpochMs | null;
  /** While firing: start of the current good streak (the `since` of the healthy report). */
  readonly goodSince: EpochMs | null;
  readonly firing: boolean;
  /** The first bad reading of the streak (evidence). */
  readonly first: InputReading | null;
}

export const IDLE_STREAK: InputStreak = Object.freeze({ badSince: null, goodSince: null, firing: false, first: null });

export interface InputsState<S extends InputStreak = InputStreak> {
  readonly inputs: Readonly<Record<string, S>>;
  readonly lastTs: EpochMs | null;
}

export const initialInputs: InputsState<never> = Object.freeze({ inputs: {}, lastTs: null });

/** Inputs that are firing now. */
export const firingInputs = (s: InputsState): string[] =>
  Object.entries(s.inputs)
    .filter(([, x]) => x.firing)
    .map(([name]) => name);
