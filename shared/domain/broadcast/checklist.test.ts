import { describe, expect, it } from 'vitest';
import {
  canComplete,
  coverage,
  defaultChannels,
  markChannel,
  newRound,
  roundChannels,
  type BroadcastRound,
} from './checklist';

const mark = (r: BroadcastRound, ...args: Parameters<typeof markChannel> extends [unknown, ...infer R] ? R : never) => {
  const res = markChannel(r, ...args);
  if (!res.round) throw new Error(res.error);
  return res.round;
};

describe('checklist', () => {
  it('starts with every enabled channel pending, once each', () => {
    const r = newRound(['email', 'sms', 'email', 'x'], 2);
    expect(r.round).toBe(2);
    expect(roundChannels(r)).toEqual(['email', 'sms', 'x']);
    expect(Object.values(r.channels).every((c) => c?.state === 'pending')).toBe(true);
  });

  it('is complete only when every channel is sent, queued or skipped with a reason', () => {
    let r = newRound(['webinar-chat', 'email', 'sms']);
    expect(canComplete(r)).toMatchObject({ ok: false, missing: ['webinar-chat', 'email', 'sms'] });
    r = mark(r, 'webinar-chat', 'sent');
    r = mark(r, 'email', 'queued');
    expect(canComplete(r)).toMatchObject({ ok: false, missing: ['sms'] });
    r = mark(r, 'sms', 'skipped', 'No SMS gateway credit left');
    expect(canComplete(r)).toEqual({ ok: true });
    expect(r.channels.sms).toEqual({ state: 'skipped', reason: 'No SMS gateway credit left' });
  });

  it('requires a reason to skip', () => {
    const r = newRound(['email', 'sms']);
    expect(markChannel(r, 'sms', 'skipped')).toEqual({ error: 'Skipping sms needs a reason' });
    expect(markChannel(r, 'sms', 'skipped', '   ').error).toMatch(/needs a reason/);
  });

  it('is blocked by a failed channel until it is retried or skipped', () => {
    let r = newRound(['email', 'x']);
    r = mark(r, 'email', 'sent');
    r = mark(r, 'x', 'failed', 'HTTP 401');
    const res = canComplete(r);
    expect(res).toMatchObject({ ok: false, missing: ['x'] });
    expect(!res.ok && res.reason).toMatch(/Failed on x/);
    expect(canComplete(mark(r, 'x', 'queued')).ok).toBe(true);
    expect(canComplete(mark(r, 'x', 'skipped', 'Account locked, posting by hand')).ok).toBe(true);
  });

  it('refuses channels that are not in the round, and taking back a sent post', () => {
    const r = mark(newRound(['email', 'sms']), 'email', 'sent');
    expect(markChannel(r, 'x', 'sent').error).toMatch(/not enabled/);
    expect(markChannel(r, 'email', 'failed').error).toMatch(/already sent/);
  });

  it('never mutates the round it was given', () => {
    const r = newRound(['email', 'sms']);
    mark(r, 'email', 'sent');
    expect(r.channels.email).toEqual({ state: 'pending' });
  });

  it('does not complete a round that reached nobody', () => {
    expect(canComplete(newRound([]))).toMatchObject({ ok: false, missing: [] });
    let r = newRound(['email', 'sms']);
    r = mark(r, 'email', 'skipped', 'a');
    r = mark(r, 'sms', 'skipped', 'b');
    expect(canComplete(r)).toMatchObject({ ok: false, reason: expect.stringMatching(/reached nobody/) });
  });

  it('reports coverage and flags a single-channel update', () => {
    let r = newRound(['webinar-chat', 'email', 'sms', 'x']);
    r = mark(r, 'webinar-chat', 'sent');
    r = mark(r, 'sms', 'failed', 'timeout');
    r = mark(r, 'x', 'skipped', 'not used for this event');
    expect(coverage(r)).toEqual({
      total: 4,
      pending: 1,
      queued: 0,
      sent: 1,
      failed: 1,
      skipped: 1,
      reached: ['webinar-chat'],
      fraction: 0.25,
      singleChannel: true,
    });
    r = mark(r, 'email', 'queued');
    expect(coverage(r)).toMatchObject({ reached: ['webinar-chat', 'email'], fraction: 0.5, singleChannel: false });
    expect(coverage(newRound([])).fraction).toBe(0);
  });
});

describe('defaultChannels', () => {
  const enabled = ['webinar-chat', 'email', 'sms', 'status-page', 'slack'] as const;
  it('sends a chat flood notice to the chat and the status page only, the rest skipped with a reason', () => {
    const d = defaultChannels('chat-flood', enabled);
    expect(d.channels).toEqual(['webinar-chat', 'status-page']);
    expect(d.skipped.map((s) => s.channel)).toEqual(['email', 'sms', 'slack']);
    for (const s of d.skipped) expect(s.reason).toMatch(/chat/);
    // The skips cover the round, so the operator can send at once.
    let round = newRound(enabled);
    for (const c of d.channels) round = markChannel(round, c, 'queued').round!;
    for (const s of d.skipped) round = markChannel(round, s.channel, 'skipped', s.reason).round!;
    expect(canComplete(round)).toEqual({ ok: true });
  });
  it('sends every other kind everywhere', () => {
    for (const kind of ['audio', 'video', 'stream', 'other', 'postponement'] as const)
      expect(defaultChannels(kind, enabled)).toEqual({ channels: [...enabled], skipped: [] });
  });
});
