import { describe, expect, it } from 'vitest';
import type { SourceView } from '../../shared/sources';
import type { ConnectionState } from '../../shared/types';
import { sourceName, sourceOfSample, sourcePill, timelineIdOf } from './sources';

const T0 = 1_700_000_000_000;
const conn = (over: Partial<ConnectionState> = {}): ConnectionState => ({
  status: 'online',
  url: 'ws://127.0.0.1:4455',
  since: T0,
  attempt: 0,
  ...over,
});
const source = (id: string, kind: SourceView['kind'], over: Partial<ConnectionState> = {}): SourceView => ({
  id,
  kind,
  label: `${kind} label`,
  connection: conn(over),
});
const simulator = source('simulator', 'simulator');
const obs = source('obs', 'obs');
const probe2 = source('probe-2', 'probe');

describe('sources: names', () => {
  it('names a source by its kind, a second of a kind by its number, the time line for a sample without one', () => {
    const list = [simulator, obs, probe2];
    expect(sourceName('obs', list)).toBe('OBS Studio');
    expect(sourceName('probe-2', list)).toBe('Program probe 2');
    expect(sourceName(undefined, list)).toBe('Simulator');
    expect(sourceName(undefined, [source('live', 'live')])).toBe('Live event');
  });

  it('still names a source that was removed by its id, and an unknown id as it is', () => {
    expect(sourceName('probe', [simulator])).toBe('Program probe');
    expect(sourceName('obs-3', [])).toBe('OBS Studio 3');
    expect(sourceName('mystery', [])).toBe('mystery');
    expect(sourceName(undefined, [])).toBe('Time line');
  });

  it("files a sample without a source under the time line's id", () => {
    expect(timelineIdOf([obs, simulator])).toBe('simulator');
    expect(sourceOfSample({ ts: T0 }, 'simulator')).toBe('simulator');
    expect(sourceOfSample({ ts: T0, source: 'obs' }, 'simulator')).toBe('obs');
  });
});

describe('sources: the top bar pill', () => {
  it("says each source's state in its own words", () => {
    expect(sourcePill(obs).text).toBe('OBS connected');
    expect(sourcePill(probe2).text).toBe('Probe 2 running');
    expect(sourcePill(simulator).text).toBe('Simulator online');
    expect(sourcePill(source('obs', 'obs', { status: 'connecting' })).text).toBe('OBS connecting…');
    expect(sourcePill(source('live', 'live', { status: 'stopped' })).text).toBe('Live event stopped');
  });

  it('says a replay or a rehearsal ended instead of "online" once its source said so', () => {
    const ended = (kind: SourceView['kind']) => sourcePill({ ...source(kind, kind), ended: T0 + 600_000 });
    expect(ended('replay')).toMatchObject({ status: 'stopped', text: 'Replay ended' });
    expect(ended('simulator')).toMatchObject({ status: 'stopped', text: 'Rehearsal ended' });
    expect(ended('socketio').text).toBe('Source ended');
  });

  it('counts the retries of an offline source, and says why on hover', () => {
    const down = source('probe', 'probe', { status: 'offline', attempt: 3, lastError: 'HTTP error 404 Not Found' });
    expect(sourcePill(down)).toEqual({
      status: 'offline',
      text: 'Probe offline · retry 3',
      title: 'probe label: HTTP error 404 Not Found',
    });
    expect(sourcePill(source('obs', 'obs', { status: 'offline' })).text).toBe('OBS offline');
    expect(sourcePill(source('obs', 'obs', { detail: 'OBS 30.1.2, obs-websocket 5.4.2, 3 scenes' })).title).toBe(
      'obs label: OBS 30.1.2, obs-websocket 5.4.2, 3 scenes',
    );
    expect(sourcePill(obs).title).toBe('obs label');
  });
});
