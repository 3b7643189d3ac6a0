/** Commands of the review screens: history, timeline, detail, export, import, replay. */
import type { NounHandlers } from '../dispatch';
import type { ReviewService } from '../review/review-service';

export function reviewHandlers(review: ReviewService): NounHandlers<'review'> {
  return {
    'review.list': ({ query }) => review.list(query),
    'review.timeline': (a) => review.timeline(a),
    'review.detail': (a) => review.detail(a),
    'review.export': ({ sessionId, format }) => review.exportAs(sessionId, format),
    'review.import': ({ content }) => review.importEvent(content),
    'review.replay': ({ sessionId, speed }) => review.replay(sessionId, speed),
  };
}
