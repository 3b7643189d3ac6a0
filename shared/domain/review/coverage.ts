/**
 * Channel coverage of an incident's public updates: per round, which channels carried it and how late,
 * which were skipped (with the operator's reason) or failed. The round's checklist says what was
 * intended; the outbox says what happened, so a post's status wins over the checklist.
 * Lesson encoded: never route the news through a single channel (seeds-summary §1).
 */
import { CHANNEL_IDS, type ChannelId } from '../../channels';
import { postAt } from './event-time';
import type { ChannelDelivery, CoverageFigures, RoundFigures } from './figures-types';
import type { BroadcastRoundView } from '../broadcast/broadcast-round';
import type { OutboxEntryView } from '../broadcast/outbox-entry';
import type { RecordedEvent } from './recorded-event';

const rank = (p: OutboxEntryView) =>
  p.status === 'sent' ? 3 : p.status === 'failed' ? 2 : p.status === 'skipped' ? 1 : 0;

/** The posts of each round of an incident, keyed `${round}` → channel → post (a sent one preferred). */
function postsByRound(event: RecordedEvent, incidentId: string): Map<number, Map<ChannelId, OutboxEntryView>> {
  const out = new Map<number, Map<ChannelId, OutboxEntryView>>();
  for (const p of event.posts) {
    if (p.incidentId !== incidentId || p.round === undefined) continue;
    let byChannel = out.get(p.round);
    if (!byChannel) out.set(p.round, (byChannel = new Map()));
    const prev = byChannel.get(p.channel);
    if (!prev || rank(p) > rank(prev)) byChannel.set(p.channel, p);
  }
  return out;
}

function delivery(
  event: RecordedEvent,
  round: BroadcastRoundView,
  channel: ChannelId,
  post: OutboxEntryView | undefined,
): ChannelDelivery {
  if (post) {
    const text = post.subject ? `${post.subject}\n${post.text}` : post.text;
    if (post.status === 'sent')
      return { channel, outcome: 'sent', delayMs: Math.max(0, postAt(post, event, round) - round.at), text };
    if (post.status === 'failed') return { channel, outcome: 'failed', reason: post.lastError ?? 'failed', text };
    if (post.status === 'skipped') return { channel, outcome: 'skipped', reason: post.skipReason ?? 'skipped', text };
    // Still being retried after failed attempts: a channel that kept failing is a failure, not "undelivered".
    if (post.lastError && post.attempts > 0)
      return {
        channel,
        outcome: 'failed',
        reason: `still ${post.status} after ${post.attempts} failed attempt${post.attempts === 1 ? '' : 's'}: ${post.lastError}`,
        text,
      };
    return { channel, outcome: 'undelivered', reason: `still ${post.status} when the event was recorded`, text };
  }
  const check = round.checklist.channels[channel];
  if (check?.state === 'skipped') return { channel, outcome: 'skipped', reason: check.reason ?? 'no reason given' };
  if (check?.state === 'failed') return { channel, outcome: 'failed', reason: check.reason ?? 'failed' };
  return { channel, outcome: 'undelivered', reason: 'no outbox entry recorded' };
}

function roundFigures(
  event: RecordedEvent,
  round: BroadcastRoundView,
  posts: Map<ChannelId, OutboxEntryView> | undefined,
): RoundFigures {
  const listed = new Set<ChannelId>(Object.keys(round.checklist.channels) as ChannelId[]);
  for (const c of posts?.keys() ?? []) listed.add(c);
  const deliveries = CHANNEL_IDS.filter((c) => listed.has(c)).map((c) => delivery(event, round, c, posts?.get(c)));
  const pick = (o: ChannelDelivery['outcome']) => deliveries.filter((d) => d.outcome === o).map((d) => d.channel);
  const delays = deliveries.flatMap((d) => (d.delayMs === undefined ? [] : [d.delayMs]));
  const sent = pick('sent');
  return {
    round: round.round,
    at: round.at,
    phase: round.phase,
    operator: round.operator,
    deliveries,
    sent,
    failed: pick('failed'),
    skipped: pick('skipped'),
    undelivered: pick('undelivered'),
    maxDelayMs: delays.length ? Math.max(...delays) : null,
    singleChannel: sent.length === 1,
    reachedNobody: sent.length === 0,
  };
}

/** Coverage of the given rounds (one incident's, oldest first). */
export function coverageFigures(
  event: RecordedEvent,
  incidentId: string,
  rounds: readonly BroadcastRoundView[],
): CoverageFigures {
  const posts = postsByRound(event, incidentId);
  const figures = rounds.map((r) => roundFigures(event, r, posts.get(r.round)));
  const reached = new Set(figures.flatMap((r) => r.sent));
  const singleChannelRounds = figures.filter((r) => r.singleChannel).map((r) => r.round);
  return {
    rounds: figures,
    channelsReached: CHANNEL_IDS.filter((c) => reached.has(c)),
    singleChannelRounds,
    singleChannel: singleChannelRounds.length > 0,
    failed: figures.reduce((n, r) => n + r.failed.length, 0),
    skipped: figures.reduce((n, r) => n + r.skipped.length, 0),
  };
}
