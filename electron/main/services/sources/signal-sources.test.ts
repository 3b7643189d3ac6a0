import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeClock } from '../../../../tests/support/fake-clock';
import { tempDir } from '../../../../tests/support/temp-dir';
import type { SignalSourceSettings } from '../../../../shared/sources';
import type { SourceSettings } from './source-settings';
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
const REFRESH = '1//refresh-token-never-in-the-file-5521';
/** What the sign-in resolves a YouTube input to (the test's resolve stands in for the sign-in registry). */
const YOUTUBE: SourceSettings = {
  kind: 'youtube',
  clientId: 'onair-test.apps.googleusercontent.com',
  clientSecret: 'GOCSPX-client-secret-0042',
  refreshToken: REFRESH,
  account: 'Onair Channel',
  broadcastId: 'bc-1',
  broadcastTitle: 'Product launch',
  dailyQuota: 10_000,
  watchHours: 4,
};
const youtube: SignalSourceSettings = { kind: 'youtube', signIn: crypto.randomUUID(), broadcastId: 'bc-1' };
const ZOOM_SECRET = 'zoom-client-secret-8810';
const zoom: SignalSourceSettings = {
  kind: 'zoom',
  accountId: 'acc-1',
  clientId: 'zoom-client',
  clientSecret: ZOOM_SECRET,
  subscriptionId: 'sub-1',
  webinarId: '81234567890',
};

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
  const started: { settings: SourceSettings; sink: SourceSink; stopped: boolean }[] = [];
  const adapterFor = (settings: SourceSettings): SourceAdapter => {
    const entry = { settings, sink: null as unknown as SourceSink, stopped: false };
    return {
      url:
        settings.kind === 'obs'
          ? `ws://${settings.host}:${settings.port}`
          : settings.kind === 'probe'
            ? settings.input
            : settings.kind,
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
  const signedOut: SourceSettings[] = [];
  const sources = createSignalSources({
    repo: signalSourcesRepo(db),
    box,
    clock: fakeClock(1_700_000_000_000),
    sink,
    resolve: async (input) => (input.kind === 'youtube' ? { ...YOUTUBE, broadcastId: input.broadcastId } : input),
    adapterFor: a.adapterFor,
    test: async () => ({ ok: true, detail: 'tested' }),
    signOut: async (settings) => void signedOut.push(settings),
    onChange: () => changes++,
  });
  return { dir, file, db, box, sources, calls, started: a.started, changes: () => changes, signedOut };
}

describe('signal sources', () => {
  it('names sources by kind, starts them at once and stamps every sample with the id', async () => {
    const s = setup();
    expect((await s.sources.add(obs)).id).toBe('obs');
    expect((await s.sources.add(probe)).id).toBe('probe');
    expect((await s.sources.add({ ...probe, input: 'rtmp://127.0.0.1/live/x' })).id).toBe('probe-2');
    expect(s.started.map((x) => x.settings.kind)).toEqual(['obs', 'probe', 'probe']);
    const sample: HealthSample = { ts: 1, inputs: [{ name: 'Mic/Aux', levelDb: -120 }] };
    s.started[0]!.sink.health(sample);
    s.started[2]!.sink.health({ ts: 1, audioLevelDb: -30 });
    expect(s.calls.filter((c) => c.method === 'health').map((c) => c.args[0])).toEqual([
      { ...sample, source: 'obs' },
      { ts: 1, audioLevelDb: -30, source: 'probe-2' },
    ]);
  });

  it('keeps each source its own connection state, and says when it changes', async () => {
    const s = setup();
    await s.sources.add(obs);
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

  it('quarantines a session or chat from a source that carries signals only', async () => {
    const s = setup();
    await s.sources.add(probe);
    s.started[0]!.sink.hello({ source: 'x', eventName: 'e', startedAt: 1, speed: 1 });
    s.started[0]!.sink.chat([{ id: 'm', author: 'a', text: 'hi', ts: 1 }]);
    const q = s.calls.filter((c) => c.method === 'quarantined');
    expect(q.map((c) => c.args[0])).toEqual(['probe: source.hello', 'probe: chat']);
    expect(q.every((c) => c.args[3] === 'unknown-event')).toBe(true);
    expect(s.calls.some((c) => c.method === 'hello' || c.method === 'chat')).toBe(false);
  });

  it('seals passwords, secrets and tokens: not in the SQLite file or its WAL, and back after a restart', async () => {
    const s = setup();
    await s.sources.add(obs);
    await s.sources.add(probe);
    await s.sources.add(zoom);
    await s.sources.add(youtube);
    const bytes = [s.file, `${s.file}-wal`].filter(existsSync).map((f) => readFileSync(f));
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.some((b) => b.includes(Buffer.from('Mic/Aux')))).toBe(true); // the search itself works
    for (const secret of [PASSWORD, ZOOM_SECRET, REFRESH, 'GOCSPX-client-secret-0042'])
      expect(bytes.some((b) => b.includes(Buffer.from(secret)))).toBe(false);
    expect(JSON.stringify(s.sources.views())).not.toMatch(/obs-Secret|zoom-client-secret|refresh-token|GOCSPX/);
    s.db.close();

    const again = setup(s.dir, s.box);
    again.sources.resume();
    expect(again.started.map((x) => x.settings)).toEqual([obs, probe, YOUTUBE, zoom]);
    expect(again.sources.views().map((v) => v.id)).toEqual(['obs', 'probe', 'youtube', 'zoom']);
  });

  it('opens an OBS password stored before secrets were sealed together', () => {
    const s = setup();
    s.db
      .prepare(
        'INSERT INTO signal_sources (id, kind, settings, secret_box, password_enc, added_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run('obs', 'obs', JSON.stringify({ ...obs, password: undefined }), s.box.id, s.box.encrypt(PASSWORD), 1);
    s.sources.resume();
    expect(s.started[0]!.settings).toEqual(obs);
  });

  it("takes a platform's chat with ids and lines named after the source; our posts by the platform's id", async () => {
    const s = setup();
    await s.sources.add(youtube);
    await s.sources.add(zoom);
    s.started[0]!.sink.chat([{ id: 'LCC.1', author: 'Ada', text: 'non si sente', ts: 5 }]);
    s.started[1]!.sink.chat([{ id: 'LCC.1', author: 'Bo', text: 'no audio', ts: 6 }]);
    s.started[0]!.sink.ownPost('LCC.9');
    expect(s.calls.filter((c) => c.method === 'chat').map((c) => c.args[0])).toEqual([
      [{ id: 'youtube:LCC.1', author: 'Ada', text: 'non si sente', ts: 5, source: 'youtube' }],
      [{ id: 'zoom:LCC.1', author: 'Bo', text: 'no audio', ts: 6, source: 'zoom' }],
    ]);
    expect(s.calls.filter((c) => c.method === 'ownPost').map((c) => c.args[0])).toEqual(['youtube:LCC.9']);
  });

  it('signs in again in place: the same id, the new tokens, the old adapter stopped', async () => {
    const s = setup();
    await s.sources.add(youtube);
    const again = await s.sources.add({ ...youtube, broadcastId: 'bc-2', replaces: 'youtube' });
    expect(again.id).toBe('youtube');
    expect(s.started[0]!.stopped).toBe(true);
    expect(s.started[1]!.settings).toMatchObject({ broadcastId: 'bc-2' });
    expect(s.sources.views().map((v) => v.id)).toEqual(['youtube']);
    await expect(s.sources.add({ ...youtube, replaces: 'obs' })).rejects.toThrow(/no YouTube source obs/);
  });

  it('signs out of the account when its source is removed', async () => {
    const s = setup();
    await s.sources.add(youtube);
    await s.sources.remove('youtube');
    expect(s.signedOut).toEqual([YOUTUBE]);
  });

  it('starts a stored source without its password when another key sealed it, and says so', async () => {
    const s = setup();
    await s.sources.add(obs);
    s.db.close();
    const other = nodeSecretBox(join(tempDir(), 'other.key'));
    const again = setup(s.dir, other);
    again.sources.resume();
    const { password: _password, ...withoutPassword } = obs as Extract<SourceSettings, { kind: 'obs' }>;
    expect(again.started[0]!.settings).toEqual(withoutPassword);
  });

  it('refuses to store a password when secure storage is not available', async () => {
    const dir = tempDir();
    const real = nodeSecretBox(join(dir, 'onair.key'));
    const s = setup(dir, {
      ...real,
      id: real.id,
      encrypt: real.encrypt,
      decrypt: real.decrypt,
      isAvailable: () => false,
    });
    await expect(s.sources.add(obs)).rejects.toThrow(/secure storage is not available/);
    expect(s.sources.views()).toEqual([]);
    expect((await s.sources.add({ ...obs, password: undefined })).id).toBe('obs');
  });

  it('refuses settings the adapter cannot use, with its reason, and stores nothing', async () => {
    const s = setup();
    const refusing = createSignalSources({
      repo: signalSourcesRepo(s.db),
      box: s.box,
      clock: fakeClock(),
      sink: recordingSink().sink,
      resolve: async (input) => input as SourceSettings,
      adapterFor: () => {
        throw new Error('file:// is not a program feed');
      },
      test: async () => ({ ok: false, detail: '' }),
      onChange: () => {},
    });
    await expect(refusing.add({ kind: 'probe', input: 'file:///etc/passwd' })).rejects.toThrow(
      expect.objectContaining({ error: { code: 'bad-args', message: 'file:// is not a program feed' } }),
    );
    expect(refusing.views()).toEqual([]);
    s.sources.resume();
    expect(s.sources.views()).toEqual([]);
  });

  it('removes a source: stopped, forgotten, and gone after a restart', async () => {
    const s = setup();
    await s.sources.add(obs);
    await s.sources.add(probe);
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
