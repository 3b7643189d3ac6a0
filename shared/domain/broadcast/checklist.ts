/**
 * The delivery checklist of one update round. An update is done only when every enabled channel carried it, or when
 * the operator skipped a channel on purpose and wrote down why. A failed channel blocks the round, because the
 * people who follow only that channel would otherwise hear nothing (never silent, never single-channel).
 */
import type { ChannelId } from '../../channels';
import type { TemplateKind } from './template-text';

export const CHANNEL_CHECK_STATES = ['pending', 'queued', 'sent', 'failed', 'skipped'] as const;
export type ChannelCheckState = (typeof CHANNEL_CHECK_STATES)[number];

export interface ChannelCheck {
  state: ChannelCheckState;
  /** Required for 'skipped'; the error for 'failed'. */
  reason?: string;
}

export interface BroadcastRound {
  /** 1 for the acknowledgement, then 2, 3… */
  round: number;
  /** One entry per channel enabled for this round. */
  channels: Partial<Record<ChannelId, ChannelCheck>>;
}

export type MarkResult = { round: BroadcastRound; error?: undefined } | { round?: undefined; error: string };

export type CompleteResult = { ok: true } | { ok: false; missing: ChannelId[]; reason: string };

export interface RoundCoverage {
  total: number;
  pending: number;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Channels that carry (or will carry) the update: sent or queued. */
  reached: ChannelId[];
  /** reached / total; 0 when the round has no channels. */
  fraction: number;
  /** True when the update is going out through one channel only although more were enabled. */
  singleChannel: boolean;
}

/** A channel the composer leaves out by default, and why; the operator can still tick it. */
export interface DefaultSkip {
  channel: ChannelId;
  reason: string;
}

/** A chat moderation notice is for the people in the chat (the status page at most), not for everyone's inbox. */
const ONLY_FOR: Partial<Record<TemplateKind, { channels: readonly ChannelId[]; reason: string }>> = {
  'chat-flood': {
    channels: ['webinar-chat', 'status-page'],
    reason: 'a chat moderation notice: only the people in the chat need it',
  },
};

/** Where an update of this kind goes by default: every enabled channel, unless the kind says less. */
export function defaultChannels(
  kind: TemplateKind,
  enabled: readonly ChannelId[],
): { channels: ChannelId[]; skipped: DefaultSkip[] } {
  const only = ONLY_FOR[kind];
  if (!only) return { channels: [...enabled], skipped: [] };
  return {
    channels: enabled.filter((c) => only.channels.includes(c)),
    skipped: enabled.filter((c) => !only.channels.includes(c)).map((channel) => ({ channel, reason: only.reason })),
  };
}

export function newRound(enabled: readonly ChannelId[], round = 1): BroadcastRound {
  const channels: BroadcastRound['channels'] = {};
  for (const c of enabled) channels[c] = { state: 'pending' };
  return { round, channels };
}

export const roundChannels = (round: BroadcastRound): ChannelId[] => Object.keys(round.channels) as ChannelId[];

/** Records a channel's state and returns a new round; the input is never mutated. */
export function markChannel(
  round: BroadcastRound,
  channel: ChannelId,
  state: ChannelCheckState,
  reason?: string,
): MarkResult {
  const current = round.channels[channel];
  if (!current) return { error: `${channel} is not enabled for this round` };
  const why = reason?.trim();
  if (state === 'skipped' && !why) return { error: `Skipping ${channel} needs a reason` };
  // A receipt is a fact: once the platform accepted the post, nothing can take it back.
  if (current.state === 'sent' && state !== 'sent') return { error: `${channel} was already sent` };
  const check: ChannelCheck = why ? { state, reason: why } : { state };
  return { round: { ...round, channels: { ...round.channels, [channel]: check } } };
}

const isDone = (c: ChannelCheck) =>
  c.state === 'sent' || c.state === 'queued' || (c.state === 'skipped' && !!c.reason?.trim());

/** The round is complete when every enabled channel is sent or queued, or skipped with a reason. */
export function canComplete(round: BroadcastRound): CompleteResult {
  const entries = Object.entries(round.channels) as [ChannelId, ChannelCheck][];
  if (entries.length === 0) return { ok: false, missing: [], reason: 'No channel is enabled for this round' };
  const missing = entries.filter(([, c]) => !isDone(c)).map(([id]) => id);
  if (missing.length > 0) {
    const failed = missing.filter((id) => round.channels[id]?.state === 'failed');
    const reason = failed.length
      ? `Failed on ${failed.join(', ')}: retry, or skip with a reason`
      : `Still pending: ${missing.join(', ')}`;
    return { ok: false, missing, reason };
  }
  if (!entries.some(([, c]) => c.state === 'sent' || c.state === 'queued')) {
    return { ok: false, missing: [], reason: 'Every channel was skipped: the update reached nobody' };
  }
  return { ok: true };
}

export function coverage(round: BroadcastRound): RoundCoverage {
  const entries = Object.entries(round.channels) as [ChannelId, ChannelCheck][];
  const count = (s: ChannelCheckState) => entries.filter(([, c]) => c.state === s).length;
  const reached = entries.filter(([, c]) => c.state === 'sent' || c.state === 'queued').map(([id]) => id);
  return {
    total: entries.length,
    pending: count('pending'),
    queued: count('queued'),
    sent: count('sent'),
    failed: count('failed'),
    skipped: count('skipped'),
    reached,
    fraction: entries.length ? reached.length / entries.length : 0,
    singleChannel: reached.length === 1 && entries.length > 1,
  };
}
