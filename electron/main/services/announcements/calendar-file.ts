/**
 * The .ics calendar file of a postponement (RFC 5545, written by the `ics` library): the audience adds the new
 * date to their calendar in one click. The UID is the announcement's, so a corrected file replaces the entry in
 * the attendee's calendar instead of adding a second one; DTSTAMP comes from the injected clock.
 */
import { createEvent, type EventAttributes } from 'ics';
import type { NewEventDate } from '../../../../shared/domain/broadcast/announcements';
import type { PostAttachment } from '../../../../shared/domain/broadcast/outbox-entry';

export function calendarFile(a: {
  id: string;
  eventName: string;
  description: string;
  newEvent: NewEventDate;
  now: number;
}): string {
  const event: EventAttributes & { timestamp: number } = {
    uid: `${a.id}@onair`,
    productId: 'onair/announcements',
    title: a.eventName,
    description: a.description,
    url: a.newEvent.link,
    location: a.newEvent.link,
    start: a.newEvent.start,
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: a.newEvent.durationMinutes },
    status: 'CONFIRMED',
    timestamp: a.now,
  };
  const r = createEvent(event);
  if (r.error || !r.value) throw new Error(`calendar file not written: ${r.error?.message ?? 'no output'}`);
  return r.value;
}

export const calendarAttachment = (content: string): PostAttachment => ({
  filename: 'new-date.ics',
  contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
  content,
});
