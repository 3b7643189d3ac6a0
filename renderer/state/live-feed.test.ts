import { describe, expect, it } from 'vitest';
import type { LiveSnapshot, SessionView } from '../../shared/contract';
import { sessionNow } from '../../shared/domain/session-time';
import type { SourceView } from '../../shared/sources';
import type { ChatMessage, ConnectionState, HealthSample, SessionId } from '../../shared/types';
import {
  CHAT_WINDOW,
  HEALTH_KEEP_MS,
  HEALTH_MAX,
  initialLiveFeed,
  liveFeedReducer,
  type LiveFeed,
  type LiveFeedAction,
} from './live-feed';

const T0 = 1_700_000_000_000;
const WALL = 1_800_000_000_000;

const session = (id: string, over: Partial<SessionView> = {}): SessionView => ({
  id: id as SessionId,
  eventName: 'Launch webinar',
  sourceUrl: 'http://127.0.0.1:4000',
  startedAt: T0,
  speed: 10,
  rehearsal: false,
  ...over,
});
const chat = (n: number, ts = T0 + n * 1000): ChatMessage => ({ id: `m${n}`, author: 'ana', text: `hi ${n}`, ts });
const sample = (ts: number): HealthSample => ({
  ts,
  audioLevelDb: -20,
  audioPacketsPerSec: 50,
  videoFps: 30,
  bitrateKbps: 2500,
  droppedFrames: 0,
  streamState: 'online',
  viewers: 120,
});
const online: ConnectionState = { status: 'online', url: 'http://127.0.0.1:4000', since: T0, attempt: 0 };

const run = (actions: LiveFeedAction[], from: LiveFeed = initialLiveFeed) => actions.reduce(liveFeedReducer, from);
const started = (s: SessionView, at = WALL): LiveFeedAction => ({ type: 'session', s, at });

function snapshot(over: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return {
    connection: online,
    session: session('s1'),
    recentChat: [chat(1), chat(2)],
    recentHealth: [sample(T0 + 1000), sample(T0 + 3000)],
    stats: { chat: 2, health: 2, quarantined: 0 },
    simulator: { scenario: 'audio-loss', speed: 10 },
    sources: [],
    ...over,
  };
}

describe('live feed', () => {
  it('is not loaded until the snapshot, which it then takes whole', () => {
    expect(initialLiveFeed.loaded).toBe(false);
    const s = run([{ type: 'snapshot', s: snapshot(), at: WALL }]);
    expect(s).toMatchObject({
      loaded: true,
      connection: online,
      session: session('s1'),
      simulator: snapshot().simulator,
    });
    expect(s.chat.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(s.health).toHaveLength(2);
  });

  it('appends received chat and health in order', () => {
    const s = run([
      started(session('s1')),
      { type: 'chat', m: [chat(1), chat(2)], at: WALL },
      { type: 'chat', m: [chat(3)], at: WALL },
      { type: 'health', h: [sample(T0 + 1000)], at: WALL },
    ]);
    expect(s.chat.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(s.health.map((h) => h.ts)).toEqual([T0 + 1000]);
  });

  it(`keeps the newest ${CHAT_WINDOW} chat messages`, () => {
    const many = Array.from({ length: CHAT_WINDOW + 7 }, (_, i) => chat(i));
    const s = run([
      started(session('s1')),
      { type: 'chat', m: many.slice(0, 10), at: WALL },
      { type: 'chat', m: many.slice(10), at: WALL },
    ]);
    expect(s.chat).toHaveLength(CHAT_WINDOW);
    expect(s.chat[0].id).toBe('m7');
    expect(s.chat.at(-1)!.id).toBe(`m${CHAT_WINDOW + 6}`);
  });

  it('keeps the health that arrived in the last ten minutes, whatever the rate of its sources', () => {
    const obs = (ts: number): HealthSample => ({ ts, source: 'obs', congestion: 0 });
    const second = (n: number, at: number): LiveFeedAction => ({
      type: 'health',
      h: [sample(T0 + n * 1000), ...[0, 250, 500, 750].map((ms) => obs(T0 + n * 1000 + ms))],
      at,
    });
    let s = run([started(session('s1')), ...Array.from({ length: 600 }, (_, n) => second(n, WALL + n * 1000))]);
    expect(s.health).toHaveLength(3000); // ten minutes of one sample a second and four from OBS: all kept
    s = run([second(600, WALL + 600_000 + 1)], s);
    expect(s.health).toHaveLength(3000); // the first second's batch fell out
    expect(s.health[0].ts).toBe(T0 + 1000);
    expect(s.healthArrivals.reduce((n, r) => n + r.count, 0)).toBe(s.health.length);
  });

  it('judges the window by arrival, so one sample stamped far ahead pushes nothing out', () => {
    const s = run([
      started(session('s1')),
      { type: 'health', h: [sample(T0 + 1000)], at: WALL },
      { type: 'health', h: [sample(8_640_000_000_000_000)], at: WALL + 1000 },
      { type: 'health', h: [sample(T0 + 2000)], at: WALL + 2000 },
    ]);
    expect(s.health.map((h) => h.ts)).toEqual([T0 + 1000, 8_640_000_000_000_000, T0 + 2000]);
    expect(run([{ type: 'health', h: [sample(T0 + 3000)], at: WALL + HEALTH_KEEP_MS + 1500 }], s).health).toHaveLength(
      2,
    );
  });

  it(`keeps at most ${HEALTH_MAX} samples, the newest`, () => {
    const burst = (from: number, n: number) => Array.from({ length: n }, (_, i) => sample(T0 + from + i));
    const s = run([
      started(session('s1')),
      { type: 'health', h: burst(0, HEALTH_MAX - 10), at: WALL },
      { type: 'health', h: burst(HEALTH_MAX - 10, 25), at: WALL + 1 },
    ]);
    expect(s.health).toHaveLength(HEALTH_MAX);
    expect(s.health[0].ts).toBe(T0 + 15);
    expect(s.healthArrivals).toEqual([
      { at: WALL, count: HEALTH_MAX - 25 },
      { at: WALL + 1, count: 25 },
    ]);
    const snap = run([{ type: 'snapshot', s: snapshot({ recentHealth: burst(0, HEALTH_MAX + 5) }), at: WALL }]);
    expect(snap.health).toHaveLength(HEALTH_MAX);
    expect(snap.health[0].ts).toBe(T0 + 5);
  });

  it('a new session starts with empty chat and health; the same session announced again changes nothing', () => {
    const s1 = run([
      started(session('s1')),
      { type: 'chat', m: [chat(1)], at: WALL },
      { type: 'health', h: [sample(T0)], at: WALL },
    ]);
    expect(run([started(session('s1'), WALL + 5000)], s1)).toBe(s1); // a reconnect to the same run
    const s2 = run([started(session('s2', { startedAt: T0 + 9_000_000 }))], s1);
    expect(s2.session?.id).toBe('s2');
    expect(s2.chat).toEqual([]);
    expect(s2.health).toEqual([]);
    expect(s2.healthArrivals).toEqual([]);
    expect(s2.anchor).toEqual({ ts: T0 + 9_000_000, wall: WALL });
  });

  it('follows the connection and the ingest figures', () => {
    const offline: ConnectionState = { ...online, status: 'offline', attempt: 2, lastError: 'refused' };
    const s = run([
      { type: 'connection', c: online },
      { type: 'connection', c: offline },
      { type: 'stats', s: { chat: 10, health: 4, quarantined: 1, lastQuarantineReason: 'chat: bad ts' } },
    ]);
    expect(s.connection).toEqual(offline);
    expect(s.stats.quarantined).toBe(1);
  });
});

describe('live feed: the sources', () => {
  const obs: SourceView = {
    id: 'obs',
    kind: 'obs',
    label: 'OBS Studio · ws://127.0.0.1:4455',
    connection: { status: 'connecting', url: 'ws://127.0.0.1:4455', since: T0, attempt: 0 },
    settings: { kind: 'obs', host: '127.0.0.1', port: 4455, inputs: [], passwordSet: false },
  };
  const simulator: SourceView = {
    id: 'simulator',
    kind: 'simulator',
    label: 'Simulator · audio-loss',
    connection: online,
  };

  it('takes the sources from the snapshot, then each list main sends as they change', () => {
    let s = run([{ type: 'snapshot', s: snapshot({ sources: [simulator] }), at: WALL }]);
    expect(s.sources).toEqual([simulator]);
    const offline = { ...obs, connection: { ...obs.connection, status: 'offline' as const, attempt: 1 } };
    s = run(
      [
        { type: 'sources', s: [simulator, obs] },
        { type: 'sources', s: [simulator, offline] },
      ],
      s,
    );
    expect(s.sources).toEqual([simulator, offline]);
    s = run([started(session('s2'))], s); // a new session keeps the sources: they feed it
    expect(s.sources).toEqual([simulator, offline]);
  });
});

describe("live feed: the session's time line", () => {
  it('anchors on the session start, then on the newest source timestamp and the wall time it arrived', () => {
    let s = run([started(session('s1'), WALL)]);
    expect(s.anchor).toEqual({ ts: T0, wall: WALL });
    s = run([{ type: 'health', h: [sample(T0 + 2000), sample(T0 + 3000)], at: WALL + 300 }], s);
    expect(s.anchor).toEqual({ ts: T0 + 3000, wall: WALL + 300 });
    s = run([{ type: 'chat', m: [chat(9, T0 + 2500)], at: WALL + 400 }], s); // older than the newest: no move
    expect(s.anchor).toEqual({ ts: T0 + 3000, wall: WALL + 300 });
    s = run([{ type: 'chat', m: [], at: WALL + 500 }], s);
    expect(s.anchor).toEqual({ ts: T0 + 3000, wall: WALL + 300 });
  });

  it("anchors a snapshot on its newest data, received now; the session's start when it has none", () => {
    expect(run([{ type: 'snapshot', s: snapshot(), at: WALL }]).anchor).toEqual({ ts: T0 + 3000, wall: WALL });
    const empty = snapshot({ recentChat: [], recentHealth: [] });
    expect(run([{ type: 'snapshot', s: empty, at: WALL }])).toMatchObject({
      session: session('s1'),
      health: [],
      anchor: { ts: T0, wall: WALL },
    });
    expect(
      run([{ type: 'snapshot', s: snapshot({ session: null, recentChat: [], recentHealth: [] }), at: WALL }]).anchor,
    ).toBeNull();
  });

  it("gives the session now main computes, at the session's speed after the lag allowance", () => {
    const s = run([started(session('s1', { speed: 10 })), { type: 'health', h: [sample(T0 + 60_000)], at: WALL }]);
    expect(sessionNow(s.anchor, WALL + 400, s.session!.speed)).toBe(T0 + 60_000);
    expect(sessionNow(s.anchor, WALL + 1500, s.session!.speed)).toBe(T0 + 70_000);
  });

  it('keeps a row whose timestamp is no date in the feed, but never anchors the time line on it', () => {
    const hostile = [chat(7, 8_640_000_000_000_001), chat(8, Number.NaN)];
    let s = run([started(session('s1'), WALL), { type: 'chat', m: hostile, at: WALL + 100 }]);
    expect(s.chat.map((m) => m.id)).toEqual(['m7', 'm8']); // shown (with a placeholder time), not dropped
    expect(s.anchor).toEqual({ ts: T0, wall: WALL });
    s = run([{ type: 'health', h: [sample(Number.MAX_SAFE_INTEGER), sample(T0 + 4000)], at: WALL + 200 }], s);
    expect(s.anchor).toEqual({ ts: T0 + 4000, wall: WALL + 200 });
    const stored = snapshot({ recentChat: [chat(1), chat(2, 8_640_000_000_000_001)] });
    expect(run([{ type: 'snapshot', s: stored, at: WALL }]).anchor).toEqual({ ts: T0 + 3000, wall: WALL });
  });
});
