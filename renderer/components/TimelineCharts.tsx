/**
 * One time axis for the whole event: signals, chat and complaint rate, incidents as bands, and every
 * detection, operator action and post as a clickable marker. Drag across a chart to zoom; the data is
 * re-bucketed by main for the new range, so zooming stays smooth on a 4-hour event.
 */
import { formatTime } from './format';
import { useState } from 'react';
import {
  Bar,
  ComposedChart,
  Line,
  ReferenceArea,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  Cell,
} from 'recharts';
import type { TimelineMarker } from '../../shared/domain/review/timeline';
import type { TimelineView } from '../../shared/domain/review/timeline-view';

const KIND_FILL: Record<string, string> = { audio: '#e4572e', video: '#9c6ade', stream: '#ef5350', other: '#8a94a6' };
const LANES = ['detection', 'incident-open', 'operator', 'post', 'incident-close', 'connection'] as const;
const LANE_LABEL: Record<string, string> = {
  detection: 'detect',
  'incident-open': 'open',
  operator: 'operator',
  post: 'posts',
  'incident-close': 'close',
  connection: 'source',
};
const MARKER_FILL: Record<string, string> = {
  sent: '#66bb6a',
  failed: '#ef5350',
  skipped: '#8a94a6',
  queued: '#ffb300',
};

const tick = (span: number) => (t: number) => formatTime(t, span > 2 * 3600_000 ? 'HH:mm' : 'HH:mm:ss');

export function TimelineCharts(p: {
  view: TimelineView;
  onZoom(from: number, to: number): void;
  onSelect(m: TimelineMarker): void;
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
  const markers = view.markers.map((m) => ({ ...m, x: m.ts, y: LANES.indexOf(m.type as (typeof LANES)[number]) }));

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
        <ComposedChart data={health} syncId="tl" {...drag}>
          {axis}
          <YAxis domain={[-100, 0]} width={44} tick={{ fontSize: 10, fill: '#8a94a6' }} />
          {bands()}
          {tip}
          <Line dataKey="audio" stroke="#4fc3f7" dot={false} isAnimationActive={false} connectNulls={false} />
        </ComposedChart>
      </Lane>
      <Lane title="Video fps · bitrate kbps">
        <ComposedChart data={health} syncId="tl" {...drag}>
          {axis}
          <YAxis yAxisId="fps" domain={[0, 35]} width={44} tick={{ fontSize: 10, fill: '#8a94a6' }} />
          <YAxis yAxisId="kbps" orientation="right" width={44} tick={{ fontSize: 10, fill: '#8a94a6' }} />
          {bands()}
          {tip}
          <Line yAxisId="fps" dataKey="fps" stroke="#aed581" dot={false} isAnimationActive={false} />
          <Line yAxisId="kbps" dataKey="kbps" stroke="#ffb74d" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </Lane>
      <Lane title="Chat and complaints per minute">
        <ComposedChart data={chat} syncId="tl" {...drag}>
          {axis}
          <YAxis width={44} tick={{ fontSize: 10, fill: '#8a94a6' }} />
          {bands()}
          {tip}
          <Bar dataKey="messages" fill="#37506b" isAnimationActive={false} />
          <Line dataKey="complaints" stroke="#ef5350" dot={false} strokeWidth={2} isAnimationActive={false} />
        </ComposedChart>
      </Lane>
      <Lane title="Detections, operator actions and posts (click one)" height={150}>
        <ScatterChart margin={{ left: 0, right: 44 }}>
          <XAxis
            dataKey="x"
            type="number"
            domain={domain}
            allowDataOverflow
            tickFormatter={fmt}
            tick={{ fontSize: 10, fill: '#8a94a6' }}
            minTickGap={50}
          />
          <YAxis
            dataKey="y"
            type="number"
            domain={[-0.5, LANES.length - 0.5]}
            ticks={LANES.map((_, i) => i)}
            tickFormatter={(i: number) => LANE_LABEL[LANES[i]] ?? ''}
            width={60}
            tick={{ fontSize: 10, fill: '#8a94a6' }}
          />
          <Tooltip
            content={({ payload }) =>
              payload?.[0] ? <div className="tip">{(payload[0].payload as TimelineMarker).label}</div> : null
            }
          />
          <Scatter
            data={markers}
            onClick={(d) => p.onSelect(d as unknown as TimelineMarker)}
            isAnimationActive={false}
            data-testid="markers"
          >
            {markers.map((m, i) => (
              <Cell key={i} fill={MARKER_FILL[m.status ?? ''] ?? '#4fc3f7'} cursor="pointer" />
            ))}
          </Scatter>
        </ScatterChart>
      </Lane>
    </div>
  );
}

function Lane({ title, height = 130, children }: { title: string; height?: number; children: React.ReactElement }) {
  return (
    <div className="lane">
      <div className="lane-title">{title}</div>
      <ResponsiveContainer width="100%" height={height}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}
