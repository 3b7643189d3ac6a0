import { describe, expect, it } from 'vitest';
import { SECRET } from '../channels/test-support/fixtures';
import { outboxTestScope, T0 } from './outbox-test-kit';

const { peer, kit } = outboxTestScope();

const webhookCreds = (url: string) => ({ url, secret: SECRET });

describe('outbox lifecycle', () => {
  it('start() re-queues an entry a crash left in "sending" and re-sends it with the same key', async () => {
    const p = await peer(() => ({ status: 200 }));
    const k = kit({ creds: { webhook: webhookCreds(p.url) } });
    // What a process killed mid-send leaves behind: claimed, attempt counted, no receipt.
    const [{ entry: e }] = k.repo.insertMany([{ ...k.draft('webhook'), nextAttemptAt: T0 - 10, createdAt: T0 - 10 }]);
    expect(k.repo.claim(e.id, T0 - 5)).toBe(true);
    const requeued = k.changes.next((x) => x.status === 'queued');
    const sent = k.changes.next((x) => x.status === 'sent');
    await k.outbox.start();
    expect((await requeued).nextAttemptAt).toBe(T0);
    expect(await sent).toMatchObject({ id: e.id, attempts: 2 });
    expect(p.requests.map((r) => r.headers['idempotency-key'])).toEqual(['inc-1:0:webhook']);
    expect(p.requests[0].json.idempotencyKey).toBe('inc-1:0:webhook');
    expect(k.receipts()).toHaveLength(1);
  });

  it('a receipt that cannot be committed leaves the entry "sending" (never "sent" without a receipt)', async () => {
    const p = await peer(() => ({ status: 200 }));
    const k = kit({ creds: { webhook: webhookCreds(p.url) } });
    const [e] = await k.outbox.enqueue([k.draft('webhook')]);
    // A receipt row already exists for this id: the receipt insert fails, so the transaction rolls back.
    k.db
      .prepare("INSERT INTO delivery_receipts (outbox_id, channel, detail, at) VALUES (?, 'webhook', 'stale', 1)")
      .run(e.id);
    const sending = k.changes.next((x) => x.status === 'sending');
    await k.outbox.start();
    await sending;
    await k.outbox.stop(); // waits for the in-flight send
    expect(p.requests).toHaveLength(1);
    expect(k.repo.byId(e.id)?.status).toBe('sending'); // the next start() re-sends it with the same key
  });

  it('enqueue joins the caller transaction: a rollback leaves nothing queued, sent or announced', async () => {
    const p = await peer(() => ({ status: 200 }));
    const k = kit({ creds: { webhook: webhookCreds(p.url) } });
    k.db.exec('CREATE TABLE incident_state (v TEXT)');
    await k.outbox.start();
    expect(() =>
      k.repo.withTransaction(() => {
        k.db.prepare("INSERT INTO incident_state VALUES ('acknowledged')").run();
        void k.outbox.enqueue([k.draft('webhook')]);
        throw new Error('state change refused');
      }),
    ).toThrow('state change refused');
    await new Promise((r) => setImmediate(r));
    expect(await k.outbox.list()).toEqual([]);
    expect(k.changes.seen).toEqual([]);
    expect(p.requests).toHaveLength(0);

    const sent = k.changes.next((x) => x.status === 'sent');
    let queued: Promise<unknown> | undefined;
    k.repo.withTransaction(() => {
      k.db.prepare("INSERT INTO incident_state VALUES ('acknowledged')").run();
      queued = k.outbox.enqueue([k.draft('webhook')]);
    });
    await queued;
    await sent;
    expect(k.db.prepare('SELECT COUNT(*) AS n FROM incident_state').get()).toEqual({ n: 1 });
    expect(k.changes.seen.map((x) => x.status)).toEqual(['queued', 'sending', 'sent']);
  });

  it('retryNow gives a failed entry a fresh try; skip records the reason; neither touches a sent entry', async () => {
    const p = await peer((n) => (n === 0 ? { status: 400, body: { message: 'bad payload' } } : { status: 200 }));
    const k = kit({ creds: { webhook: webhookCreds(p.url) } });
    const failed = k.changes.next((x) => x.status === 'failed');
    await k.outbox.start();
    const [e] = await k.outbox.enqueue([
      k.draft('webhook'),
      k.draft('webhook', { idempotencyKey: 'inc-1:1:webhook', round: 1 }),
    ]);
    expect(await failed).toMatchObject({ id: e.id, attempts: 1 });
    const sentAgain = k.changes.next((x) => x.id === e.id && x.status === 'sent');
    expect(await k.outbox.retryNow(e.id)).toBe(true);
    expect(await sentAgain).toMatchObject({ attempts: 1 });
    expect(await k.outbox.retryNow(e.id)).toBe(false);
    expect(await k.outbox.skip(e.id, 'too late')).toBe(false);
    const other = (await k.outbox.list({ incidentId: 'inc-1' })).find((x) => x.round === 1)!;
    if (other.status !== 'sent') await k.changes.next((x) => x.id === other.id && x.status === 'sent');
    expect(p.requests.map((r) => r.headers['idempotency-key']).sort()).toEqual([
      'inc-1:0:webhook',
      'inc-1:0:webhook',
      'inc-1:1:webhook',
    ]);
    expect(await k.outbox.list({ status: 'sent', channel: 'webhook' })).toHaveLength(2);
  });

  it('skips a queued entry before it is sent and never sends it', async () => {
    const k = kit({ creds: { webhook: webhookCreds('http://127.0.0.1:1') } });
    const [e] = await k.outbox.enqueue([k.draft('webhook')]);
    expect(await k.outbox.skip(e.id, 'operator: wrong event')).toBe(true);
    await k.outbox.start();
    await new Promise((r) => setImmediate(r));
    expect(k.repo.byId(e.id)).toMatchObject({ status: 'skipped', skipReason: 'operator: wrong event', attempts: 0 });
    expect(k.clock.pending()).toBe(0);
  });

  it('fails non-retryably when stored credentials cannot be read, without a request', async () => {
    const k = kit({
      credentials: () => {
        throw new Error('x: stored credentials cannot be read; enter them again');
      },
    });
    const failed = k.changes.next((x) => x.status === 'failed');
    await k.outbox.start();
    await k.outbox.enqueue([k.draft('x')]);
    expect((await failed).lastError).toBe('x: stored credentials cannot be read; enter them again');
  });

  it('sleeps on one timer until the earliest due entry, and stop() waits for the in-flight send', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const p = await peer(() => ({ status: 503 }));
    const k = kit({ creds: { webhook: webhookCreds(p.url), teams: { webhookUrl: 'https://teams.example.com/hook' } } });
    k.deps.adapters.teams = {
      id: 'teams',
      send: async () => (await gate, { channel: 'teams', detail: 'HTTP 202', at: T0 }),
      testConnection: async () => ({ ok: true, detail: '' }),
    };
    const queued = k.changes.next((x) => x.channel === 'webhook' && x.status === 'queued' && x.attempts === 1);
    const teamsSending = k.changes.next((x) => x.channel === 'teams' && x.status === 'sending');
    await k.outbox.start();
    await k.outbox.enqueue([k.draft('webhook'), k.draft('teams')]);
    await Promise.all([queued, teamsSending]);
    await new Promise((r) => setImmediate(r)); // let the webhook lane finish and re-arm the wake-up
    // The wake-up for the webhook retry + the teams send deadline + the renewal of the teams claim.
    expect(k.clock.pending()).toBe(3);
    let stopped = false;
    const stopping = k.outbox.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(k.repo.byKey('inc-1:0:teams')?.status).toBe('sent');
    k.clock.advance(10 * 60_000); // stopped: the retry timer is gone, nothing more is sent
    expect(p.requests).toHaveLength(1);
  });

  it('backs off after a database error in a lane instead of spinning, then delivers', async () => {
    const p = await peer(() => ({ status: 200 }));
    const logs: string[] = [];
    const k = kit({ creds: { webhook: webhookCreds(p.url) }, log: (m) => logs.push(m) });
    const claimNext = k.deps.repo.claimNext;
    let calls = 0;
    k.deps.repo.claimNext = (channel, now) => {
      if (++calls === 1) return Promise.reject(new Error('SQLITE_BUSY: database is locked'));
      return claimNext(channel, now);
    };
    await k.outbox.start();
    await k.outbox.enqueue([k.draft('webhook')]);
    await new Promise((r) => setImmediate(r));
    expect(calls).toBe(1);
    expect(logs).toEqual(['outbox: webhook lane failed (SQLITE_BUSY: database is locked); retrying in 5000 ms']);
    const sent = k.changes.next((x) => x.status === 'sent');
    k.clock.advance(5000);
    await sent;
    expect(calls).toBe(2);
  });
});
