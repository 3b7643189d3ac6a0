/** Commands of the announcement queue: compose, schedule, edit, cancel, send an overdue one now. */
import type { AnnouncementService } from '../announcements/announcement-service';
import type { NounHandlers } from '../dispatch';

export function announcementHandlers(s: AnnouncementService): NounHandlers<'announcement'> {
  return {
    'announcement.list': () => s.list(),
    'announcement.compose': (a) => s.compose(a),
    'announcement.schedule': (a) => s.schedule(a),
    'announcement.edit': (a) => s.edit(a),
    'announcement.cancel': ({ id }) => s.cancel(id),
    'announcement.sendNow': ({ id }) => s.sendNow(id),
  };
}
