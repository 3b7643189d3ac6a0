/**
 * The review's marker strip: every marker placed on the same time scale as the charts above it, one row per
 * kind of marker, and markers too close to tell apart on screen (three channels posted in the same second)
 * kept together as one group that says how many it holds, rather than drawn on top of each other.
 */
import type { TimelineMarker } from '../../shared/domain/review/timeline';

export const MARKER_ROWS = ['detection', 'incident-open', 'operator', 'post', 'incident-close', 'connection'] as const;
export const ROW_LABEL: Record<(typeof MARKER_ROWS)[number], string> = {
  detection: 'detect',
  'incident-open': 'open',
  operator: 'operator',
  post: 'posts',
  'incident-close': 'close',
  connection: 'source',
};

export interface MarkerGroup {
  key: string;
  row: number;
  /** Where on the strip, 0 (range start) to 1 (range end): the charts' own x scale. */
  x: number;
  ts: number;
  markers: TimelineMarker[];
}

/**
 * Groups each row's markers lying within `minGap` (a fraction of the visible range) of the group's first
 * one; markers outside the range are left out.
 */
export function markerGroups(
  markers: readonly TimelineMarker[],
  range: { from: number; to: number },
  minGap = 0.01,
): MarkerGroup[] {
  const span = Math.max(1, range.to - range.from);
  const open = new Map<number, MarkerGroup>();
  const out: MarkerGroup[] = [];
  for (const m of [...markers].sort((a, b) => a.ts - b.ts)) {
    if (m.ts < range.from || m.ts > range.to) continue;
    const row = MARKER_ROWS.indexOf(m.type);
    const x = (m.ts - range.from) / span;
    const g = open.get(row);
    if (g && x - g.x <= minGap) {
      g.markers.push(m);
      continue;
    }
    const next = { key: `${row}:${m.ts}:${out.length}`, row, x, ts: m.ts, markers: [m] };
    open.set(row, next);
    out.push(next);
  }
  return out;
}

/** What a group's button is called: its one marker, or how many and of what. */
export function groupLabel(g: MarkerGroup, time: string): string {
  if (g.markers.length === 1) return `${time} ${g.markers[0].label}`;
  return `${time} ${g.markers.length} at once: ${g.markers.map((m) => m.label).join('; ')}`;
}
