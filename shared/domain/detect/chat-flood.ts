/**
 * Chat flood: the message rate jumps far above this chat's own baseline (a spam raid, a bot wave).
 * Complaints drown in a flood, and moderators need to act (slow mode), so it is an incident of kind
 * 'other'. The baseline is learnt only while the chat is normal, and nothing is judged during the
 * warm-up, so a big audience that is busy from the first second is not a flood.
 */
import type { ChatMessage, EpochMs } from '../../types';
import {
  NO_REPORTS,
  type Detector,
  type DetectorReportOf,
  type DetectorStepOf,
  type EvidenceOf,
  type FindingOf,
} from './detector';

export interface ChatFloodConfig {
  windowMs: number;
  baselineTauMs: number;
  /** Window rate must reach this multiple of the baseline rate… */
  factor: number;
  /** …and at least this many messages per minute. */
  minPerMin: number;
  holdMs: number;
  /** Calm for this long = healthy again. */
  clearMs: number;
  /** No verdict before the chat has been observed this long. */
  warmupMs: number;
  /** The baseline stops learning while the window rate exceeds this multiple of it… */
  learnCeiling: number;
  /** …but for this long at most: a lasting step up in chat activity becomes the new normal. */
  maxLearnPauseMs: number;
}

const CHAT_FLOOD_DEFAULTS: ChatFloodConfig = {
  windowMs: 10_000,
  baselineTauMs: 600_000,
  factor: 8,
  minPerMin: 120,
  holdMs: 5_000,
  clearMs: 10_000,
  warmupMs: 60_000,
  learnCeiling: 2,
  maxLearnPauseMs: 60_000,
};

export interface ChatFloodState {
  readonly firstTs: EpochMs | null;
  readonly lastTs: EpochMs | null;
  /** Decayed message count ≈ messages in the last window. */
  readonly windowCount: number;
  /** Decayed message count over the baseline time constant, how long it has learnt, and until when. */
  readonly baseCount: number;
  readonly learntMs: number;
  readonly lastLearnTs: EpochMs | null;
  readonly hotSince: EpochMs | null;
  /** Start of the current surge (window rate well above baseline), which pauses learning. */
  readonly surgeSince: EpochMs | null;
  readonly coolSince: EpochMs | null;
  readonly firing: boolean;
  /** First message of the current hot streak (evidence). */
  readonly firstHot: ChatMessage | null;
}

export const initialChatFlood: ChatFloodState = {
  firstTs: null,
  lastTs: null,
  windowCount: 0,
  baseCount: 0,
  learntMs: 0,
  lastLearnTs: null,
  hotSince: null,
  surgeSince: null,
  coolSince: null,
  firing: false,
  firstHot: null,
};

export type ChatFloodInput = { type: 'message'; message: ChatMessage } | { type: 'tick' };

export function stepChatFlood(
  s: ChatFloodState,
  input: ChatFloodInput,
  now: EpochMs,
  cfg: ChatFloodConfig = CHAT_FLOOD_DEFAULTS,
): DetectorStepOf<ChatFloodState, 'chat-flood'> {
  if (s.lastTs === null && input.type === 'tick') return { state: s, reports: NO_REPORTS };
  const dt = s.lastTs === null ? 0 : Math.max(0, now - s.lastTs);
  const add = input.type === 'message' ? 1 : 0;
  const windowCount = s.windowCount * Math.exp(-dt / cfg.windowMs) + add;
  const firstTs = s.firstTs ?? now;
  const windowRate = windowCount / (cfg.windowMs / 1000);
  // Bias-corrected mean rate of the (decayed) baseline: exact for a steady chat even early on.
  const learnt = 1 - Math.exp(-s.learntMs / cfg.baselineTauMs);
  const baseRate = learnt > 0 ? s.baseCount / ((cfg.baselineTauMs / 1000) * learnt) : 0;
  const warm = now - firstTs >= cfg.warmupMs;
  const hot = warm && windowRate * 60 >= cfg.minPerMin && windowRate >= cfg.factor * baseRate;

  // The baseline learns only from normal chat (not during a fresh surge), so a flood cannot become
  // the new normal before it is even judged; a surge that lasts without being a flood is learnt.
  // It learns at messages only, skipping a paused stretch's messages *and* its time, so pauses
  // do not bias the rate.
  const surging = baseRate > 0 && windowRate > cfg.learnCeiling * baseRate && windowRate * 60 >= cfg.minPerMin / 2;
  const surgeSince = surging ? (s.surgeSince ?? now) : input.type === 'tick' ? s.surgeSince : null;
  const pausing = surgeSince !== null && now - surgeSince < cfg.maxLearnPauseMs;
  const learning = input.type === 'message' && !hot && !s.firing && !pausing;
  const learnDt = s.lastLearnTs === null ? 0 : Math.max(0, now - s.lastLearnTs);
  const baseCount = learning ? s.baseCount * Math.exp(-learnDt / cfg.baselineTauMs) + 1 : s.baseCount;
  const learntMs = learning ? s.learntMs + learnDt : s.learntMs;
  const lastLearnTs = input.type === 'message' ? now : s.lastLearnTs;
  const hotSince = hot ? (s.hotSince ?? now) : null;
  const coolSince = hot ? null : (s.coolSince ?? now);
  const firstHot = hot ? (s.firstHot ?? (input.type === 'message' ? input.message : null)) : null;
  let firing = s.firing;
  let reports: readonly DetectorReportOf<'chat-flood'>[] = NO_REPORTS;
  if (!firing && hotSince !== null && now - hotSince >= cfg.holdMs) {
    firing = true;
    const last = input.type === 'message' ? input.message : null;
    reports = [{ type: 'finding', finding: floodFinding(windowRate, baseRate, hotSince, now, [firstHot, last]) }];
  } else if (firing && coolSince !== null && now - coolSince >= cfg.clearMs) {
    firing = false;
    reports = [{ type: 'healthy', kind: 'other', detector: 'chat-flood', since: coolSince }];
  }
  const state: ChatFloodState = {
    firstTs,
    lastTs: Math.max(s.lastTs ?? now, now),
    windowCount,
    baseCount,
    learntMs,
    lastLearnTs,
    hotSince,
    surgeSince,
    coolSince,
    firing,
    firstHot,
  };
  return { state, reports };
}

function floodFinding(
  windowRate: number,
  baseRate: number,
  startedAt: EpochMs,
  now: EpochMs,
  samples: Array<ChatMessage | null>,
): FindingOf<'chat-flood'> {
  const perMin = Math.round(windowRate * 60);
  const usual = Math.round(baseRate * 60);
  const evidence: EvidenceOf<'chat-flood'>[] = [
    { type: 'note', ts: now, detector: 'chat-flood', text: `${perMin} messages/min against a usual ${usual}/min` },
  ];
  for (const m of samples) {
    if (m)
      evidence.push({
        type: 'chat',
        ts: m.ts,
        detector: 'chat-flood',
        messageId: m.id,
        author: m.author,
        text: m.text,
        ...(m.source ? { from: m.source } : {}),
      });
  }
  return {
    kind: 'other',
    source: 'chat',
    detector: 'chat-flood',
    title: `Chat flooded (${perMin} msg/min, usually ${usual})`,
    confidence: 0.7,
    severity: 'low',
    startedAt,
    at: now,
    evidence,
  };
}

export const chatFloodDetector: Detector<'chat-flood', ChatFloodConfig, ChatFloodState, 'chat' | 'tick'> = {
  name: 'chat-flood',
  defaults: CHAT_FLOOD_DEFAULTS,
  initial: initialChatFlood,
  consumes: ['chat', 'tick'],
  step: (s, input, now, cfg) =>
    stepChatFlood(s, input.type === 'chat' ? { type: 'message', message: input.message } : input, now, cfg),
};
