/**
 * Per-input bookkeeping for the detectors that judge each encoder input on its own (input-silence,
 * talking-while-muted): each input keeps its own streak, the detector fires once when the first input goes
 * bad (and again, as more evidence, for each further one) and reports healthy once none is left.
 */
import type { EpochMs, InputLevel } from '../../types';
import type { DetectorReportOf } from './detector';

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

export interface EachInput<S extends InputStreak, N extends string> {
  /** The input's streak after this reading (`kept`: its streak so far, if any). */
  advance(kept: S | undefined, input: InputLevel): S;
  /** The finding of an input that starts firing. */
  finding(after: S, input: InputLevel): DetectorReportOf<N>;
  /** When an input that stops firing was good again. */
  recoveredAt(before: S): EpochMs;
  healthy(since: EpochMs): DetectorReportOf<N>;
}

/**
 * One reading of every input: each advances its own streak, an input that starts firing gives a finding, and
 * once none fires any more one healthy report follows, since the last of them recovered.
 */
export function stepEachInput<S extends InputStreak, N extends string>(
  s: InputsState<S>,
  readings: readonly InputLevel[],
  each: EachInput<S, N>,
): { inputs: Record<string, S>; reports: DetectorReportOf<N>[] } {
  const inputs: Record<string, S> = { ...s.inputs };
  const reports: DetectorReportOf<N>[] = [];
  let recovered: EpochMs | null = null;
  for (const input of readings) {
    const before = s.inputs[input.name];
    const after = each.advance(before, input);
    inputs[input.name] = after;
    if (after.firing && !before?.firing) reports.push(each.finding(after, input));
    if (before?.firing && !after.firing) recovered = Math.max(recovered ?? 0, each.recoveredAt(before));
  }
  const firing = Object.values(inputs).some((x) => x.firing);
  if (recovered !== null && !firing) reports.push(each.healthy(recovered));
  return { inputs, reports };
}
