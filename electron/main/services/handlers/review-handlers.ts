/** Commands of the review screens: history, timeline, detail, export, import, replay. */
import type { Dispatcher } from '../dispatch';
import type { ReviewService } from '../review/review-service';

export function registerReviewHandlers(d: Dispatcher, review: ReviewService): void {
  d.register('review.list', ({ query }) => review.list(query));
  d.register('review.timeline', (a) => review.timeline(a));
  d.register('review.detail', (a) => review.detail(a));
  d.register('review.export', ({ sessionId, format }) => review.exportAs(sessionId, format));
  d.register('review.import', ({ content }) => review.importEvent(content));
  d.register('review.replay', ({ sessionId, speed }) => review.replay(sessionId, speed));
}
