/**
 * Scheduled announcements ("starting in 10 minutes", "short break", "we are back", "the event moves"): what
 * the queue holds and which of them are due. Pure: the service passes `now` and carries out the result.
 *
 * An announcement is sent at its time, or a little after when the timer fires late (LATE_GRACE_MS). One whose
 * time passed by more than that — Onair was closed, the laptop slept — is overdue: "starting in 10 minutes"
 * an hour late would mislead the audience, so it is never sent without the operator's "send now".
 */
import type { ChannelId, DeliveryStatus } from '../../channels';
import type { EpochMs } from '../../types';
import type { Language } from '../vocabulary';
import type { DraftInput } from './broadcast-round';

export const ANNOUNCEMENT_KINDS = ['starting-soon', 'break', 'back', 'postponed'] as const;
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];

/** scheduled → sent | cancelled; scheduled → overdue (its time passed unsent) → sent (send now) | cancelled. */
export type AnnouncementStatus = 'scheduled' | 'overdue' | 'sent' | 'cancelled';

/** A timer that fires up to this late still sends; later than this the operator is asked. */
export const LATE_GRACE_MS = 60_000;

/** The new date of a postponed event, which goes out as an .ics calendar file. */
export interface NewEventDate {
  start: EpochMs;
  durationMinutes: number;
  /** Where the audience joins on the new date. */
  link: string;
}

export interface AnnouncementView {
  id: string;
  kind: AnnouncementKind;
  lang: Language;
  subject?: string;
  body: string;
  link?: string;
  sendAt: EpochMs;
  /** The channels it goes to; at send time the ones no longer enabled are skipped with a reason. */
  channels: ChannelId[];
  status: AnnouncementStatus;
  newEvent?: NewEventDate;
  /** Whether an .ics calendar file goes with it (postponements). */
  hasCalendarFile: boolean;
  operator: string;
  createdAt: EpochMs;
  updatedAt: EpochMs;
  sentAt?: EpochMs;
  /** Channels left out at send time, and why. */
  skipped: { channel: ChannelId; reason: string }[];
  /** Per channel, how its outbox entry is doing once sent. */
  deliveries: { channel: ChannelId; status: DeliveryStatus }[];
}

/** What the operator composes: the text once, when it goes out, where, and a postponement's new date. */
export interface AnnouncementInput {
  kind: AnnouncementKind;
  lang: string;
  sendAt: EpochMs;
  draft: DraftInput;
  channels: ChannelId[];
  newEvent?: NewEventDate;
}

type Queued = Pick<AnnouncementView, 'id' | 'status' | 'sendAt'>;

export interface Triage {
  /** Send now. */
  due: string[];
  /** Their time passed long ago: mark them for the operator's confirmation. */
  overdue: string[];
  /** When the next scheduled one falls due, if any. */
  nextAt?: EpochMs;
}

export function triage(queue: readonly Queued[], now: EpochMs): Triage {
  const out: Triage = { due: [], overdue: [] };
  for (const a of [...queue].sort((x, y) => x.sendAt - y.sendAt)) {
    if (a.status !== 'scheduled') continue;
    if (a.sendAt > now) out.nextAt = Math.min(out.nextAt ?? a.sendAt, a.sendAt);
    else if (now - a.sendAt <= LATE_GRACE_MS) out.due.push(a.id);
    else out.overdue.push(a.id);
  }
  return out;
}

/** Only what has not gone out can be edited, cancelled or sent now. */
export const isPending = (status: AnnouncementStatus): boolean => status === 'scheduled' || status === 'overdue';

/** Why a send time cannot be set, or undefined when it can: a time in the past would be overdue at once. */
export function sendTimeProblem(sendAt: EpochMs, now: EpochMs): string | undefined {
  return sendAt < now - LATE_GRACE_MS ? 'the send time is in the past: choose a later time, or send it now' : undefined;
}

/** A postponement needs its new date, and its date must be after the announcement goes out. */
export function newEventProblem(kind: AnnouncementKind, sendAt: EpochMs, e?: NewEventDate): string | undefined {
  if (kind !== 'postponed') return e ? 'only a postponement carries a new date' : undefined;
  if (!e) return 'a postponement needs the new date and link';
  if (e.start <= sendAt) return 'the new date must be after the announcement goes out';
  return undefined;
}
