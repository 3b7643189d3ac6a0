import { describe, expect, it } from 'vitest';
import type { TimelineMarker } from '../../shared/domain/review/timeline';
import { groupLabel, markerGroups } from './timeline-markers';

const m = (ts: number, type: TimelineMarker['type'], label = `${type} at ${ts}`, extra: Partial<TimelineMarker> = {}) =>
  ({ ts, type, label, detail: '', ...extra }) as TimelineMarker;
const range = { from: 0, to: 100_000 };

describe('markerGroups', () => {
  it('places each marker on the range as a fraction, one row per kind', () => {
    const g = markerGroups([m(25_000, 'post'), m(50_000, 'detection')], range);
    expect(g.map((x) => [x.x, x.row])).toEqual([
      [0.25, 3],
      [0.5, 0],
    ]);
  });
  it('keeps simultaneous posts together as one group of three, not one dot', () => {
    const posts = [m(40_000, 'post', 'Slack sent'), m(40_000, 'post', 'E-mail sent'), m(40_500, 'post', 'SMS sent')];
    const g = markerGroups(posts, range);
    expect(g).toHaveLength(1);
    expect(g[0].markers).toHaveLength(3);
    expect(groupLabel(g[0], '10:00:40')).toBe('10:00:40 3 at once: Slack sent; E-mail sent; SMS sent');
  });
  it('keeps markers apart when far enough, and across rows even at the same moment', () => {
    const g = markerGroups([m(10_000, 'post'), m(12_000, 'post'), m(10_000, 'operator')], range);
    expect(g).toHaveLength(3);
  });
  it('leaves out markers outside the visible range', () => {
    expect(markerGroups([m(-1, 'post'), m(100_001, 'post'), m(100_000, 'post')], range)).toHaveLength(1);
  });
});
