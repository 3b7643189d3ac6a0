/** Live charts of the signals a producer watches: audio level, video fps, bitrate. */
import { formatTime, isValidTime } from './format';
import { Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HealthSample } from '../../shared/types';

const WINDOW = 180; // samples shown: three minutes at one per second

interface ChartSpec {
  key: keyof HealthSample;
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

export function HealthCharts({ health }: { health: HealthSample[] }) {
  // A sample stamped beyond any date cannot be placed on a time axis (and would stretch it to the year 275760).
  const datable = health.filter((h) => isValidTime(h.ts));
  const data = datable.length > WINDOW ? datable.slice(datable.length - WINDOW) : datable;
  const last = data[data.length - 1];
  return (
    <div className="charts">
      {CHARTS.map((c) => (
        <div className="chart" key={c.key} data-testid={`chart-${c.key}`}>
          <div className="chart-head">
            <span>{c.title}</span>
            <span className="chart-value" data-testid={`value-${c.key}`}>
              {last ? `${Math.round(Number(last[c.key]))} ${c.unit}` : '—'}
            </span>
          </div>
          <ResponsiveContainer width="100%" height={110}>
            <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
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
              <Line
                type="monotone"
                dataKey={c.key}
                stroke={c.color}
                dot={false}
                isAnimationActive={false}
                strokeWidth={1.6}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      ))}
    </div>
  );
}
