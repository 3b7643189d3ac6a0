import { describe, expect, it } from 'vitest';
import {
  canSend,
  coverage,
  isTicked,
  noChoices,
  NOT_CONFIGURED_REASON,
  sendTargets,
  skipReason,
  tick,
  withDefaultSkips,
  writeReason,
  type ChecklistChannel,
} from './broadcast-checklist';

const chat: ChecklistChannel = { channel: 'webinar-chat', configured: true };
const page: ChecklistChannel = { channel: 'status-page', configured: true };
const slack: ChecklistChannel = { channel: 'slack', configured: false };

describe('broadcast checklist', () => {
  it('ticks every configured channel and skips an unconfigured one with a reason, by default', () => {
    expect([chat, page, slack].map((c) => isTicked(noChoices, c))).toEqual([true, true, false]);
    expect(skipReason(noChoices, slack)).toBe(NOT_CONFIGURED_REASON);
    expect(skipReason(noChoices, chat)).toBe('');
    expect(coverage([chat, page, slack], noChoices)).toEqual({ ok: true });
  });

  it("keeps the operator's ticks and reasons over the defaults", () => {
    const ch = writeReason(tick(noChoices, 'webinar-chat', false), 'webinar-chat', 'chat is closed');
    expect(isTicked(ch, chat)).toBe(false);
    expect(skipReason(ch, chat)).toBe('chat is closed');
    expect(isTicked(ch, page)).toBe(true);
    expect(ch).not.toBe(noChoices);
    expect(noChoices).toEqual({ send: {}, reasons: {} }); // never mutated
  });

  it('misses a channel unticked without a reason (blank does not count)', () => {
    const unticked = tick(noChoices, 'webinar-chat', false);
    expect(coverage([chat, page], unticked)).toMatchObject({ ok: false, missing: ['webinar-chat'] });
    expect(coverage([chat, page], writeReason(unticked, 'webinar-chat', '   '))).toMatchObject({
      ok: false,
      missing: ['webinar-chat'],
    });
    expect(coverage([chat, page], writeReason(unticked, 'webinar-chat', 'moderated'))).toEqual({ ok: true });
  });

  it('refuses a round that reaches nobody, and one with no channel at all', () => {
    expect(coverage([slack], noChoices).ok).toBe(false);
    expect(coverage([], noChoices).ok).toBe(false);
  });

  it('allows Send when every channel is covered and there is a message, and only once', () => {
    const ok = coverage([chat, page], noChoices);
    expect(canSend(ok, 'Audio is back', false)).toBe(true);
    expect(canSend(ok, '  \n', false)).toBe(false);
    expect(canSend(ok, 'Audio is back', true)).toBe(false);
    expect(canSend(coverage([chat, page], tick(noChoices, 'status-page', false)), 'Audio is back', false)).toBe(false);
  });

  it('sends to the ticked channels and skips every other one with its trimmed reason', () => {
    const ch = writeReason(tick(noChoices, 'status-page', false), 'status-page', '  page is down  ');
    expect(sendTargets([chat, page, slack], ch)).toEqual({
      channels: ['webinar-chat'],
      skipped: [
        { channel: 'status-page', reason: 'page is down' },
        { channel: 'slack', reason: NOT_CONFIGURED_REASON },
      ],
    });
  });

  it('gives a channel that becomes configured while composing its configured default', () => {
    const later: ChecklistChannel = { ...slack, configured: true };
    expect(isTicked(noChoices, later)).toBe(true);
    expect(sendTargets([chat, later], noChoices).channels).toEqual(['webinar-chat', 'slack']);
  });

  it("starts from the template's default skips but keeps what the operator chose", () => {
    const flood = [{ channel: 'slack' as const, reason: 'a chat moderation notice' }];
    const ch = withDefaultSkips(noChoices, flood);
    const slackOn: ChecklistChannel = { ...slack, configured: true };
    expect(sendTargets([chat, slackOn], ch)).toEqual({
      channels: ['webinar-chat'],
      skipped: [{ channel: 'slack', reason: 'a chat moderation notice' }],
    });
    const ticked = tick(ch, 'slack', true);
    expect(withDefaultSkips(ticked, flood)).toBe(ticked);
  });
});
