import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir';
import { openDatabase } from './open';
import { outboxRepo } from './outbox-repo';
import type { NewOutboxEntry } from '../outbox/outbox-store';
import type { OutboxDraft } from '../../../../shared/domain/broadcast/outbox-entry';

const T0 = 1_700_000_000_000;

/** The repo, with insertMany answering the stored views (what these tests look at). */
function repoOn(db: ReturnType<typeof openDatabase>) {
  const repo = outboxRepo(db);
  return { ...repo, insertMany: (entries: NewOutboxEntry[]) => repo.insertMany(entries).map((s) => s.entry) };
}

function setup() {
  const db = openDatabase({ file: join(tempDir(), 'onair.sqlite') });
  return { db, repo: repoOn(db) };
}

function entry(channel: OutboxDraft['channel'], over: Partial<NewOutboxEntry> = {}): NewOutboxEntry {
  return {
    idempotencyKey: `inc-1:0:${channel}`,
    incidentId: 'inc-1',
    sessionId: 's-1',
    round: 0,
    channel,
    phase: 'acknowledge',
    lang: 'en',
    text: 'We hear you.',
    eventName: 'Spring Launch',
    nextAttemptAt: T0,
    createdAt: T0,
    ...over,
  };
}

const receipt = { channel: 'sms' as const, remoteId: 'msg-1', detail: 'HTTP 201', at: T0 + 5 };

describe('outbox repo', () => {
  it('inserts idempotently on the key and maps rows to views', () => {
    const { repo, db } = setup();
    const [a, b] = repo.insertMany([entry('sms'), entry('x', { subject: 'Audio', link: 'https://e.x/1' })]);
    expect(a).toMatchObject({
      id: 1,
      status: 'queued',
      attempts: 0,
      channel: 'sms',
      incidentId: 'inc-1',
      round: 0,
      nextAttemptAt: T0,
    });
    expect(a.subject).toBeUndefined();
    expect(b).toMatchObject({ subject: 'Audio', link: 'https://e.x/1' });
    const again = repo.insertMany([entry('sms', { text: 'changed' }), entry('sms')]);
    expect(again.map((e) => [e.id, e.text])).toEqual([
      [1, 'We hear you.'],
      [1, 'We hear you.'],
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox_entries').get()).toEqual({ n: 2 });
    expect(repo.byIncident('inc-1')).toHaveLength(2);
    expect(repo.bySession('s-1')).toHaveLength(2);
    expect(repo.all(1).map((e) => e.channel)).toEqual(['x']);
  });

  it('lists due entries, per channel, and the next wake-up', () => {
    const { repo } = setup();
    repo.insertMany([
      entry('sms'),
      entry('x', { nextAttemptAt: T0 + 10 }),
      entry('slack', { idempotencyKey: 'k3', nextAttemptAt: T0 + 5 }),
    ]);
    expect(repo.due(T0, 10).map((e) => e.channel)).toEqual(['sms']);
    expect(repo.due(T0 + 10, 10).map((e) => e.channel)).toEqual(['sms', 'slack', 'x']);
    expect(repo.due(T0 + 10, 10, 'x').map((e) => e.channel)).toEqual(['x']);
    expect(repo.dueChannels(T0 + 5)).toEqual(['slack', 'sms']);
    expect(repo.nextWakeAfter(T0)).toBe(T0 + 5);
    expect(repo.nextWakeAfter(T0 + 10)).toBeUndefined();
  });

  it('claims atomically: the second claim loses', () => {
    const { repo } = setup();
    const [e] = repo.insertMany([entry('sms')]);
    expect(repo.claim(e.id, T0 + 1)).toBe(true);
    expect(repo.claim(e.id, T0 + 1)).toBe(false);
    expect(repo.byId(e.id)).toMatchObject({ status: 'sending', attempts: 1 });
    expect(repo.due(T0 + 100, 10)).toEqual([]);
  });

  it('commits the receipt and the sent status together, and only for an entry being sent', () => {
    const { repo } = setup();
    const [e] = repo.insertMany([entry('sms')]);
    expect(() => repo.markSentWithReceipt(e.id, receipt)).toThrow(/not being sent/);
    expect(repo.byId(e.id)).toMatchObject({ status: 'queued', remoteId: undefined }); // the receipt rolled back too
    repo.claim(e.id, T0);
    repo.markSentWithReceipt(e.id, receipt, T0 + 6);
    expect(repo.byId(e.id)).toMatchObject({
      status: 'sent',
      sentAt: T0 + 6,
      remoteId: 'msg-1',
      receiptDetail: 'HTTP 201',
    });
    expect(() => repo.markSentWithReceipt(e.id, receipt)).toThrow();
  });

  it('refuses "sent" without a receipt at the database level', () => {
    const { repo, db } = setup();
    const [e] = repo.insertMany([entry('sms')]);
    expect(() => db.prepare("UPDATE outbox_entries SET status = 'sent' WHERE id = ?").run(e.id)).toThrow(
      /without a delivery receipt/,
    );
    expect(() => db.prepare("UPDATE outbox_entries SET status = 'bogus' WHERE id = ?").run(e.id)).toThrow(/CHECK/);
  });

  it('reschedules, fails, skips and retries only from the states that allow it', () => {
    const { repo } = setup();
    const [e] = repo.insertMany([entry('sms')]);
    expect(repo.reschedule(e.id, T0 + 2000, 'HTTP 503', T0)).toBe(false); // not sending
    repo.claim(e.id, T0);
    expect(repo.skip(e.id, 'no', T0)).toBe(false); // being sent
    expect(repo.reschedule(e.id, T0 + 2000, 'HTTP 503', T0)).toBe(true);
    expect(repo.byId(e.id)).toMatchObject({
      status: 'queued',
      nextAttemptAt: T0 + 2000,
      lastError: 'HTTP 503',
      attempts: 1,
    });
    expect(repo.fail(e.id, 'HTTP 401', T0)).toBe(true);
    expect(repo.retry(e.id, T0 + 7)).toBe(true);
    expect(repo.byId(e.id)).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: T0 + 7 });
    expect(repo.skip(e.id, 'operator: wrong text', T0)).toBe(true);
    expect(repo.byId(e.id)).toMatchObject({ status: 'skipped', skipReason: 'operator: wrong text' });
    expect(repo.retry(e.id, T0)).toBe(false);
  });

  it('requeues the given entries a crash left in sending, and only those', () => {
    const { repo } = setup();
    const [a, b] = repo.insertMany([entry('sms'), entry('x')]);
    repo.claim(a.id, T0);
    expect(repo.requeueInterrupted([a.id, b.id], T0 + 99)).toEqual([a.id]);
    expect(repo.byId(a.id)).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: T0 + 99 });
    expect(repo.byId(b.id)?.status).toBe('queued');
  });

  it('keeps parts in doubt durably until answered; an operator Retry of a failed entry sends them again', () => {
    const file = join(tempDir(), 'onair.sqlite');
    const first = openDatabase({ file });
    const repo = repoOn(first);
    const [e] = repo.insertMany([entry('email')]);
    repo.claim(e.id, T0);
    repo.markPartSending(e.id, 'bcc:1', ['a@example.com']);
    repo.markPartDone(e.id, 'bcc:1');
    repo.markPartSending(e.id, 'bcc:2', ['b@example.com', 'c@example.com']);
    repo.markPartSending(e.id, 'bcc:3', ['d@example.com']);
    repo.clearPartSending(e.id, 'bcc:3'); // refused after the dot: not in doubt
    first.close(); // what a crash leaves on disk

    const again = repoOn(openDatabase({ file }));
    expect(again.partsDone(e.id)).toEqual(['bcc:1']);
    expect(again.partsSending(e.id)).toEqual({ 'bcc:2': ['b@example.com', 'c@example.com'] });
    expect(again.retry(e.id, T0)).toBe(false); // still 'sending': only start() or an answer moves it
    again.fail(e.id, 'interrupted', T0);
    expect(again.retry(e.id, T0 + 1)).toBe(true);
    expect(again.partsSending(e.id)).toEqual({});
    expect(again.partsDone(e.id)).toEqual(['bcc:1']);
  });

  it('puts a caller state change and its outbox rows in one transaction', () => {
    const { repo, db } = setup();
    db.exec('CREATE TABLE caller_state (v INTEGER)');
    expect(() =>
      repo.withTransaction(() => {
        db.prepare('INSERT INTO caller_state VALUES (1)').run();
        repo.insertMany([entry('sms')]);
        throw new Error('caller failed');
      }),
    ).toThrow('caller failed');
    expect(repo.all()).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM caller_state').get()).toEqual({ n: 0 });
    repo.withTransaction(() => {
      db.prepare('INSERT INTO caller_state VALUES (1)').run();
      repo.insertMany([entry('sms')]);
    });
    expect(repo.all()).toHaveLength(1);
  });
});
