/**
 * "Now" on the watched session's own time line, ticking four times a second: the same math main runs for
 * its deadlines (shared/domain/session-time.ts), on the anchor the live feed keeps and the session's own speed
 * (a fast simulator run or a replay alike), so a timer turns red here when main raises the alarm.
 */
import { sessionNow } from '../../shared/domain/session-time';
import type { LiveFeed } from '../state/live-feed';
import { useNow } from './useNow';

export function useSessionNow(feed: Pick<LiveFeed, 'anchor' | 'session'>): number {
  const wall = useNow(250);
  return sessionNow(feed.anchor, wall, feed.session?.speed ?? 1);
}
