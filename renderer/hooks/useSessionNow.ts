/**
 * "Now" on the watched session's own time line. Under fast simulator playback timestamps are compressed,
 * so deadlines and the silence timer must run at the session's speed, anchored on the newest sample.
 */
import { useEffect, useRef } from 'react';
import type { LiveFeed } from './useLiveFeed';
import { useNow } from './useNow';

export function useSessionNow(feed: LiveFeed): number {
  const wall = useNow(250);
  const anchor = useRef<{ ts: number; wall: number } | null>(null);
  const last = feed.health[feed.health.length - 1];
  useEffect(() => {
    if (last) anchor.current = { ts: last.ts, wall: Date.now() };
  }, [last]);
  const speed = feed.simulator?.speed ?? 1;
  const a = anchor.current;
  return a ? a.ts + (wall - a.wall) * speed : wall;
}
