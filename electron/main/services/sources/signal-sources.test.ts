import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeClock } from '../../../../tests/support/fake-clock';
import { tempDir } from '../../../../tests/support/temp-dir';
import type { SignalSourceSettings } from '../../../../shared/sources';
import type { HealthSample } from '../../../../shared/types';
import { openDatabase } from '../db/open';
import { signalSourcesRepo } from '../db/signal-sources-repo';
import { NO_CHAT, type SourceAdapter, type SourceSink } from '../ingest/source-adapter';
import { nodeSecretBox, type SecretBox } from '../secrets/secret-box';
import { createSignalSources } from './signal-sources';

const PASSWORD = 'obs-Secret-Pa55word-7781';
const obs: SignalSourceSettings = {
  kind: 'obs',
  host: '127.0.0.1',
  port: 4455,
  password: PASSWORD,
  inputs: ['Mic/Aux'],
};
const probe: SignalSourceSettings = { kind: 'probe', input: 'http://127.0.0.1:8080/live.m3u8' };

/** What ingest would receive, in order. */
function recordingSink() {
  const calls: { method: keyof SourceSink; args: unknown[] }[] = [];
  const record =
    (method: keyof SourceSink) =>
    (...args: unknown[]) =>
      void calls.push({ method, args });
  const sink: SourceSink = {
    hello: record('hello'),
    chat: record('chat'),
    health: record('health'),
    ended: record('ended'),
    connection: record('connection'),
    quarantined: record('quarantined'),
    ownPost: record('ownPost'),
  };
  return { sink, calls };
}

/** Adapters that hand their sink to the test, so it can speak as OBS or the probe would. */
function adapters() {
  const started: { settings: SignalSourceSettings; sink: SourceSink; stopped: boolean }[] = [];
  const adapterFor = (settings: SignalSourceSettings): SourceAdapter => {
    const entry = { settings, sink: null as unknown as SourceSink, stopped: false };
    return {
      url: settings.kind === 'obs' ? `ws://${settings.host}:${settings.port}` : settings.input,
      start(sink) {
        entry.sink = sink;
        started.push(entry);
      },
      async stop() {
        entry.stopped = true;
      },
      isConnected: () => true,
      postToChat: NO_CHAT('test'),
    };
  };
  return { started, adapterFor };
}

function setup(dir = tempDir(), box: SecretBox = nodeSecretBox(join(dir, 'onair.key'))) {
  const file = join(dir, 'onair.sqlite');
  const db = openDatabase({ file });
  const { sink, calls } = recordingSink();
  const a = adapters();
  let changes = 0;
  const sources = createSignalSources({
    repo: signalSourcesRepo(db),
    box,
    clock: fakeClock(1_700_000_000_000),
    sink,
    adapterFor: a.adapterFor,
    test: async () => ({ ok: true, detail: 'tested' }),
    onChange: () => changes++,
  });
  return { dir, file, db, box, sources, calls, started: a.started, changes: () => changes };
}

describe('signal sources', () => {
  it('names sources by kind, starts them at once and stamps every sample with the id', () => {
    const s = setup();
    expect(s.sources.add(obs).id).toBe('obs');
    expect(s.sources.add(probe).id).toBe('probe');
    expect(s.sources.add({ ...probe, input: 'rtmp://127.0.0.1/live/x' }).id).toBe('probe-2');
    expect(s.started.map((x) => x.settings.kind)).toEqual(['obs', 'probe', 'probe']);
    const sample: HealthSample = { ts: 1, inputs: [{ name: 'Mic/Aux', levelDb: -120 }] };
    s.started[0]!.sink.health(sample);
    s.started[2]!.sink.health({ ts: 1, audioLevelDb: -30 });
    expect(s.calls.filter((c) => c.method === 'health').map((c) => c.args[0])).toEqual([
      { ...sample, source: 'obs' },
      { ts: 1, audioLevelDb: -30, source: 'probe-2' },
    ]);
  });

  it('keeps each source its own connection state, and says when it changes', () => {
    const s = setup();
    s.sources.add(obs);
    const before = s.changes();
    s.started[0]!.sink.connection({
      status: 'offline',
      url: 'ws://127.0.0.1:4455',
      since: 5,
      attempt: 2,
      lastError: 'OBS closed the connection',
    });
    expect(s.changes()).toBe(before + 1);
    expect(s.sources.views()[0]).toMatchObject({
      id: 'obs',
      label: 'OBS Studio · ws://127.0.0.1:4455',
      connection: { status: 'offline', attempt: 2, lastError: 'OBS closed the connection' },
      settings: { kind: 'obs', host: '127.0.0.1', port: 4455, inputs: ['Mic/Aux'], passwordSet: true },
    });
    expect(JSON.stringify(s.sources.views())).not.toContain(PASSWORD);
  });

  it('quarantines a session or chat from a source that carries signals only', () => {
    const s = setup();
    s.sources.add(probe);
    s.started[0]!.sink.hello({ source: 'x', eventName: 'e', startedAt: 1, speed: 1 });
    s.started[0]!.sink.chat([{ id: 'm', author: 'a', text: 'hi', ts: 1 }]);
    const q = s.calls.filter((c) => c.method === 'quarantined');
    expect(q.map((c) => c.args[0])).toEqual(['probe: source.hello', 'probe: chat']);
    expect(q.every((c) => c.args[3] === 'unknown-event')).toBe(true);
    expect(s.calls.some((c) => c.method === 'hello' || c.method === 'chat')).toBe(false);
  });

  it('seals the OBS password: not in the SQLite file or its WAL, and back after a restart', () => {
    const s = setup();
    s.sources.add(obs);
    s.sources.add(probe);
    const bytes = [s.file, `${s.file}-wal`].filter(existsSync).map((f) => readFileSync(f));
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.some((b) => b.includes(Buffer.from('Mic/Aux')))).toBe(true); // the search itself works
    expect(bytes.some((b) => b.includes(Buffer.from(PASSWORD)))).toBe(false);
    s.db.close();

    const again = setup(s.dir, s.box);
    again.sources.resume();
    expect(again.started.map((x) => x.settings)).toEqual([obs, probe]);
    expect(again.sources.views().map((v) => v.id)).toEqual(['obs', 'probe']);
  });

  it('starts a stored source without its password when another key sealed it, and says so', () => {
    const s = setup();
    s.sources.add(obs);
    s.db.close();
    const other = nodeSecretBox(join(tempDir(), 'other.key'));
    const again = setup(s.dir, other);
    again.sources.resume();
    expect(again.started[0]!.settings).toEqual({ ...obs, password: undefined });
  });

  it('refuses to store a password when secure storage is not available', () => {
    const dir = tempDir();
    const real = nodeSecretBox(join(dir, 'onair.key'));
    const s = setup(dir, {
      ...real,
      id: real.id,
      encrypt: real.encrypt,
      decrypt: real.decrypt,
      isAvailable: () => false,
    });
    expect(() => s.sources.add(obs)).toThrow(/secure storage is not available/);
    expect(s.sources.views()).toEqual([]);
    expect(s.sources.add({ ...obs, password: undefined }).id).toBe('obs');
  });

  it('refuses settings the adapter cannot use, with its reason, and stores nothing', () => {
    const s = setup();
    const refusing = createSignalSources({
      repo: signalSourcesRepo(s.db),
      box: s.box,
      clock: fakeClock(),
      sink: recordingSink().sink,
      adapterFor: () => {
        throw new Error('file:// is not a program feed');
      },
      test: async () => ({ ok: false, detail: '' }),
      onChange: () => {},
    });
    expect(() => refusing.add({ kind: 'probe', input: 'file:///etc/passwd' })).toThrow(
      expect.objectContaining({ error: { code: 'bad-args', message: 'file:// is not a program feed' } }),
    );
    expect(refusing.views()).toEqual([]);
    s.sources.resume();
    expect(s.sources.views()).toEqual([]);
  });

  it('removes a source: stopped, forgotten, and gone after a restart', async () => {
    const s = setup();
    s.sources.add(obs);
    s.sources.add(probe);
    expect(await s.sources.remove('obs')).toBe(true);
    expect(s.started[0]!.stopped).toBe(true);
    expect(await s.sources.remove('obs')).toBe(false);
    expect(s.sources.views().map((v) => v.id)).toEqual(['probe']);
    s.db.close();
    const again = setup(s.dir, s.box);
    again.sources.resume();
    expect(again.sources.views().map((v) => v.id)).toEqual(['probe']);
  });
});
