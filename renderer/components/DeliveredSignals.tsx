/** What one source delivers right now: the newest value of each signal it sends, and a meter per encoder input. */
import type { InputLevel } from '../../shared/types';
import type { LatestSignals } from '../state/latest-signals';
import { formatDb, formatTime, percent } from './format';

/** The meters' range: below −60 dBFS a bar is empty. */
const METER_FLOOR_DB = -60;
const meterPercent = (db: number) => `${Math.max(0, Math.min(1, 1 - db / METER_FLOOR_DB)) * 100}%`;

export function DeliveredSignals({ signals, testId }: { signals: LatestSignals | undefined; testId: string }) {
  if (!signals)
    return (
      <div className="delivered muted" data-testid={testId}>
        Nothing received yet.
      </div>
    );
  return (
    <div className="delivered" data-testid={testId}>
      <div className="delivered-line">
        {facts(signals).map(([label, value, bad]) => (
          <span key={label} className={`fact${bad ? ' fact-bad' : ''}`}>
            <span className="fact-label">{label}</span> {value}
          </span>
        ))}
        <span className="muted">at {formatTime(signals.ts)}</span>
      </div>
      {signals.inputs?.map((input) => (
        <InputMeter key={input.name} input={input} />
      ))}
    </div>
  );
}

type Fact = [label: string, value: string, bad?: boolean];

function facts(s: LatestSignals): Fact[] {
  const out: Fact[] = [];
  if (s.audioLevelDb !== undefined) out.push(['program', formatDb(s.audioLevelDb), s.audioLevelDb <= -60]);
  if (s.streamState) out.push(['stream', s.streamState, s.streamState !== 'online']);
  if (s.congestion !== undefined) out.push(['congestion', percent(s.congestion), s.congestion >= 0.2]);
  if (s.videoFps !== undefined) out.push(['video', `${Math.round(s.videoFps)} fps`]);
  if (s.bitrateKbps !== undefined) out.push(['bitrate', `${Math.round(s.bitrateKbps).toLocaleString()} kbps`]);
  if (s.skippedFrames) out.push(['skipped', `${s.skippedFrames} frames`, true]);
  if (s.droppedFrames) out.push(['dropped', `${s.droppedFrames} frames`, true]);
  if (s.blackSince !== undefined) out.push(['black', `since ${formatTime(s.blackSince)}`, true]);
  if (s.frozenSince !== undefined) out.push(['frozen', `since ${formatTime(s.frozenSince)}`, true]);
  if (s.viewers !== undefined) out.push(['viewers', s.viewers.toLocaleString()]);
  return out;
}

function InputMeter({ input }: { input: InputLevel }) {
  return (
    <div className={`meter${input.muted ? ' meter-muted' : ''}`} data-testid="input-meter" data-input={input.name}>
      <span className="meter-name" title={input.name}>
        {input.name}
      </span>
      <span className="meter-bar">
        <span className="meter-fill" style={{ width: meterPercent(input.levelDb) }} />
        {input.inputPeakDb !== undefined && (
          <span className="meter-peak" style={{ left: meterPercent(input.inputPeakDb) }} />
        )}
      </span>
      <span className="meter-value">{formatDb(input.levelDb)}</span>
      {input.inputPeakDb !== undefined && <span className="muted">peak {formatDb(input.inputPeakDb)}</span>}
      {input.muted && <span className="badge-muted">muted</span>}
    </div>
  );
}
