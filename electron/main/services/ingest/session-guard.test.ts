import { describe, expect, it } from 'vitest';
import type { HealthSample, SourceHello } from '../../../../shared/types';
import { RecentSet } from './recent-set';
import { repairHello, sessionGuard } from './session-guard';

const R = 1_700_000_000_000;
const hello: SourceHello = { source: 'sim', eventName: 'Launch', startedAt: R, speed: 1 };
const none = { chatIds: [], healthKeys: [] };
const msg = (id: string, ts = R) => ({ id, author: 'giulia', text: 'ciao', ts });
const sample = (ts: number): HealthSample => ({
  ts,
  audioLevelDb: -18,
  audioPacketsPerSec: 50,
  videoFps: 30,
  bitrateKbps: 2500,
  droppedFrames: 0,
  streamState: 'online',
  viewers: 10,
});

describe('recent set', () => {
  it('forgets the oldest entry past its cap', () => {
    const s = new RecentSet<number>(3);
    expect([1, 2, 3, 1].map((n) => s.add(n))).toEqual([true, true, true, false]);
    s.add(4);
    expect(s.size).toBe(3);
    expect(s.has(1)).toBe(false);
    expect(s.has(4)).toBe(true);
  });
});

describe('session guard', () => {
  it('admits each chat id and each health timestamp once', () => {
    const g = sessionGuard();
    g.begin(hello, R, none);
    expect(g.chat(msg('m1'), R)).toMatchObject({ ok: true });
    expect(g.chat(msg('m1'), R)).toEqual({ ok: false, duplicate: true });
    expect(g.health(sample(R), R)).toMatchObject({ ok: true });
    expect(g.health(sample(R), R)).toEqual({ ok: false, duplicate: true });
    expect(g.health(sample(R + 1000), R)).toMatchObject({ ok: true });
  });

  it('remembers what the store already holds, and forgets the last session', () => {
    const g = sessionGuard();
    g.begin(hello, R, { chatIds: ['m1'], healthKeys: [`@${R}`] });
    expect(g.chat(msg('m1'), R)).toEqual({ ok: false, duplicate: true });
    expect(g.health(sample(R), R)).toEqual({ ok: false, duplicate: true });
    g.begin({ ...hello, startedAt: R + 1 }, R, none);
    expect(g.chat(msg('m1'), R)).toMatchObject({ ok: true });
  });

  it('keeps memory bounded: past the cap the oldest ids are forgotten', () => {
    const g = sessionGuard(100);
    g.begin(hello, R, none);
    for (let i = 0; i <= 100; i++) g.chat(msg(`m${i}`), R);
    expect(g.chat(msg('m0'), R)).toMatchObject({ ok: true });
    expect(g.chat(msg('m100'), R)).toEqual({ ok: false, duplicate: true });
  });

  it('refuses timestamps outside the window without remembering the id', () => {
    const g = sessionGuard();
    g.begin(hello, R, none);
    expect(g.chat(msg('m1', R + 86_400_000), R)).toMatchObject({ ok: false, kind: 'out-of-window' });
    expect(g.chat(msg('m1', R), R)).toMatchObject({ ok: true });
    expect(g.health(sample(8_640_000_000_000_000), R)).toMatchObject({ ok: false, kind: 'out-of-window' });
    expect(g.ended(R - 1, R)).toMatchObject({ ok: false, reason: expect.stringMatching(/before the session started/) });
    expect(g.ended(R + 60_000, R + 60_000)).toMatchObject({ ok: true, value: R + 60_000 });
  });

  it('replaces lone surrogates in text, and says so', () => {
    const g = sessionGuard();
    g.begin(hello, R, none);
    const a = g.chat({ id: 'm1', author: 'gi\ud800', text: 'ok \udfff then 😀', ts: R }, R);
    expect(a).toEqual({
      ok: true,
      repaired: true,
      value: { id: 'm1', author: 'gi\ufffd', text: 'ok \ufffd then 😀', ts: R },
    });
    expect(g.chat(msg('m2'), R)).toMatchObject({ repaired: false });
    expect(repairHello({ ...hello, eventName: 'Launch \ud83d' })).toEqual({
      value: { ...hello, eventName: 'Launch \ufffd' },
      repaired: true,
    });
  });

  it('a reconnect hello may move the time line on, never back', () => {
    const fast = { ...hello, speed: 20 };
    const g = sessionGuard();
    g.begin(fast, R, none);
    const farIn = R + 4 * 3_600_000;
    expect(g.health(sample(farIn), R)).toMatchObject({ kind: 'out-of-window' });
    g.again({ ...fast, now: farIn }, R);
    expect(g.health(sample(farIn), R)).toMatchObject({ ok: true });
    g.again(fast, R); // no `now`: stays where it is
    expect(g.health(sample(farIn + 1000), R)).toMatchObject({ ok: true });
  });
});
