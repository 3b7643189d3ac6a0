/** Live charts of the signals a producer watches: audio level, video fps, bitrate, viewers; a line per source. */
import { useMemo } from 'react';
import { Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SourceView } from '../../shared/sources';
import type { HealthSample } from '../../shared/types';
import { chartData, type ChartSignal } from '../state/chart-series';
import { sourceName } from '../state/sources';
import { formatTime } from './format';

interface ChartSpec {
  key: ChartSignal;
  title: string;
  unit: string;
  color: string;
  domain: [number | 'auto', number | 'auto'];
  floor?: number;
}

const CHARTS: ChartSpec[] = [
  { key: 'audioLevelDb', title: 'Audio level', unit: 'dBFS', color: '#4fc3f7', domain: [-100, 0], floor: -60 },
  { key: 'videoFps', title: 'Video', unit: 'fps', color: '#aed581', domain: [0, 35] },
  { key: 'bitrateKbps', title: 'Bitrate', unit: 'kbps', color: '#ffb74d', domain: [0, 'auto'] },
  { key: 'viewers', title: 'Viewers', unit: 'watching', color: '#ce93d8', domain: [0, 'auto'] },
];

/** The second, third… source's line in a chart: apart from every chart's own colour. */
const MORE_COLORS = ['#f48fb1', '#fff176', '#80cbc4', '#bcaaa4'];

export function HealthCharts({ health, sources }: { health: HealthSample[]; sources: SourceView[] }) {
  return (
    <div className="charts">
      {CHARTS.map((c) => (
        <Chart key={c.key} spec={c} health={health} sources={sources} />
      ))}
    </div>
  );
}

function Chart({ spec: c, health, sources }: { spec: ChartSpec; health: HealthSample[]; sources: SourceView[] }) {
  const data = useMemo(() => chartData(health, c.key, sources), [health, c.key, sources]);
  const colorOf = (i: number) => (i === 0 ? c.color : MORE_COLORS[(i - 1) % MORE_COLORS.length]);
  const several = data.series.length > 1;
  const now = data.series.map(
    (id) => `${several ? `${sourceName(id, sources)} ` : ''}${Math.round(data.last[id])} ${c.unit}`,
  );
  return (
    <div className="chart" data-testid={`chart-${c.key}`}>
      <div className="chart-head">
        <span>{c.title}</span>
        <span className="chart-value" data-testid={`value-${c.key}`}>
          {data.series.length
            ? data.series.map((id, i) => (
                <span key={id} className="chart-series" data-series={id}>
                  {several && <span className="chart-swatch" style={{ background: colorOf(i) }} />}
                  {several && `${sourceName(id, sources)} `}
                  {Math.round(data.last[id])} {c.unit}
                </span>
              ))
            : '—'}
        </span>
      </div>
      {/* The chart is a picture to assistive technology: its name says what it shows and where it stands now. */}
      <div
        role="img"
        aria-label={`${c.title} chart, ${c.unit}: ${now.length ? `now ${now.join(', ')}` : 'no data yet'}`}
      >
        <ResponsiveContainer width="100%" height={110}>
          <LineChart data={data.rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <XAxis
              dataKey="ts"
              type="number"
              domain={['dataMin', 'dataMax']}
              tickFormatter={(t: number) => formatTime(t)}
              tick={{ fontSize: 10, fill: '#8a94a6' }}
              minTickGap={40}
            />
            <YAxis domain={c.domain} tick={{ fontSize: 10, fill: '#8a94a6' }} width={52} />
            {c.floor !== undefined && <ReferenceLine y={c.floor} stroke="#ef5350" strokeDasharray="3 3" />}
            <Tooltip
              labelFormatter={(t) => formatTime(Number(t))}
              contentStyle={{ background: '#1b2230', border: '1px solid #2c3546', fontSize: 12 }}
            />
            {data.series.map((id, i) => (
              <Line
                key={id}
                type="monotone"
                dataKey={id}
                name={sourceName(id, sources)}
                stroke={colorOf(i)}
                dot={false}
                connectNulls
                isAnimationActive={false}
                strokeWidth={1.6}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
