/**
 * The report's charts as inline SVG, built from the same series the review screen draws:
 * audio level, frame rate, bitrate, viewers, chat and complaint rate, with incidents shaded and
 * posts marked, plus one lane per channel showing every post and its outcome.
 */
import { CHANNEL_IDS, CHANNEL_SPECS, type ChannelId } from '../../channels';
import { eventRange, type TimeRange } from './event-time';
import { offset } from './format';
import { bucketFor, chatRateSeries, healthSeries, type HealthBucket, type HealthSeriesMetric } from './series';
import { laneChart, lineChart, type ChartBand, type ChartMark, type LineChartOptions } from './svg-chart';
import { incidentBands, timelineMarkers } from './timeline';
import type { IncidentKind } from '../vocabulary';
import type { RecordedEvent } from './recorded-event';

const KIND_COLORS: Record<IncidentKind, string> = {
  audio: '#e4572e',
  video: '#7b2cbf',
  stream: '#d00000',
  other: '#6c757d',
};
const STATUS_COLORS: Record<string, string> = {
  sent: '#2a9d8f',
  failed: '#d00000',
  skipped: '#adb5bd',
  queued: '#f4a261',
  sending: '#f4a261',
};

export interface ChartOptions {
  /** Most points a chart draws (default 600). */
  maxPoints?: number;
  /** Chart range; defaults to the whole event. */
  range?: TimeRange;
  width?: number;
}

type FrameBase = Omit<LineChartOptions, 'series'>;

function healthChart(
  buckets: readonly HealthBucket[],
  metric: HealthSeriesMetric,
  title: string,
  unit: string,
  color: string,
  frame: FrameBase,
) {
  return lineChart({
    ...frame,
    title,
    unit,
    series: [
      {
        label: `${title} (mean, min–max)`,
        color,
        points: buckets.map((b) => ({ t: b.t, v: b[metric].mean })),
        envelope: buckets.map((b) => ({ t: b.t, min: b[metric].min, max: b[metric].max })),
      },
    ],
  });
}

export function reportCharts(event: RecordedEvent, opts: ChartOptions = {}): string {
  const range = opts.range ?? eventRange(event);
  const bucket = bucketFor(range.to - range.from, opts.maxPoints ?? 600);
  const health = healthSeries(event.health, bucket, range);
  const chat = chatRateSeries(event.chat, bucket, range);
  const bands: ChartBand[] = incidentBands(event).map((b) => ({
    from: b.from,
    to: b.to,
    color: KIND_COLORS[b.kind] ?? '#6c757d',
    label: `${b.id} ${b.kind} (${b.severity})`,
  }));
  const offline: ChartBand[] = [];
  for (const b of health) {
    if (!b.offline) continue;
    const last = offline[offline.length - 1];
    if (last && last.to === b.t) last.to = b.t + bucket;
    else offline.push({ from: b.t, to: b.t + bucket, color: '#000000', label: 'stream offline' });
  }
  const markers = timelineMarkers(event);
  const posts: ChartMark[] = markers
    .filter((m) => m.type === 'post')
    .map((m) => ({
      t: m.ts,
      color: STATUS_COLORS[m.status ?? ''] ?? '#555',
      label: `${offset(m.ts, event.session.startedAt)} ${m.label}`,
    }));
  const frame: FrameBase = {
    title: '',
    from: range.from,
    to: range.to,
    origin: event.session.startedAt,
    width: opts.width ?? 800,
    bands: [...bands, ...offline],
  };
  const charts = [
    healthChart(health, 'audioLevelDb', 'Audio level', 'dB', '#1d3557', frame),
    healthChart(health, 'videoFps', 'Frame rate', 'fps', '#457b9d', frame),
    healthChart(health, 'bitrateKbps', 'Bitrate', 'kbps', '#2a9d8f', frame),
    healthChart(health, 'viewers', 'Viewers', '', '#6a4c93', frame),
    lineChart({
      ...frame,
      title: `Chat per minute (bucket ${bucket / 1000} s)`,
      yMin: 0,
      series: [
        { label: 'messages/min', color: '#457b9d', points: chat.map((b) => ({ t: b.t, v: b.messagesPerMin })) },
        { label: 'complaints/min', color: '#e63946', points: chat.map((b) => ({ t: b.t, v: b.complaintsPerMin })) },
      ],
      markers: posts,
    }),
  ];
  const byChannel = new Map<ChannelId, ChartMark[]>();
  for (const m of markers) {
    if (m.type !== 'post' || !m.channel) continue;
    const list = byChannel.get(m.channel) ?? [];
    list.push({
      t: m.ts,
      color: STATUS_COLORS[m.status ?? ''] ?? '#555',
      label: `${offset(m.ts, event.session.startedAt)} ${m.label}`,
    });
    byChannel.set(m.channel, list);
  }
  if (byChannel.size > 0) {
    const lanes = CHANNEL_IDS.filter((c) => byChannel.has(c)).map((c) => ({
      label: CHANNEL_SPECS[c].label,
      marks: byChannel.get(c) ?? [],
    }));
    charts.push(laneChart({ ...frame, title: 'Posts per channel (green sent, red failed, grey skipped)', lanes }));
  }
  return charts.join('\n');
}
