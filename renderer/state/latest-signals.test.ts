import { describe, expect, it } from 'vitest';
import type { SourceView } from '../../shared/sources';
import type { HealthSample } from '../../shared/types';
import { latestSignals, streamBySource, streamSummary } from './latest-signals';

const T0 = 1_700_000_000_000;
const source = (id: string, kind: SourceView['kind']): SourceView => ({
  id,
  kind,
  label: id,
  connection: { status: 'online', url: '', since: T0, attempt: 0 },
});
const sources = [source('simulator', 'simulator'), source('obs', 'obs'), source('probe', 'probe')];
const mic = (levelDb: number, muted = false) => ({ name: 'Mic/Aux', levelDb, inputPeakDb: -12, muted });

describe('latest signals per source', () => {
  it("gives each source the newest value of every signal it carries, the time line's under its id", () => {
    const health: HealthSample[] = [
      { ts: T0, audioLevelDb: -20, streamState: 'online', viewers: 100 },
      { ts: T0, source: 'obs', streamState: 'online', congestion: 0.1, bitrateKbps: 2500 },
      { ts: T0 + 250, source: 'obs', inputs: [mic(-30)] },
      { ts: T0 + 500, source: 'obs', inputs: [mic(-120, true)] },
      { ts: T0 + 100, source: 'probe', audioLevelDb: -19 },
      { ts: T0 + 1000, audioLevelDb: -21 },
    ];
    const latest = latestSignals(health, sources);
    expect(latest.get('simulator')).toEqual({ ts: T0 + 1000, audioLevelDb: -21, streamState: 'online', viewers: 100 });
    expect(latest.get('obs')).toEqual({
      ts: T0 + 500,
      inputs: [mic(-120, true)],
      streamState: 'online',
      congestion: 0.1,
      bitrateKbps: 2500,
    });
    expect(latest.get('probe')).toEqual({ ts: T0 + 100, audioLevelDb: -19 });
  });

  it('says black or frozen only while the newest sample does', () => {
    const black: HealthSample = { ts: T0, source: 'probe', audioLevelDb: -20, blackSince: T0 - 5000 };
    expect(latestSignals([black], sources).get('probe')?.blackSince).toBe(T0 - 5000);
    const after = latestSignals([black, { ts: T0 + 100, source: 'probe', audioLevelDb: -20 }], sources);
    expect(after.get('probe')).toEqual({ ts: T0 + 100, audioLevelDb: -20 });
  });

  it('leaves out a source that was removed', () => {
    const latest = latestSignals([{ ts: T0, source: 'obs-2', streamState: 'offline' }], sources);
    expect(latest.size).toBe(0);
  });
});

describe('the stream state over all sources', () => {
  const summary = (health: HealthSample[]) => streamSummary(latestSignals(health, sources));

  it('is the worst of the newest states: one source saying offline is never hidden by another saying online', () => {
    expect(
      summary([
        { ts: T0, streamState: 'online' },
        { ts: T0, source: 'obs', streamState: 'reconnecting' },
      ]),
    ).toEqual({
      state: 'reconnecting',
      by: [
        { id: 'simulator', state: 'online' },
        { id: 'obs', state: 'reconnecting' },
      ],
    });
    const offline = summary([
      { ts: T0, source: 'obs', streamState: 'offline' },
      { ts: T0, streamState: 'reconnecting' },
    ])!;
    expect(offline.state).toBe('offline');
    expect(streamBySource(offline, sources)).toBe('Simulator: reconnecting · OBS Studio: offline');
  });

  it("follows each source's newest state, and is null while no source reports the stream", () => {
    expect(
      summary([
        { ts: T0, source: 'obs', streamState: 'offline' },
        { ts: T0 + 1000, source: 'obs', streamState: 'online' },
      ])?.state,
    ).toBe('online');
    expect(summary([{ ts: T0, source: 'probe', audioLevelDb: -20 }])).toBeNull();
    expect(summary([])).toBeNull();
  });
});
