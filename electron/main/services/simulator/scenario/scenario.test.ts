import { describe, expect, it } from 'vitest';
import { parseScenario, truthOf, type Scenario } from './scenario';
import { chatUntil } from './scenario-chat';
import { healthAt, viewersAt } from './scenario-health';
import { PHRASES } from './scenario-phrases';
import type { ChatMessage } from '../../../../../shared/types';

/** Every scenario shipped in resources/scenarios (server.test.ts also checks the folder listing). */
const SHIPPED = [
  'audio-clipping',
  'audio-loss',
  'big-audience',
  'calm',
  'chat-first',
  'chat-flood',
  'chat-joke',
  'frozen-video',
  'presenter-pause',
  'quiet-speaker',
  'slow-network',
  'source-dead',
  'stream-drop',
  'video-degraded',
];
const T0 = 1_700_000_000_000;

async function load(name: string): Promise<Scenario> {
  const mod = (await import(`../../../../../resources/scenarios/${name}.json`)) as { default: unknown };
  const r = parseScenario(mod.default);
  if (!r.ok) throw new Error(`${name}: ${r.reason}`);
  return r.value;
}

const complaintPhrases = Object.entries(PHRASES)
  .filter(([pool]) => pool.startsWith('complaint-'))
  .flatMap(([, byLang]) => Object.values(byLang).flat())
  .map((p) => p.toLowerCase());
const isComplaint = (m: ChatMessage) => complaintPhrases.some((p) => m.text.toLowerCase().startsWith(p));

const minimal = (over: Record<string, unknown> = {}) => ({
  name: 'tiny',
  title: 'Tiny',
  eventName: 'Test',
  durationSec: 60,
  seed: 1,
  audience: { initialViewers: 10, peakViewers: 20, joinPerMin: 5, chatPerMin: 30, languages: ['en'] },
  baseline: { audioLevelDb: -18, audioPacketsPerSec: 50, videoFps: 30, bitrateKbps: 2500 },
  ...over,
});

describe('scenario files', () => {
  it.each(SHIPPED)('%s parses and lasts 5–15 min', async (name) => {
    const s = await load(name);
    expect(s.name).toBe(name);
    expect(s.durationSec).toBeGreaterThanOrEqual(300);
    expect(s.durationSec).toBeLessThanOrEqual(900);
  });
});

describe('parseScenario', () => {
  it('accepts a minimal scenario and defaults the lists', () => {
    const r = parseScenario(minimal());
    expect(r.ok && r.value.segments).toEqual([]);
  });
  it.each([
    [
      'a segment ending before it starts',
      minimal({ segments: [{ fromSec: 30, toSec: 30, effect: 'audio-silence', fault: true }] }),
      /segments\.0: toSec \(30\) must be after fromSec/,
    ],
    [
      'a segment beyond the duration',
      minimal({ segments: [{ fromSec: 30, toSec: 90, effect: 'audio-silence', fault: true }] }),
      /segments\.0: toSec \(90\) is beyond durationSec \(60\)/,
    ],
    [
      'a burst beyond the duration',
      minimal({ chatBursts: [{ fromSec: 10, toSec: 61, perMin: 5, pool: 'flood' }] }),
      /chatBursts\.0: toSec/,
    ],
    ['a chat line beyond the duration', minimal({ chat: [{ atSec: 60, author: 'a', text: 'hi' }] }), /chat\.0: atSec/],
    [
      'a hard non-fault flagged as fault',
      minimal({ segments: [{ fromSec: 1, toSec: 9, effect: 'presenter-pause', fault: true }] }),
      /non-fault by definition/,
    ],
    [
      'an unknown effect',
      minimal({ segments: [{ fromSec: 1, toSec: 9, effect: 'explode', fault: true }] }),
      /segments\.0\.effect/,
    ],
    ['a missing baseline', { ...minimal(), baseline: undefined }, /baseline/],
    ['a non-kebab name', minimal({ name: 'Audio Loss' }), /name: must be kebab-case/],
    ['peak below initial viewers', minimal({ audience: { ...minimal().audience, peakViewers: 5 } }), /peakViewers/],
  ])('rejects %s with a clear reason', (_what, input, reason) => {
    const r = parseScenario(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('healthAt', () => {
  it('looks like live speech outside any segment', async () => {
    const s = await load('calm');
    for (let t = 0; t < s.durationSec; t++) {
      const h = healthAt(s, t, T0)!;
      expect(h.ts).toBe(T0 + t * 1000);
      expect(h.audioLevelDb).toBeGreaterThanOrEqual(-42);
      expect(h.audioLevelDb).toBeLessThanOrEqual(-12);
      expect(h.audioPacketsPerSec).toBeGreaterThanOrEqual(48);
      expect(h.videoFps).toBeGreaterThanOrEqual(29);
      expect(Math.abs((h.bitrateKbps ?? 0) / 2500 - 1)).toBeLessThanOrEqual(0.051);
      expect(h.streamState).toBe('online');
    }
  });
  it('is deterministic', async () => {
    const s = await load('audio-loss');
    for (const t of [0, 59, 60, 239, 240, 599]) expect(healthAt(s, t, T0)).toEqual(healthAt(s, t, T0));
  });
  it('reflects audio silence only inside the segment', async () => {
    const s = await load('audio-loss');
    for (let t = 60; t < 240; t++) {
      const h = healthAt(s, t, T0)!;
      expect(h.audioLevelDb).toBeLessThanOrEqual(-60);
      expect(h.audioPacketsPerSec).toBe(0);
    }
    expect(healthAt(s, 59, T0)!.audioPacketsPerSec).toBeGreaterThan(40);
    expect(healthAt(s, 240, T0)!.audioLevelDb).toBeGreaterThan(-45);
  });
  it('reflects offline, frozen, degraded, clipping and a dead source', async () => {
    const drop = healthAt(await load('stream-drop'), 250, T0)!;
    expect(drop).toMatchObject({ streamState: 'offline', videoFps: 0, bitrateKbps: 0, audioPacketsPerSec: 0 });
    const frozen = healthAt(await load('frozen-video'), 200, T0)!;
    expect(frozen.videoFps).toBe(0);
    expect(frozen.bitrateKbps).toBeLessThan(250);
    expect(frozen.audioPacketsPerSec).toBeGreaterThan(40);
    const degraded = healthAt(await load('video-degraded'), 200, T0)!;
    expect(degraded.videoFps).toBeGreaterThanOrEqual(8);
    expect(degraded.videoFps).toBeLessThanOrEqual(12);
    expect(healthAt(await load('audio-clipping'), 200, T0)!.audioLevelDb).toBeGreaterThan(-1);
    const dead = await load('source-dead');
    expect(healthAt(dead, 250, T0)).toBeNull();
    expect(healthAt(dead, 199, T0)).not.toBeNull();
  });
  it('keeps hard non-faults recognisable', async () => {
    const pause = healthAt(await load('presenter-pause'), 184, T0)!;
    expect(pause.audioLevelDb).toBeGreaterThan(-60);
    expect(pause.audioLevelDb).toBeLessThan(-50);
    expect(pause.audioPacketsPerSec).toBeGreaterThan(40);
    expect(healthAt(await load('quiet-speaker'), 200, T0)!.audioLevelDb).toBeLessThan(-30);
    const net = await load('slow-network');
    expect(healthAt(net, 201, T0)!.bitrateKbps).toBeLessThan(1500);
    expect(healthAt(net, 210, T0)!.bitrateKbps).toBeGreaterThan(2300);
    const garbled = healthAt(await load('chat-first'), 200, T0)!;
    expect(garbled.audioPacketsPerSec).toBeGreaterThan(40);
    expect(garbled.streamState).toBe('online');
  });
});

describe('chatUntil', () => {
  it('is deterministic, time-ordered, with unique ids, and windows compose', async () => {
    const s = await load('audio-loss');
    const all = chatUntil(s, 0, s.durationSec, T0);
    expect(chatUntil(s, 0, s.durationSec, T0)).toEqual(all);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    expect([...chatUntil(s, 0, 100.5, T0), ...chatUntil(s, 100.5, s.durationSec, T0)]).toEqual(all);
    for (let i = 1; i < all.length; i++) expect(all[i].ts).toBeGreaterThanOrEqual(all[i - 1].ts);
    // Ids do not depend on startedAt, so a replay yields the same ids.
    expect(chatUntil(s, 0, s.durationSec, T0 + 5000).map((m) => m.id)).toEqual(all.map((m) => m.id));
  });
  it('audio-loss: complaints start a few seconds after onset, in Italian and English, and ramp', async () => {
    const s = await load('audio-loss');
    const tOf = (m: ChatMessage) => (m.ts - T0) / 1000;
    const before = chatUntil(s, 0, 60, T0);
    expect(before.length).toBeGreaterThan(3);
    expect(before.filter(isComplaint)).toEqual([]);
    const complaints = chatUntil(s, 60, 240, T0).filter(isComplaint);
    expect(tOf(complaints[0])).toBeGreaterThanOrEqual(60);
    expect(tOf(complaints[0])).toBeLessThan(75);
    expect(new Set(complaints.map((m) => m.lang))).toEqual(new Set(['it', 'en']));
    const early = complaints.filter((m) => tOf(m) < 90).length;
    const late = complaints.filter((m) => tOf(m) >= 150 && tOf(m) < 180).length;
    expect(late).toBeGreaterThan(early);
    expect(truthOf(s, T0)).toEqual([
      { kind: 'audio-loss', startTs: T0 + 60_000, endTs: T0 + 240_000, label: expect.any(String) },
    ]);
  });
  it('chat-flood: about 2000 messages in the flood minute', async () => {
    const s = await load('chat-flood');
    const n = chatUntil(s, 120, 180, T0).length;
    expect(n).toBeGreaterThan(1800);
    expect(n).toBeLessThan(2300);
    expect(truthOf(s, T0).map((f) => f.kind)).toEqual(['chat-flood']);
  });
  it('hard cases carry no truth; the joker is one person; a dead source sends no chat', async () => {
    for (const name of ['presenter-pause', 'quiet-speaker', 'slow-network', 'chat-joke', 'big-audience', 'calm']) {
      expect(truthOf(await load(name), T0)).toEqual([]);
    }
    const joke = chatUntil(await load('chat-joke'), 0, 480, T0).filter((m) => /no (audio|sound)/i.test(m.text));
    expect(joke.length).toBeGreaterThanOrEqual(4);
    expect(new Set(joke.map((m) => m.author))).toEqual(new Set(['dave_k']));
    expect(chatUntil(await load('source-dead'), 200, 320, T0)).toEqual([]);
  });
  it('big-audience: thousands of viewers and ~300 messages a minute from many people', async () => {
    const s = await load('big-audience');
    expect(viewersAt(s, 600)).toBeGreaterThan(4500);
    const minute = chatUntil(s, 300, 360, T0);
    expect(minute.length).toBeGreaterThan(240);
    expect(minute.length).toBeLessThan(360);
    expect(new Set(minute.map((m) => m.author)).size).toBeGreaterThan(200);
  });
});
