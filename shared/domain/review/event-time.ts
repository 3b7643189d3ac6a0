/**
 * Where an event and its incidents begin and end, and where a post lands on the session's time line.
 *
 * Two clocks meet in a recorded event: incidents and rounds carry *session* time (the source's own
 * timestamps, which the simulator compresses at speed > 1), while the outbox stamps posts with the
 * *wall* clock. At speed 1 they agree; otherwise a post is placed at its round's session time plus the
 * wall-clock delivery time scaled by the session speed.
 */
import { isClosed, type Incident } from '../incident';
import type { EpochMs } from '../../types';
import type { BroadcastRoundView } from '../broadcast/broadcast-round';
import type { OutboxEntryView } from '../broadcast/outbox-entry';
import type { RecordedEvent } from './recorded-event';

export interface TimeRange {
  from: EpochMs;
  /** Exclusive. */
  to: EpochMs;
}

function lastTs(items: readonly { ts: EpochMs }[]): EpochMs {
  let max = -Infinity;
  for (let i = 0; i < items.length; i++) if (items[i].ts > max) max = items[i].ts;
  return max;
}

/** The event's span: session start to session end, or to the newest recorded fact when it never ended. */
export function eventRange(event: RecordedEvent): TimeRange {
  const from = event.session.startedAt;
  let to = event.session.endedAt ?? -Infinity;
  if (event.session.endedAt === undefined) {
    to = Math.max(lastTs(event.health), lastTs(event.chat), lastTs(event.connection.map((c) => ({ ts: c.since }))));
    for (const i of event.incidents) to = Math.max(to, i.updatedAt, i.resolvedAt ?? -Infinity);
    for (const r of event.rounds) to = Math.max(to, r.at);
  }
  return { from, to: Number.isFinite(to) && to > from ? to : from + 1 };
}

/** When a closed incident was closed (resolved or dismissed as a false alarm); undefined while open. */
export function incidentClosedAt(incident: Incident): EpochMs | undefined {
  if (!isClosed(incident)) return undefined;
  for (let i = incident.transitions.length - 1; i >= 0; i--) {
    if (incident.transitions[i].to === incident.status) return incident.transitions[i].at;
  }
  return incident.resolvedAt ?? incident.updatedAt;
}

/** The rounds of one incident, oldest first. */
export function roundsOf(event: RecordedEvent, incidentId: string): BroadcastRoundView[] {
  return event.rounds.filter((r) => r.incidentId === incidentId).sort((a, b) => a.at - b.at || a.round - b.round);
}

/** Wall-clock time of the post's last known state: delivered, failed or skipped, or still queued. */
function postWallTime(post: OutboxEntryView): EpochMs {
  if (post.status === 'sent') return post.sentAt ?? post.updatedAt;
  if (post.status === 'failed' || post.status === 'skipped') return post.updatedAt;
  return post.createdAt;
}

/** Session time of the post's last known state (see the header on the two clocks). */
export function postAt(post: OutboxEntryView, event: RecordedEvent, round?: BroadcastRoundView): EpochMs {
  const wall = postWallTime(post);
  const speed = event.session.speed;
  if (speed === 1 || round === undefined || !(speed > 0)) return wall;
  return round.at + Math.max(0, wall - post.createdAt) * speed;
}
