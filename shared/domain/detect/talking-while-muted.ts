/**
 * Talking while muted: an input is muted in the encoder, yet its meter before the mute (OBS's input peak)
 * shows a voice. The presenter speaks and the audience hears nothing. Speech comes in syllables with short
 * gaps, so a gap up to `pauseMs` keeps the streak (a longer one, or the stream off air, starts it over); the
 * voice must last `holdMs` to fire. It clears when the input is unmuted or the voice has stopped for `clearMs`.
 */
import type { EpochMs, HealthSample, InputLevel } from '../../types';
import { NO_REPORTS, onAir, type Detector, type DetectorReportOf, type DetectorStepOf } from './detector';
import { IDLE_STREAK, initialInputs, type InputsState, type InputStreak, stepEachInput } from './input-levels';

export interface TalkingWhileMutedConfig {
  /** Input peak at or above which a muted input carries a voice. */
  voiceDb: number;
  holdMs: number;
  /** A silence between words shorter than this keeps the streak. */
  pauseMs: number;
  clearMs: number;
}

const TALKING_WHILE_MUTED_DEFAULTS: TalkingWhileMutedConfig = {
  voiceDb: -45,
  holdMs: 1_000,
  pauseMs: 800,
  clearMs: 3_000,
};

export type TalkingWhileMutedState = InputsState;

/** `goodSince` here is the last voiced reading: the streak survives a pause and clears after `clearMs` quiet. */
function advance(x: InputStreak, input: InputLevel, ts: EpochMs, cfg: TalkingWhileMutedConfig): InputStreak {
  if (!input.muted || input.inputPeakDb === undefined) return IDLE_STREAK;
  if (input.inputPeakDb < cfg.voiceDb) {
    const quietFor = x.goodSince === null ? Infinity : ts - x.goodSince;
    if (x.firing) return quietFor >= cfg.clearMs ? IDLE_STREAK : x;
    return quietFor > cfg.pauseMs ? IDLE_STREAK : x;
  }
  // A voiced reading long after the last one (no reading in between) is a new streak, as after a pause.
  const fresh = x.badSince === null || (!x.firing && x.goodSince !== null && ts - x.goodSince > cfg.pauseMs);
  const badSince = fresh ? ts : x.badSince;
  const first = fresh || x.first === null ? { ts, input } : x.first;
  return { badSince, goodSince: ts, firing: x.firing || ts - badSince >= cfg.holdMs, first };
}

export function stepTalkingWhileMuted(
  s: TalkingWhileMutedState,
  sample: HealthSample,
  now: EpochMs,
  cfg: TalkingWhileMutedConfig = TALKING_WHILE_MUTED_DEFAULTS,
): DetectorStepOf<TalkingWhileMutedState, 'talking-while-muted'> {
  if (!sample.inputs?.length) return { state: s, reports: NO_REPORTS };
  const live = onAir(sample);
  const { inputs, reports } = stepEachInput(s, sample.inputs, {
    // Off air nobody hears it: judged again from the next reading on air (a verdict stays until cleared).
    advance: (before = IDLE_STREAK, input) =>
      live ? advance(before, input, sample.ts, cfg) : before.firing ? before : IDLE_STREAK,
    finding: (after, input) => finding(after.first ?? { ts: sample.ts, input }, input, sample.ts, now),
    recoveredAt: () => sample.ts,
    healthy: (since) => ({ type: 'healthy', kind: 'audio', detector: 'talking-while-muted', since }),
  });
  const state: TalkingWhileMutedState = { inputs, lastTs: sample.ts };
  return { state, reports: reports.length ? reports : NO_REPORTS };
}

function finding(
  first: { ts: EpochMs; input: InputLevel },
  last: InputLevel,
  ts: EpochMs,
  now: EpochMs,
): DetectorReportOf<'talking-while-muted'> {
  const peak = (at: EpochMs, x: InputLevel) =>
    ({
      type: 'sample',
      ts: at,
      detector: 'talking-while-muted',
      metric: 'inputPeakDb',
      value: x.inputPeakDb ?? -120,
      input: x.name,
    }) as const;
  return {
    type: 'finding',
    finding: {
      kind: 'audio',
      source: 'signal',
      detector: 'talking-while-muted',
      title: `Talking while muted: "${last.name}" is muted and hears a voice`,
      confidence: 0.85,
      severity: 'medium',
      startedAt: first.ts,
      at: now,
      evidence: [
        { type: 'sample', ts: first.ts, detector: 'talking-while-muted', metric: 'muted', value: 1, input: last.name },
        peak(first.ts, first.input),
        peak(ts, last),
      ],
    },
  };
}

export const talkingWhileMutedDetector: Detector<
  'talking-while-muted',
  TalkingWhileMutedConfig,
  TalkingWhileMutedState,
  'health'
> = {
  name: 'talking-while-muted',
  defaults: TALKING_WHILE_MUTED_DEFAULTS,
  initial: initialInputs,
  consumes: ['health'],
  step: (s, input, now, cfg) => stepTalkingWhileMuted(s, input.sample, now, cfg),
};
