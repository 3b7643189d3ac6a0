/**
 * One time axis for the whole event: signals, chat and complaint rate, incidents as bands, and every
 * detection, operator action and post as a marker button (click, or Tab to it and press Enter). Drag across a
 * chart to zoom; the data is re-bucketed by main for the new range, so zooming stays smooth on a 4-hour event.
 * Every chart has the same plot margins, so the marker strip below lines up with their time axis.
 */
import { formatTime } from './format';
import { useState } from 'react';
import { Bar, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TimelineView } from '../../shared/domain/review/timeline-view';
import { groupLabel, MARKER_ROWS, markerGroups, ROW_LABEL, type MarkerGroup } from '../state/timeline-markers';

const KIND_FILL: Record<string, string> = { audio: '#e4572e', video: '#9c6ade', stream: '#ef5350', other: '#8a94a6' };
const MARKER_FILL: Record<string, string> = {
  sent: '#66bb6a',
  failed: '#ef5350',
  skipped: '#8a94a6',
  queued: '#ffb300',
};

/** Recharts' default margin and our y axes' width: the plot area starts AXIS + MARGIN from each side. */
const AXIS = 44;
const MARGIN = 5;
const INSET = AXIS + MARGIN;
/** A chart with one y axis on the left keeps the right axis' room empty, so every plot area is as wide. */
const ONE_AXIS = { top: MARGIN, bottom: MARGIN, left: MARGIN, right: INSET };
const TWO_AXES = { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN };
const ROW_PX = 18;

const tick = (span: number) => (t: number) => formatTime(t, span > 2 * 3600_000 ? 'HH:mm' : 'HH:mm:ss');

export function TimelineCharts(p: {
  view: TimelineView;
  onZoom(from: number, to: number): void;
  selected: string | null;
  onSelect(g: MarkerGroup): void;
}) {
  const { view } = p;
  const [sel, setSel] = useState<{ a: number; b?: number } | null>(null);
  const domain: [number, number] = [view.range.from, view.range.to];
  const fmt = tick(view.range.to - view.range.from);
  const health = view.health.map((h) => ({
    t: h.t,
    audio: h.audioLevelDb.min,
    fps: h.videoFps.min,
    kbps: h.bitrateKbps.mean,
    viewers: h.viewers.max,
  }));
  const chat = view.chat.map((c) => ({ t: c.t, messages: c.messagesPerMin, complaints: c.complaintsPerMin }));
  const groups = markerGroups(view.markers, view.range);

  const drag = {
    onMouseDown: (e: { activeLabel?: string | number } | null) =>
      e?.activeLabel !== undefined && setSel({ a: Number(e.activeLabel) }),
    onMouseMove: (e: { activeLabel?: string | number } | null) =>
      sel && e?.activeLabel !== undefined && setSel({ ...sel, b: Number(e.activeLabel) }),
    onMouseUp: () => {
      if (sel?.b !== undefined && Math.abs(sel.b - sel.a) > 1000)
        p.onZoom(Math.min(sel.a, sel.b), Math.max(sel.a, sel.b));
      setSel(null);
    },
  };
  const bands = (y?: [number, number]) => [
    ...view.bands.map((b) => (
      <ReferenceArea
        key={b.id}
        x1={Math.max(b.from, view.range.from)}
        x2={Math.min(b.to, view.range.to)}
        {...(y ? { y1: y[0], y2: y[1] } : {})}
        fill={KIND_FILL[b.kind]}
        fillOpacity={0.18}
        ifOverflow="hidden"
      />
    )),
    ...(sel?.b !== undefined
      ? [<ReferenceArea key="sel" x1={sel.a} x2={sel.b} fill="#4fc3f7" fillOpacity={0.2} />]
      : []),
  ];
  const axis = (
    <XAxis
      dataKey="t"
      type="number"
      domain={domain}
      allowDataOverflow
      tickFormatter={fmt}
      tick={{ fontSize: 10, fill: '#8a94a6' }}
      minTickGap={50}
    />
  );
  const tip = (
    <Tooltip
      labelFormatter={(t) => formatTime(Number(t))}
      contentStyle={{ background: '#1b2230', border: '1px solid #2c3546', fontSize: 12 }}
    />
  );

  return (
    <div className="timeline" data-testid="timeline">
      <Lane title="Audio level (dBFS, bucket minimum)">
        <ComposedChart data={health} syncId="tl" margin={ONE_AXIS} accessibilityLayer={false} {...drag}>
          {axis}
          <YAxis domain={[-100, 0]} width={AXIS} tick={{ fontSize: 10, fill: '#8a94a6' }} />
          {bands()}
          {tip}
          <Line dataKey="audio" stroke="#4fc3f7" dot={false} isAnimationActive={false} connectNulls={false} />
        </ComposedChart>
      </Lane>
      <Lane title="Video fps · bitrate kbps">
        <ComposedChart data={health} syncId="tl" margin={TWO_AXES} accessibilityLayer={false} {...drag}>
          {axis}
          <YAxis yAxisId="fps" domain={[0, 35]} width={AXIS} tick={{ fontSize: 10, fill: '#8a94a6' }} />
          <YAxis yAxisId="kbps" orientation="right" width={AXIS} tick={{ fontSize: 10, fill: '#8a94a6' }} />
          {bands()}
          {tip}
          <Line yAxisId="fps" dataKey="fps" stroke="#aed581" dot={false} isAnimationActive={false} />
          <Line yAxisId="kbps" dataKey="kbps" stroke="#ffb74d" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </Lane>
      <Lane title="Chat and complaints per minute">
        <ComposedChart data={chat} syncId="tl" margin={ONE_AXIS} accessibilityLayer={false} {...drag}>
          {axis}
          <YAxis width={AXIS} tick={{ fontSize: 10, fill: '#8a94a6' }} />
          {bands()}
          {tip}
          <Bar dataKey="messages" fill="#37506b" isAnimationActive={false} />
          <Line dataKey="complaints" stroke="#ef5350" dot={false} strokeWidth={2} isAnimationActive={false} />
        </ComposedChart>
      </Lane>
      <div className="lane">
        <div className="lane-title" id="markers-title">
          Detections, operator actions and posts (click one, or Tab to it and press Enter)
        </div>
        <div
          className="marker-strip"
          role="group"
          aria-labelledby="markers-title"
          style={{ marginLeft: INSET, marginRight: INSET, height: MARKER_ROWS.length * ROW_PX }}
        >
          {MARKER_ROWS.map((r, i) => (
            <div key={r} className="marker-row-label" style={{ top: i * ROW_PX, width: INSET, left: -INSET }}>
              {ROW_LABEL[r]}
            </div>
          ))}
          {groups.map((g) => {
            const first = g.markers[0];
            const name = groupLabel(g, formatTime(g.ts));
            return (
              <button
                key={g.key}
                type="button"
                className={`marker${g.markers.length > 1 ? ' marker-many' : ''}`}
                style={{
                  left: `${g.x * 100}%`,
                  top: g.row * ROW_PX + ROW_PX / 2,
                  background: MARKER_FILL[first.status ?? ''] ?? '#4fc3f7',
                }}
                aria-label={name}
                aria-pressed={p.selected === g.key}
                title={name}
                onClick={() => p.onSelect(g)}
                data-testid="marker"
                data-type={first.type}
                data-count={g.markers.length}
              >
                {g.markers.length > 1 ? g.markers.length : ''}
              </button>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** A chart is a picture to assistive technology, named by its title; the figures and markers carry the detail. */
function Lane({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <div className="lane">
      <div className="lane-title">{title}</div>
      <div role="img" aria-label={`Chart: ${title}`}>
        <ResponsiveContainer width="100%" height={130}>
          {children}
        </ResponsiveContainer>
      </div>
    </div>
  );
}
