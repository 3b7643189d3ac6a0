/**
 * A post that reached the platform and got no answer may already be public. The outbox re-sends it only
 * where the channel recognises our key; elsewhere the operator decides. E-mail decides per batch: a batch
 * whose reply was lost (or cut off by a crash) waits for the operator with its recipients listed, and the
 * other batches go out on their own. Real peers, adapters and outbox on one fake clock; "answers after 12 s"
 * means the peer holds its answer until the test has advanced the clock that far.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startSmtpPeer, type SmtpReply } from '../../../../tests/support/smtp-peer';
import { SECRET } from '../channels/test-support/fixtures';
import { OUTCOME_UNKNOWN } from '../../../../shared/domain/broadcast/outbox-entry';
import { outboxTestScope, T0 } from './outbox-test-kit';

const { cleanup, peer, kit } = outboxTestScope();

/** A promise the test settles, and one that resolves when the peer has the request. */
function gate<T>() {
  let open!: (v: T) => void;
  const opened = new Promise<T>((r) => (open = r));
  return { opened, open };
}

const smsCreds = (url: string) => ({ endpoint: url, apiKey: SECRET, sender: 'Onair', recipients: '+4915100000001' });
const ATTENDEES = Array.from({ length: 7 }, (_, i) => `attendee${i}@example.com`);
const emailCreds = (port: number) => ({
  host: '127.0.0.1',
  port: String(port),
  from: 'events@example.com',
  recipients: ATTENDEES.join(', '),
  batchSize: '3', // three messages: 3 + 3 + 1
});
const attendeesIn = (inbox: { to: string[] }[]) => inbox.flatMap((m) => m.to).filter((a) => a !== 'events@example.com');

describe('sent but unanswered', () => {
  it('X: an answer after 12 s is waited for; no answer within 60 s fails for the operator and is never re-sent', async () => {
    const late = gate<void>();
    const p = await peer((n) =>
      n === 0 ? late.opened.then(() => ({ status: 201, body: { data: { id: 'x-1' } } })) : 'hang',
    );
    const k = kit({
      creds: { x: { endpoint: p.url, bearerToken: SECRET } },
      adapterTimeoutMs: 60_000,
      sendTimeoutMs: 11 * 60_000,
    });
    const sending = k.changes.next((e) => e.status === 'sending');
    await k.outbox.start();
    await k.outbox.enqueue([k.draft('x'), k.draft('x', { idempotencyKey: 'inc-1:1:x', round: 1 })]);
    await sending;
    await expect.poll(() => p.requests.length).toBe(1);
    const first = k.changes.next((e) => e.status === 'sent');
    k.clock.advance(12_000);
    late.open();
    expect(await first).toMatchObject({ remoteId: 'x-1', attempts: 1 });

    await expect.poll(() => p.requests.length).toBe(2); // the second post, whose answer never comes
    const failed = k.changes.next((e) => e.status === 'failed');
    k.clock.advance(60_000);
    const e = await failed;
    expect(e.lastError?.startsWith(`${OUTCOME_UNKNOWN}: `)).toBe(true);
    expect(e.lastError).toMatch(
      /^outcome unknown: X \(Twitter\) may already show it \(x: 127\.0\.0\.1:\d+ did not answer within 60000 ms\)\. Check there, then Retry or Skip\.$/,
    );
    k.clock.advance(24 * 60 * 60_000);
    expect(p.requests).toHaveLength(2); // no blind resend
    expect(k.receipts()).toHaveLength(1);
  });

  it('SMS gateway (recognises the key): retried with the same key, published once', async () => {
    const published = new Set<string>();
    const p = await peer(() => 'hang');
    const answering = await peer(() => ({ status: 201, body: { id: 'sms-1' } }));
    let target = p.url;
    const k = kit({ credentials: () => smsCreds(target), adapterTimeoutMs: 60_000, sendTimeoutMs: 11 * 60_000 });
    const retrying = k.changes.next((e) => e.status === 'queued' && e.attempts === 1);
    await k.outbox.start();
    await k.outbox.enqueue([k.draft('sms')]);
    await expect.poll(() => p.requests.length).toBe(1);
    k.clock.advance(60_000);
    expect((await retrying).lastError).toMatch(/did not answer within 60000 ms/);
    target = answering.url;
    const sent = k.changes.next((e) => e.status === 'sent');
    k.clock.advance(2000);
    await sent;
    for (const r of [...p.requests, ...answering.requests]) published.add(String(r.headers['idempotency-key']));
    expect([...published]).toEqual(['inc-1:0:sms']);
  });
});

describe('e-mail batches whose reply was lost', () => {
  async function smtpWith(reply: (n: number) => SmtpReply | Promise<SmtpReply>) {
    const smtp = await startSmtpPeer({}, { reply: (_m, n) => reply(n) });
    cleanup.push(() => smtp.close());
    return smtp;
  }

  it('waits 10 minutes for the reply to the dot, not 10 s', async () => {
    const reply = gate<SmtpReply>();
    const smtp = await smtpWith(() => reply.opened);
    const k = kit({ creds: { email: { ...emailCreds(smtp.port), batchSize: '50' } }, sendTimeoutMs: 11 * 60_000 });
    await k.outbox.start();
    await k.outbox.enqueue([k.draft('email')]);
    await expect.poll(() => smtp.inbox.length).toBe(1);
    const sent = k.changes.next((e) => e.status === 'sent');
    k.clock.advance(10 * 60_000 - 1);
    reply.open('ok');
    expect((await sent).receiptDetail).toMatch(/^7 of 7 attendees accepted; 250/);
    expect(smtp.inbox).toHaveLength(1);
  });

  it('a batch with no reply is put to the operator with its recipients; the others go; Retry sends only it', async () => {
    const smtp = await smtpWith((n) => (n === 1 ? 'hang' : 'ok'));
    const k = kit({ creds: { email: emailCreds(smtp.port) }, sendTimeoutMs: 11 * 60_000 });
    await k.outbox.start();
    const [entry] = await k.outbox.enqueue([k.draft('email')]);
    await expect.poll(() => smtp.inbox.length).toBe(2);
    const failed = k.changes.next((e) => e.status === 'failed');
    k.clock.advance(10 * 60_000);
    const e = await failed;
    expect(e.lastError).toMatch(
      /^outcome unknown: E-mail to attendees: 4 of 4 attendees accepted in 3 messages; outcome unknown for message 2 of 3: no reply within 600000 ms after the end of data; 250 .*; 1 message may or may not have arrived, to 3 recipients: attendee3@example\.com, attendee4@example\.com, attendee5@example\.com\. Check with them/,
    );
    expect(attendeesIn(smtp.inbox).sort()).toEqual([...ATTENDEES].sort()); // batch 3 went out on its own
    k.clock.advance(24 * 60 * 60_000);
    expect(smtp.inbox).toHaveLength(3);

    // The operator asks attendees 3-5, who have nothing: Retry sends to them, and to nobody else.
    const sent = k.changes.next((x) => x.status === 'sent');
    expect(await k.outbox.retryNow(entry.id)).toBe(true);
    expect((await sent).receiptDetail).toMatch(
      /^3 of 3 attendees accepted in 3 messages; 4 had it from an earlier attempt/,
    );
    expect(smtp.inbox.map((m) => m.to.length - 1)).toEqual([3, 3, 1, 3]);
    expect(attendeesIn(smtp.inbox.slice(3)).sort()).toEqual([
      'attendee3@example.com',
      'attendee4@example.com',
      'attendee5@example.com',
    ]);
  });

  it('after a crash between the dot and the record of its 250, only that batch waits; the rest go', async () => {
    const smtp = await smtpWith(() => 'ok');
    const k = kit({ creds: { email: emailCreds(smtp.port) }, sendTimeoutMs: 11 * 60_000 });
    // What the killed process left: batch 1 recorded as delivered, batch 2 past its dot with no record of
    // the reply, batch 3 never started; the entry still 'sending'.
    const [{ entry: e }] = k.repo.insertMany([{ ...k.draft('email'), nextAttemptAt: T0 - 10, createdAt: T0 - 10 }]);
    expect(k.repo.claim(e.id, T0 - 5)).toBe(true);
    const batches = [ATTENDEES.slice(0, 3), ATTENDEES.slice(3, 6), ATTENDEES.slice(6)];
    const partOf = (bcc: string[]) =>
      `bcc:${createHash('sha256')
        .update([...bcc].sort().join('\n'))
        .digest('hex')
        .slice(0, 24)}`;
    k.repo.markPartSending(e.id, partOf(batches[0]), batches[0]);
    k.repo.markPartDone(e.id, partOf(batches[0]));
    k.repo.markPartSending(e.id, partOf(batches[1]), batches[1]);

    const failed = k.changes.next((x) => x.status === 'failed');
    await k.outbox.start();
    const after = await failed;
    expect(after.lastError).toMatch(
      /^interrupted mid-send by a restart: E-mail to attendees: 1 of 1 attendees accepted in 3 messages; 3 had it from an earlier attempt; outcome unknown for message 2 of 3: cut off earlier, before its reply; 250 .*; 1 message may or may not have arrived, to 3 recipients: attendee3@example\.com, attendee4@example\.com, attendee5@example\.com\./,
    );
    expect(smtp.inbox.map((m) => m.to.filter((a) => a !== 'events@example.com'))).toEqual([['attendee6@example.com']]);
    expect(k.repo.partsSending(e.id)).toEqual({ [partOf(batches[1])]: batches[1] });

    // They had it: the operator skips, and nothing more is sent.
    expect(await k.outbox.skip(e.id, 'already there (checked by the operator)')).toBe(true);
    k.clock.advance(24 * 60 * 60_000);
    expect(smtp.inbox).toHaveLength(1);
  });
});
