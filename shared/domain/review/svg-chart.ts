/**
 * A small pure SVG chart helper for the printable report: line series with a min/max envelope,
 * shaded bands (incidents) and markers (posts), and a lane chart (one lane per channel).
 * Output is a self-contained <svg> string (no scripts, no external references); every text is escaped.
 */
import type { EpochMs } from '../../types';
import { escapeHtml, offset } from './format';

interface ChartPoint {
  t: EpochMs;
  v: number | null;
}
interface EnvelopePoint {
  t: EpochMs;
  min: number | null;
  max: number | null;
}
interface ChartSeries {
  label: string;
  color: string;
  points: readonly ChartPoint[];
  /** Drawn as a light area behind the line (e.g. min..max of a bucket). */
  envelope?: readonly EnvelopePoint[];
}
export interface ChartBand {
  from: EpochMs;
  to: EpochMs;
  color: string;
  label: string;
}
export interface ChartMark {
  t: EpochMs;
  color: string;
  label: string;
}
interface Frame {
  title: string;
  from: EpochMs;
  to: EpochMs;
  /** Time the x axis counts from (the event start); defaults to `from`. */
  origin?: EpochMs;
  width?: number;
  height?: number;
  bands?: readonly ChartBand[];
}
export interface LineChartOptions extends Frame {
  unit?: string;
  yMin?: number;
  yMax?: number;
  series: readonly ChartSeries[];
  markers?: readonly ChartMark[];
}
export interface LaneChartOptions extends Frame {
  lanes: readonly { label: string; marks: readonly ChartMark[] }[];
}

const L = 120;
const R = 12;
const T = 22;
const B = 20;
const n1 = (x: number) => (Math.round(x * 10) / 10).toString();
const attr = escapeHtml;

function xScale(o: Frame, width: number) {
  const span = Math.max(1, o.to - o.from);
  return (t: EpochMs) => L + ((Math.min(Math.max(t, o.from), o.to) - o.from) / span) * (width - L - R);
}

function frame(o: Frame, width: number, height: number, legend: string, body: string): string {
  const x = xScale(o, width);
  const ticks: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const t = o.from + ((o.to - o.from) * i) / 4;
    const anchor = i === 0 ? 'start' : i === 4 ? 'end' : 'middle';
    ticks.push(
      `<text x="${n1(x(t))}" y="${height - 5}" text-anchor="${anchor}" class="tick">${escapeHtml(offset(t, o.origin ?? o.from))}</text>`,
    );
  }
  const bands = (o.bands ?? [])
    .filter((b) => b.to > o.from && b.from < o.to)
    .map(
      (b) =>
        `<rect x="${n1(x(b.from))}" y="${T}" width="${n1(Math.max(1, x(b.to) - x(b.from)))}" height="${height - T - B}" fill="${attr(b.color)}" fill-opacity="0.18"><title>${escapeHtml(b.label)}</title></rect>`,
    )
    .join('');
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${attr(o.title)}" font-family="sans-serif" font-size="10">` +
    `<text x="${L}" y="14" font-weight="bold" font-size="11">${escapeHtml(o.title)}</text>${legend}` +
    `<rect x="${L}" y="${T}" width="${width - L - R}" height="${height - T - B}" fill="none" stroke="#999" stroke-width="0.5"/>` +
    `${bands}${body}${ticks.join('')}</svg>`
  );
}

function legendOf(items: readonly { label: string; color: string }[], width: number): string {
  let x = width - R;
  const parts: string[] = [];
  for (const it of [...items].reverse()) {
    const w = 14 + it.label.length * 5.5;
    x -= w;
    parts.push(
      `<rect x="${n1(x)}" y="6" width="8" height="8" fill="${attr(it.color)}"/><text x="${n1(x + 11)}" y="14">${escapeHtml(it.label)}</text>`,
    );
  }
  return parts.join('');
}

/** "M x y L x y …", broken where a value is null. */
function linePath(points: readonly ChartPoint[], x: (t: EpochMs) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.v === null || !Number.isFinite(p.v)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${n1(x(p.t))} ${n1(y(p.v))}`;
    pen = true;
  }
  return d;
}

/** One closed polygon per run of buckets with values: along the max, back along the min. */
function envelopePath(points: readonly EnvelopePoint[], x: (t: EpochMs) => number, y: (v: number) => number): string {
  let d = '';
  let run: EnvelopePoint[] = [];
  const flush = () => {
    if (run.length > 0) {
      const top = run.map((p, i) => `${i ? 'L' : 'M'}${n1(x(p.t))} ${n1(y(p.max as number))}`).join('');
      const bottom = [...run]
        .reverse()
        .map((p) => `L${n1(x(p.t))} ${n1(y(p.min as number))}`)
        .join('');
      d += `${top}${bottom}Z`;
    }
    run = [];
  };
  for (const p of points) {
    if (p.min === null || p.max === null) flush();
    else run.push(p);
  }
  flush();
  return d;
}

export function lineChart(o: LineChartOptions): string {
  const width = o.width ?? 800;
  const height = o.height ?? 160;
  let lo = Infinity;
  let hi = -Infinity;
  const extend = (min: number, max: number) => {
    lo = Math.min(lo, min);
    hi = Math.max(hi, max);
  };
  for (const s of o.series) {
    for (const p of s.points) if (p.v !== null && Number.isFinite(p.v)) extend(p.v, p.v);
    for (const p of s.envelope ?? []) if (p.min !== null && p.max !== null) extend(p.min, p.max);
  }
  let yMin = o.yMin ?? (Number.isFinite(lo) ? lo : 0);
  let yMax = o.yMax ?? (Number.isFinite(hi) ? hi : 1);
  if (yMax <= yMin) {
    yMin -= 1;
    yMax += 1;
  }
  const x = xScale(o, width);
  const y = (v: number) => T + (1 - (Math.min(Math.max(v, yMin), yMax) - yMin) / (yMax - yMin)) * (height - T - B);
  const unit = o.unit ? ` ${o.unit}` : '';
  const axis = [yMax, (yMin + yMax) / 2, yMin]
    .map(
      (v) =>
        `<text x="${L - 4}" y="${n1(y(v) + 3)}" text-anchor="end" class="tick">${escapeHtml(`${Number(v.toFixed(1))}${unit}`)}</text>`,
    )
    .join('');
  const series = o.series
    .map((s) => {
      const env = s.envelope ? envelopePath(s.envelope, x, y) : '';
      const line = linePath(s.points, x, y);
      return (
        (env ? `<path d="${env}" fill="${attr(s.color)}" fill-opacity="0.2" stroke="none"/>` : '') +
        (line
          ? `<path d="${line}" fill="none" stroke="${attr(s.color)}" stroke-width="1.2"><title>${escapeHtml(s.label)}</title></path>`
          : '')
      );
    })
    .join('');
  const marks = (o.markers ?? [])
    .filter((m) => m.t >= o.from && m.t <= o.to)
    .map(
      (m) =>
        `<line x1="${n1(x(m.t))}" x2="${n1(x(m.t))}" y1="${T}" y2="${height - B}" stroke="${attr(m.color)}" stroke-width="1" stroke-dasharray="2 2"><title>${escapeHtml(m.label)}</title></line>`,
    )
    .join('');
  return frame(o, width, height, legendOf(o.series, width), axis + series + marks);
}

/** One horizontal lane per row (e.g. per channel), a dot per mark. */
export function laneChart(o: LaneChartOptions): string {
  const width = o.width ?? 800;
  const laneH = 16;
  const height = T + B + Math.max(1, o.lanes.length) * laneH;
  const x = xScale(o, width);
  const body = o.lanes
    .map((lane, i) => {
      const cy = T + i * laneH + laneH / 2;
      const dots = lane.marks
        .filter((m) => m.t >= o.from && m.t <= o.to)
        .map(
          (m) =>
            `<circle cx="${n1(x(m.t))}" cy="${cy}" r="3.5" fill="${attr(m.color)}"><title>${escapeHtml(m.label)}</title></circle>`,
        )
        .join('');
      return `<text x="${L - 4}" y="${cy + 3}" text-anchor="end" class="tick">${escapeHtml(lane.label)}</text><line x1="${L}" x2="${width - R}" y1="${cy}" y2="${cy}" stroke="#ddd" stroke-width="0.5"/>${dots}`;
    })
    .join('');
  return frame(o, width, height, '', body);
}
