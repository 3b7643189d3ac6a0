import { describe, expect, it } from 'vitest';
import type { SourceView } from '../../shared/sources';
import type { HealthSample } from '../../shared/types';
import { chartData } from './chart-series';

const T0 = 1_700_000_000_000;
const source = (id: string, kind: SourceView['kind']): SourceView => ({
  id,
  kind,
  label: id,
  connection: { status: 'online', url: '', since: T0, attempt: 0 },
});
const sources = [source('simulator', 'simulator'), source('probe', 'probe')];

describe('chart data', () => {
  it('draws one series per source carrying the signal, never one line mixing them', () => {
    const health: HealthSample[] = [
      { ts: T0, audioLevelDb: -20, videoFps: 30 },
      { ts: T0, source: 'probe', audioLevelDb: -40 },
      { ts: T0 + 1000, audioLevelDb: -21, videoFps: 30 },
      { ts: T0 + 1000, source: 'probe', audioLevelDb: -41 },
    ];
    const audio = chartData(health, 'audioLevelDb', sources);
    expect(audio.series).toEqual(['simulator', 'probe']);
    expect(audio.rows).toEqual([
      { ts: T0, simulator: -20, probe: -40 },
      { ts: T0 + 1000, simulator: -21, probe: -41 },
    ]);
    expect(audio.last).toEqual({ simulator: -21, probe: -41 });
    expect(chartData(health, 'videoFps', sources).series).toEqual(['simulator']);
  });

  it("takes each second's newest value, and each series' last seconds", () => {
    const probe = (ms: number, audioLevelDb: number): HealthSample => ({ ts: T0 + ms, source: 'probe', audioLevelDb });
    const health = [probe(0, -10), probe(400, -11), probe(900, -12), probe(1100, -13), probe(2100, -14)];
    expect(chartData(health, 'audioLevelDb', sources, 2).rows).toEqual([
      { ts: T0 + 1000, probe: -13 },
      { ts: T0 + 2000, probe: -14 },
    ]);
  });

  it("leaves out what cannot be placed (no date, no number) and a removed source's samples", () => {
    const health: HealthSample[] = [
      { ts: 8_640_000_000_000_001, audioLevelDb: -20 },
      { ts: T0, audioLevelDb: Number.NaN },
      { ts: T0, source: 'obs', audioLevelDb: -20 },
      { ts: T0 + 1000, audioLevelDb: -22 },
    ];
    const d = chartData(health, 'audioLevelDb', sources);
    expect(d.rows).toEqual([{ ts: T0 + 1000, simulator: -22 }]);
    expect(d.series).toEqual(['simulator']);
  });
});
