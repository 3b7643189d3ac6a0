import { afterEach, describe, expect, it, vi } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { parseScenario, type Scenario } from './scenario/scenario';
import { chatUntil } from './scenario/scenario-chat';
import { healthAt } from './scenario/scenario-health';
import type { ChatPostAck, ClientToSource, SourceToClient } from '../../../../shared/source-protocol';
import type { ChatMessage, HealthSample, SourceHello } from '../../../../shared/types';
import { fakeClock as manualClock } from '../../../../tests/support/fake-clock';
import { listScenarios, loadScenarioFile, startSimulator, type RunningSimulator } from './server';

const T0 = 1_700_000_000_000;

function tinyScenario(): Scenario {
  const r = parseScenario({
    name: 'tiny',
    title: 'Tiny',
    eventName: 'Tiny webinar',
    durationSec: 20,
    seed: 3,
    audience: { initialViewers: 10, peakViewers: 20, joinPerMin: 5, chatPerMin: 60, languages: ['en', 'it'] },
    baseline: { audioLevelDb: -18, audioPacketsPerSec: 50, videoFps: 30, bitrateKbps: 2500 },
    segments: [
      { fromSec: 5, toSec: 10, effect: 'audio-silence', fault: true, label: 'mic muted' },
      { fromSec: 15, toSec: 17, effect: 'source-silent', fault: true },
    ],
    chat: [{ atSec: 0.5, author: 'giulia.r', text: 'ciao da Milano', lang: 'it' }],
    chatBursts: [{ fromSec: 6, toSec: 12, perMin: 600, pool: 'complaint-audio', distinctAuthors: true }],
  });
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

type Client = Socket<SourceToClient, ClientToSource>;
interface Recorder {
  socket: Client;
  hellos: SourceHello[];
  health: HealthSample[];
  chat: ChatMessage[];
  batches: number;
  ended: number[];
}

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function start(opts: Parameters<typeof startSimulator>[0]): Promise<RunningSimulator> {
  const sim = await startSimulator(opts);
  open.push(sim);
  return sim;
}

async function connect(url: string): Promise<Recorder> {
  const socket: Client = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  open.push(socket);
  const rec: Recorder = { socket, hellos: [], health: [], chat: [], batches: 0, ended: [] };
  socket.on('source.hello', (h) => rec.hellos.push(h));
  socket.on('health.sample', (h) => rec.health.push(h));
  socket.on('chat.message', (m) => rec.chat.push(m));
  socket.on('chat.batch', (ms) => {
    rec.batches++;
    rec.chat.push(...ms);
  });
  socket.on('source.ended', (e) => rec.ended.push(e.endedAt));
  await vi.waitFor(() => expect(rec.hellos.length).toBe(1), { timeout: 3000, interval: 5 });
  return rec;
}

describe('simulator server', () => {
  it('sends hello, then each second’s health and chat on the virtual timeline', async () => {
    const clock = manualClock(T0);
    const s = tinyScenario();
    const sim = await start({ scenario: s, speed: 10, clock });
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
    const a = await connect(sim.url);
    expect(a.hellos[0]).toMatchObject({
      source: 'onair-simulator',
      eventName: 'Tiny webinar',
      scenario: 'tiny',
      startedAt: T0,
      speed: 10,
    });
    expect(a.hellos[0].truth?.map((f) => [f.kind, f.startTs - T0, f.endTs - T0])).toEqual([
      ['audio-loss', 5000, 10_000],
      ['source-dead', 15_000, 17_000],
    ]);

    clock.advance(300); // 3 ticks of 100 ms at 10×
    await vi.waitFor(() => expect(a.health).toHaveLength(3), { timeout: 3000, interval: 5 });
    expect(a.health).toEqual([0, 1, 2].map((t) => healthAt(s, t, T0)));
    await vi.waitFor(() => expect(a.chat).toEqual(chatUntil(s, 0, 3, T0)), { timeout: 3000, interval: 5 });

    // A late joiner gets the live stream only.
    const b = await connect(sim.url);
    clock.advance(100);
    await vi.waitFor(() => expect(b.health).toEqual([healthAt(s, 3, T0)]), { timeout: 3000, interval: 5 });
  });

  it('says where its time line stands in every hello, and replays what a dropped client missed', async () => {
    const clock = manualClock(T0);
    const s = tinyScenario();
    const sim = await start({ scenario: s, speed: 10, clock });
    const a = await connect(sim.url);
    expect(a.hellos[0].now).toBe(T0);
    clock.advance(100);
    await vi.waitFor(() => expect(a.health).toHaveLength(1), { timeout: 3000, interval: 5 });

    // The connection drops below socket.io (a broken frame, a network blip) while the scenario plays on.
    a.socket.io.engine.close();
    await vi.waitFor(() => expect(a.socket.connected).toBe(false), { timeout: 3000, interval: 5 });
    clock.advance(300);
    a.socket.connect();
    await vi.waitFor(() => expect(a.hellos).toHaveLength(2), { timeout: 3000, interval: 5 });
    expect(a.hellos[1].now).toBe(T0 + 4000);
    await vi.waitFor(() => expect(a.health).toHaveLength(4), { timeout: 3000, interval: 5 });
    expect(a.socket.recovered).toBe(true);
    expect(a.health).toEqual([0, 1, 2, 3].map((t) => healthAt(s, t, T0)));
  });

  it('plays to the end: every sample and message once, batches for bursts, then source.ended', async () => {
    const clock = manualClock(T0);
    const s = tinyScenario();
    const sim = await start({ scenario: s, speed: 200, clock });
    const a = await connect(sim.url);
    clock.advance(20 * 5);
    await vi.waitFor(() => expect(a.ended).toEqual([T0 + 20_000]), { timeout: 3000, interval: 5 });
    expect(a.health).toHaveLength(18); // 2 s of source-silent
    expect(a.health.every((h) => h.ts < T0 + 15_000 || h.ts >= T0 + 17_000)).toBe(true);
    expect(a.health.filter((h) => h.audioPacketsPerSec === 0)).toHaveLength(5);
    expect(a.chat).toEqual(chatUntil(s, 0, 20, T0));
    expect(a.batches).toBeGreaterThan(0);
    expect(sim.sent).toEqual({ chat: a.chat.length, health: 18 });
  });

  it('loops with a fresh, later startedAt and fresh ids (real clock, 200×)', async () => {
    const s = { ...tinyScenario(), durationSec: 10, segments: [] };
    const sim = await start({ scenario: s, speed: 200, loop: true });
    const a = await connect(sim.url);
    await vi.waitFor(() => expect(a.hellos.length).toBeGreaterThanOrEqual(3), { timeout: 5000, interval: 5 });
    expect(a.hellos[2].startedAt).toBeGreaterThanOrEqual(a.hellos[1].startedAt + 10_000);
    expect(a.ended.length).toBeGreaterThanOrEqual(2);
    const ids = a.chat.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.some((id) => /~\d+$/.test(id))).toBe(true);
  });

  it('posts chat once per idempotency key and validates payloads', async () => {
    const clock = manualClock(T0);
    const sim = await start({ scenario: tinyScenario(), clock });
    const poster = await connect(sim.url);
    const viewer = await connect(sim.url);
    const post = {
      key: 'incident-1/update-1',
      author: 'Onair Producer',
      text: 'We are fixing the audio, back in a minute.',
    };
    const first = await poster.socket.emitWithAck('chat.post', post);
    expect(first).toMatchObject({ ok: true, duplicate: false });
    const again = await poster.socket.emitWithAck('chat.post', post);
    expect(again).toEqual({ ...first, duplicate: true });
    const bad: ChatPostAck = await poster.socket.emitWithAck('chat.post', { key: '', author: 'x' } as never);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/key|text/);

    await vi.waitFor(() => expect(viewer.chat).toHaveLength(1), { timeout: 3000, interval: 5 });
    expect(viewer.chat[0]).toMatchObject({
      id: first.ok ? first.messageId : '',
      author: post.author,
      text: post.text,
      ts: T0,
    });
    expect(sim.posted).toEqual([post]);
    expect(sim.sent.chat).toBe(1);
  });

  it('can be closed and restarted on the same port', async () => {
    const s = tinyScenario();
    const first = await startSimulator({ scenario: s, clock: manualClock(T0) });
    const a = await connect(first.url);
    const disconnected = new Promise<void>((resolve) => a.socket.once('disconnect', () => resolve()));
    await first.close();
    await first.close(); // idempotent
    await disconnected;
    const second = await start({ scenario: s, port: first.port, clock: manualClock(T0 + 60_000) });
    expect(second.port).toBe(first.port);
    const b = await connect(second.url);
    expect(b.hellos[0].startedAt).toBe(T0 + 60_000);
    await expect(startSimulator({ scenario: s, port: second.port })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('scenario files', () => {
  it('lists and loads every shipped scenario', () => {
    const names = listScenarios();
    expect(names).toEqual(
      expect.arrayContaining(['calm', 'audio-loss', 'frozen-video', 'stream-drop', 'chat-flood', 'chat-first']),
    );
    for (const n of names) expect(loadScenarioFile(n).name).toBe(n);
  });
  it('refuses unknown names and path tricks with a clear message', () => {
    expect(() => loadScenarioFile('nope')).toThrow(/scenario not found: .*nope\.json \(known: .*audio-loss/);
    expect(() => loadScenarioFile('..')).toThrow(/invalid scenario name/);
  });
});
