/**
 * The Zoom source's connection detail, what the producer reads in its row: which webinar, whether it is live
 * (an ended webinar is a fact about the event, not an incident), since when viewers are counted, and the last
 * stretch whose events are lost. Times are the machine's local hh:mm, as the console's own clock shows them.
 */
import type { EpochMs } from '../../../../../shared/types';

export interface WebinarView {
  webinarId: string;
  topic?: string;
  liveSince?: EpochMs;
  endedAt?: EpochMs;
  /** When Onair first connected: nobody who joined before is known, so the viewer count starts there. */
  countingSince?: EpochMs;
  /** The last time the connection was down: Zoom does not send again what it sent then. */
  lost?: { from: EpochMs; to: EpochMs };
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (ts: EpochMs) => {
  const d = new Date(ts);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export function webinarDetail(w: WebinarView): string {
  const parts = [`Zoom · webinar ${w.webinarId}${w.topic ? ` "${w.topic}"` : ''}`];
  if (w.endedAt !== undefined) parts.push(`ended at ${hhmm(w.endedAt)}`);
  else if (w.liveSince !== undefined) parts.push(`live since ${hhmm(w.liveSince)}`);
  if (w.countingSince !== undefined) parts.push(`viewers counted from ${hhmm(w.countingSince)}, when Onair connected`);
  if (w.lost) parts.push(`events from ${hhmm(w.lost.from)} to ${hhmm(w.lost.to)} lost: Zoom does not resend them`);
  return parts.join(' · ');
}
