import { describe, expect, it } from 'vitest';
import { SECRET } from '../channels/test-support/fixtures';
import { refusedUrl } from '../../../../tests/support/http-peer';
import { defaultBackoff } from './outbox';
import { outboxTestScope, T0 } from './outbox-test-kit';

const { peer, kit } = outboxTestScope();

const smsCreds = (url: string) => ({ endpoint: url, apiKey: SECRET, sender: 'Onair', recipients: '+4915100000001' });

describe('outbox delivery', () => {
  it('backs off on 503 and then delivers exactly once, with the same idempotency key', async () => {
    const p = await peer([
      { status: 503, body: { message: 'busy' } },
      { status: 201, body: { id: 'msg-9' } },
    ]);
    const k = kit({ creds: { sms: smsCreds(p.url) } });
    const retrying = k.changes.next((e) => e.status === 'queued' && e.attempts === 1, 'first failure');
    await k.outbox.start();
    const [entry] = await k.outbox.enqueue([k.draft('sms')]);
    const failed = await retrying;
    expect(failed).toMatchObject({ id: entry.id, nextAttemptAt: T0 + 2000 });
    expect(failed.lastError).toMatch(/HTTP 503 .*busy/);
    k.clock.advance(1999);
    expect(p.requests).toHaveLength(1);
    const sent = k.changes.next((e) => e.status === 'sent', 'sent');
    k.clock.advance(1);
    expect(await sent).toMatchObject({ attempts: 2, remoteId: 'msg-9', sentAt: T0 + 2000, lastError: undefined });
    expect(p.requests.map((r) => r.headers['idempotency-key'])).toEqual(['inc-1:0:sms', 'inc-1:0:sms']);
    expect(k.receipts()).toEqual([{ outbox_id: entry.id, channel: 'sms', remote_id: 'msg-9' }]);
    await new Promise((r) => setImmediate(r)); // let the lane finish (it drops its claim's renewal timer)
    expect(k.clock.pending()).toBe(0);
  });

  it('fails a 401 at once, with the reason, and never retries it', async () => {
    const p = await peer([{ status: 401, body: { message: 'invalid api key' } }]);
    const k = kit({ creds: { sms: smsCreds(p.url) } });
    const failed = k.changes.next((e) => e.status === 'failed');
    await k.outbox.start();
    await k.outbox.enqueue([k.draft('sms')]);
    const e = await failed;
    expect(e.attempts).toBe(1);
    expect(e.lastError).toMatch(/sms: HTTP 401 from 127\.0\.0\.1:\d+: invalid api key/);
    await new Promise((r) => setImmediate(r)); // let the lane finish (it drops its claim's renewal timer)
    expect(k.clock.pending()).toBe(0);
    k.clock.advance(60 * 60_000);
    expect(p.requests).toHaveLength(1);
    expect(k.receipts()).toEqual([]);
  });

  it("honours the peer's Retry-After when it is longer than the backoff", async () => {
    const p = await peer([
      { status: 503, headers: { 'Retry-After': '1' } },
      { status: 429, headers: { 'Retry-After': '120' } },
      { status: 200, body: { id: 'ok' } },
    ]);
    const k = kit({ creds: { sms: smsCreds(p.url) } });
    const first = k.changes.next((e) => e.status === 'queued' && e.attempts === 1);
    await k.outbox.start();
    await k.outbox.enqueue([k.draft('sms')]);
    expect((await first).nextAttemptAt).toBe(T0 + 2000); // backoff 2 s beats Retry-After 1 s
    const second = k.changes.next((e) => e.status === 'queued' && e.attempts === 2);
    k.clock.advance(2000);
    expect((await second).nextAttemptAt).toBe(T0 + 2000 + 120_000); // Retry-After 120 s beats backoff 4 s
    k.clock.advance(119_999);
    expect(p.requests).toHaveLength(2);
    const sent = k.changes.next((e) => e.status === 'sent');
    k.clock.advance(1);
    expect((await sent).attempts).toBe(3);
  });

  it('a refused and a hanging channel do not hold up the others', async () => {
    const hang = await peer(() => 'hang');
    const ok = await peer([{ body: 'ok' }]);
    const k = kit({
      creds: {
        x: { endpoint: hang.url, bearerToken: SECRET },
        discord: { webhookUrl: await refusedUrl() },
        slack: { webhookUrl: `${ok.url}/services/T/B/${SECRET}` },
      },
      sendTimeoutMs: 15_000,
    });
    const slackSent = k.changes.next((e) => e.channel === 'slack' && e.status === 'sent', 'slack sent');
    const discordRetry = k.changes.next(
      (e) => e.channel === 'discord' && e.status === 'queued' && e.attempts === 1,
      'discord retry',
    );
    await k.outbox.start();
    await k.outbox.enqueue([k.draft('x'), k.draft('discord'), k.draft('slack')]);
    await Promise.all([slackSent, discordRetry]);
    expect(k.repo.byKey('inc-1:0:x')?.status).toBe('sending');
    expect(k.repo.byKey('inc-1:0:discord')?.lastError).toMatch(/network error contacting 127\.0\.0\.1:\d+/);
    expect(hang.requests).toHaveLength(1);

    // The request reached X and no answer came: X cannot recognise a resend, so the operator decides.
    const xTimedOut = k.changes.next((e) => e.channel === 'x' && e.status === 'failed');
    k.clock.advance(15_000);
    expect((await xTimedOut).lastError).toBe(
      'outcome unknown: X (Twitter) may already show it (x: send did not finish within 15000 ms). Check there, then Retry or Skip.',
    );
    k.clock.advance(60 * 60_000);
    expect(hang.requests).toHaveLength(1); // never re-sent blindly
    expect(JSON.stringify(await k.outbox.list())).not.toContain(SECRET);
  });

  it('gives up after maxAttempts and marks the entry failed', async () => {
    const p = await peer(() => ({ status: 503 }));
    const k = kit({ creds: { sms: smsCreds(p.url) }, maxAttempts: 3 });
    await k.outbox.start();
    for (const attempt of [1, 2]) {
      const queued = k.changes.next((e) => e.status === 'queued' && e.attempts === attempt);
      if (attempt === 1) await k.outbox.enqueue([k.draft('sms')]);
      else k.clock.advance(defaultBackoff(1));
      await queued;
    }
    const failed = k.changes.next((e) => e.status === 'failed');
    k.clock.advance(defaultBackoff(2));
    const e = await failed;
    expect(e.attempts).toBe(3);
    expect(e.lastError).toMatch(/HTTP 503 .*\(gave up after 3 attempts\)$/);
    expect(p.requests).toHaveLength(3);
    await new Promise((r) => setImmediate(r)); // let the lane finish (it drops its claim's renewal timer)
    expect(k.clock.pending()).toBe(0);
  });

  it('stores one entry per idempotency key and sends it once', async () => {
    const p = await peer([{ status: 201, body: { id: 'one' } }]);
    const k = kit({ creds: { sms: smsCreds(p.url) } });
    const [a, b] = await k.outbox.enqueue([k.draft('sms'), k.draft('sms', { text: 'a second draft, same key' })]);
    const [c] = await k.outbox.enqueue([k.draft('sms')]);
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    const sent = k.changes.next((e) => e.status === 'sent');
    await k.outbox.start();
    await sent;
    await k.outbox.enqueue([k.draft('sms')]);
    await Promise.resolve();
    expect(await k.outbox.list()).toHaveLength(1);
    expect(p.requests).toHaveLength(1);
    expect(k.receipts()).toHaveLength(1);
  });

  it('fails a channel without credentials as "channel not configured"; status page needs none', async () => {
    const k = kit();
    const xFailed = k.changes.next((e) => e.channel === 'x' && e.status === 'failed');
    const pageSent = k.changes.next((e) => e.channel === 'status-page' && e.status === 'sent');
    await k.outbox.start();
    await k.outbox.enqueue([k.draft('x'), k.draft('status-page')]);
    expect(await xFailed).toMatchObject({ lastError: 'channel not configured', attempts: 1 });
    expect((await pageSent).remoteId).toMatch(/^http:\/\/127\.0\.0\.1\/status\/#entry-/);
  });
});
