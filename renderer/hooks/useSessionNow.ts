/**
 * "Now" on the watched session's own time line, ticking four times a second: the same math main runs for
 * its deadlines (shared/domain/session-time.ts), on the anchor the live feed keeps and the session's own speed
 * (a fast simulator run or a replay alike), so a timer turns red here when main raises the alarm.
 */
import { sessionNow } from '../../shared/domain/session-time';
import type { LiveFeed } from '../state/live-feed';
import { isTimelineSource } from '../state/sources';
import { useNow } from './useNow';

/** Once the time line's source said it ended (a replay, a `--once` run), the clock stops there. */
export function useSessionNow(feed: Pick<LiveFeed, 'anchor' | 'session'> & Partial<Pick<LiveFeed, 'sources'>>): number {
  const wall = useNow(250);
  const now = sessionNow(feed.anchor, wall, feed.session?.speed ?? 1);
  const ended = feed.sources?.find(isTimelineSource)?.ended;
  return ended === undefined ? now : Math.min(now, ended);
}
