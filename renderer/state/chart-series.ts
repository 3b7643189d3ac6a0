/**
 * A live chart's data: one series per source that carries the signal, so two sources' audio levels are two
 * lines, never one line jumping between them. Each series holds its last `points` seconds that have a value,
 * the newest value in each second (OBS and the probe send several samples a second; one point per second
 * is what a three-minute chart can show).
 */
import type { SourceView } from '../../shared/sources';
import type { HealthSample } from '../../shared/types';
import { isValidTime } from '../components/format';
import { sourceOfSample, timelineIdOf } from './sources';

export type ChartSignal = 'audioLevelDb' | 'videoFps' | 'bitrateKbps' | 'viewers';

/** One second on the chart: its start, and each series' value in it (keyed by source id). */
type ChartRow = { ts: number } & Record<string, number>;

export interface ChartData {
  rows: ChartRow[];
  /** Source ids with at least one value, in the sources' order (the time line's first). */
  series: string[];
  /** Each series' newest value. */
  last: Record<string, number>;
}

export function chartData(
  health: readonly HealthSample[],
  signal: ChartSignal,
  sources: readonly SourceView[],
  points = 180,
): ChartData {
  const timelineId = timelineIdOf(sources);
  const current = new Set(sources.map((s) => s.id));
  const bySecond = new Map<number, ChartRow>();
  const seconds = new Map<string, number>();
  const last: Record<string, number> = {};
  for (let i = health.length - 1; i >= 0; i--) {
    const h = health[i];
    const value = h[signal];
    // A sample stamped beyond any date cannot be placed on a time axis (and would stretch it to the year 275760).
    if (typeof value !== 'number' || !Number.isFinite(value) || !isValidTime(h.ts)) continue;
    const id = sourceOfSample(h, timelineId);
    if (h.source !== undefined && !current.has(id)) continue;
    const second = Math.floor(h.ts / 1000) * 1000;
    const row = bySecond.get(second);
    if (row && id in row) continue; // a newer sample of that second is there already
    const taken = seconds.get(id) ?? 0;
    if (taken >= points) continue;
    seconds.set(id, taken + 1);
    last[id] ??= value;
    if (row) row[id] = value;
    else bySecond.set(second, { ts: second, [id]: value } as ChartRow);
  }
  const order = [timelineId, ...sources.map((s) => s.id)];
  return {
    rows: [...bySecond.values()].sort((a, b) => a.ts - b.ts),
    series: [...new Set(order)].filter((id) => seconds.has(id)),
    last,
  };
}
