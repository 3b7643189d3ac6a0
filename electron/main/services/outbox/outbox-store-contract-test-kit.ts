/**
 * One suite for every OutboxStore engine (outbox-store.ts): tests/integration/outbox-store-sqlite.test.ts and
 * outbox-store-postgres.test.ts run it on a real SQLite file and a real PostgreSQL database.
 *
 * It checks what holds on both. What only a team of consoles has (another console's live claim, leases that
 * run out by the clock) is tested beside the PostgreSQL engine.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryReceipt } from '../../../../shared/channels';
import type { OutboxEntryView } from '../../../../shared/domain/broadcast/outbox-entry';
import type { NewOutboxEntry, OutboxStore } from './outbox-store';

export interface OutboxStoreHarness {
  /** This console's store; after cutOff(), the store of the console that came back. */
  readonly store: OutboxStore;
  /** A second console's store on the same database. */
  other(): Promise<OutboxStore>;
  /**
   * The console of `store` dies and comes back: every claim it held is cut off, as seen at any time from
   * CUT_OFF_SEEN_AT on (SQLite: the file is reopened; PostgreSQL: a new console, and by then the lease passed).
   */
  cutOff(): Promise<void>;
  close(): Promise<void>;
}

export const T0 = 1_700_000_000_000;
/** When the suite looks at claims made (at T0 + a few ms) before a cutOff(): an hour later. */
const CUT_OFF_SEEN_AT = T0 + 3_600_000;

let keys = 0;
const entry = (over: Partial<NewOutboxEntry> = {}): NewOutboxEntry => ({
  idempotencyKey: `inc-1:0:${++keys}`,
  incidentId: 'inc-1',
  sessionId: 'session-1',
  round: 0,
  channel: 'slack',
  phase: 'acknowledge',
  lang: 'en',
  text: 'We hear you: the sound is gone, we are on it.',
  eventName: 'Spring Launch',
  nextAttemptAt: T0,
  createdAt: T0,
  ...over,
});

const receipt = (at: number): DeliveryReceipt => ({ channel: 'slack', remoteId: 'msg-1', detail: 'HTTP 200', at });

export function outboxStoreContract(engine: string, open: () => Promise<OutboxStoreHarness>): void {
  describe(`outbox store contract: ${engine}`, () => {
    let h: OutboxStoreHarness;
    beforeEach(async () => {
      h = await open();
    });
    afterEach(() => h.close());

    /** Inserts the entries and answers their views. */
    const add = async (...entries: NewOutboxEntry[]): Promise<OutboxEntryView[]> =>
      (await h.store.insertMany(entries)).map((s) => s.entry);
    const statusOf = async (id: number) => (await h.store.byId(id))?.status;

    it('inserts idempotently on the key: an existing key answers the stored entry, created false', async () => {
      const first = entry();
      const stored = await h.store.insertMany([first, entry()]);
      expect(stored.map((s) => s.created)).toEqual([true, true]);
      expect(stored[0].entry).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: T0, text: first.text });
      const again = await h.store.insertMany([{ ...first, text: 'changed', createdAt: T0 + 9 }, entry(), entry()]);
      expect(again.map((s) => s.created)).toEqual([false, true, true]);
      expect(again[0].entry).toEqual(stored[0].entry);
      const dup = entry();
      expect(
        (await h.store.insertMany([dup, { ...dup, text: 'twice' }])).map((s) => [s.created, s.entry.text]),
      ).toEqual([
        [true, dup.text],
        [false, dup.text],
      ]);
      expect(await h.store.all()).toHaveLength(5);
    });

    it('lists the channels with due entries and the next wake-up after now', async () => {
      const [slack] = await add(
        entry({ channel: 'slack' }),
        entry({ channel: 'x', nextAttemptAt: T0 + 5_000 }),
        entry({ channel: 'email', nextAttemptAt: T0 + 9_000 }),
      );
      expect(await h.store.dueChannels(T0)).toEqual(['slack']);
      expect(await h.store.nextWakeAfter(T0)).toBe(T0 + 5_000);
      expect(await h.store.dueChannels(T0 + 9_000)).toEqual(['email', 'slack', 'x']);
      expect(await h.store.nextWakeAfter(T0 + 9_000)).toBeUndefined();
      await h.store.claimNext('slack', T0);
      expect(await h.store.dueChannels(T0)).toEqual([]);
      expect(await h.store.skip(slack.id, 'not needed', T0)).toBe(false);
      expect(await h.store.nextWakeAfter(T0 - 1)).toBe(T0 + 5_000);
    });

    it('claims the oldest due entry of the channel first, counting the attempt', async () => {
      const [late, early1, early2] = await add(
        entry({ nextAttemptAt: T0 + 2 }),
        entry({ nextAttemptAt: T0 + 1 }),
        entry({ nextAttemptAt: T0 + 1 }),
        entry({ channel: 'x', nextAttemptAt: T0 }),
        entry({ nextAttemptAt: T0 + 50 }),
      );
      expect(await h.store.claimNext('slack', T0)).toBeUndefined();
      const claimed = [];
      for (let i = 0; i < 4; i++) claimed.push(await h.store.claimNext('slack', T0 + 10));
      expect(claimed.map((e) => e?.id)).toEqual([early1.id, early2.id, late.id, undefined]);
      expect(claimed[0]).toMatchObject({ status: 'sending', attempts: 1, updatedAt: T0 + 10, channel: 'slack' });
      expect(await statusOf(early1.id)).toBe('sending');
    });

    it('never claims a claimed entry again, from this console or another', async () => {
      const [e] = await add(entry());
      const other = await h.other();
      expect((await h.store.claimNext('slack', T0))?.id).toBe(e.id);
      expect(await h.store.claimNext('slack', T0)).toBeUndefined();
      expect(await other.claimNext('slack', T0)).toBeUndefined();
      expect((await h.store.byId(e.id))?.attempts).toBe(1);
    });

    it('gives each of 50 entries to exactly one of two consoles claiming at the same moment', async () => {
      const ids = (await add(...Array.from({ length: 50 }, () => entry()))).map((e) => e.id);
      const consoles = [h.store, await h.other()];
      const worker = async (s: OutboxStore) => {
        const got: number[] = [];
        for (let e = await s.claimNext('slack', T0); e; e = await s.claimNext('slack', T0)) got.push(e.id);
        return got;
      };
      // Several workers per console, so claims really overlap where the engine allows it.
      const results = await Promise.all(consoles.flatMap((s) => [worker(s), worker(s), worker(s)]));
      const all = results.flat();
      expect(all.sort((a, b) => a - b)).toEqual(ids);
      for (const id of ids) expect((await h.store.byId(id))?.attempts).toBe(1);
    });

    it('records the receipt and the sent status together, and refuses both without a claim', async () => {
      const [unclaimed, claimedOne] = await add(entry(), entry({ nextAttemptAt: T0 + 1 }));
      await expect(h.store.markSentWithReceipt(unclaimed.id, receipt(T0 + 1), T0 + 1)).rejects.toThrow();
      expect(await h.store.byId(unclaimed.id)).toMatchObject({ status: 'queued', receiptDetail: undefined });
      await h.store.fail(unclaimed.id, 'operator', T0);
      expect((await h.store.claimNext('slack', T0 + 1))?.id).toBe(claimedOne.id);
      await h.store.markSentWithReceipt(claimedOne.id, receipt(T0 + 2), T0 + 3);
      expect(await h.store.byId(claimedOne.id)).toMatchObject({
        status: 'sent',
        sentAt: T0 + 3,
        updatedAt: T0 + 3,
        remoteId: 'msg-1',
        receiptDetail: 'HTTP 200',
      });
      await expect(h.store.markSentWithReceipt(claimedOne.id, receipt(T0 + 4), T0 + 4)).rejects.toThrow();
      expect(await h.store.byId(claimedOne.id)).toMatchObject({ sentAt: T0 + 3 });
    });

    it('refuses to mark sent, renew or reschedule a claim cut off by a restart', async () => {
      const [e] = await add(entry());
      await h.store.claimNext('slack', T0);
      expect(await h.store.renewClaim(e.id, T0 + 1)).toBe(true);
      await h.cutOff();
      const later = CUT_OFF_SEEN_AT;
      expect(await h.store.renewClaim(e.id, later)).toBe(false);
      expect(await h.store.reschedule(e.id, later + 10, 'HTTP 503', later)).toBe(false);
      await expect(h.store.markSentWithReceipt(e.id, receipt(later), later)).rejects.toThrow();
      expect(await h.store.byId(e.id)).toMatchObject({ status: 'sending', receiptDetail: undefined });
    });

    it('reschedules only an entry it is sending, and claims it again when it is due', async () => {
      const [e] = await add(entry());
      expect(await h.store.reschedule(e.id, T0 + 100, 'HTTP 503', T0)).toBe(false);
      await h.store.claimNext('slack', T0);
      expect(await h.store.reschedule(e.id, T0 + 100, 'HTTP 503', T0 + 1)).toBe(true);
      expect(await h.store.byId(e.id)).toMatchObject({
        status: 'queued',
        nextAttemptAt: T0 + 100,
        lastError: 'HTTP 503',
        updatedAt: T0 + 1,
      });
      expect(await h.store.reschedule(e.id, T0 + 200, 'again', T0 + 2)).toBe(false);
      expect(await h.store.claimNext('slack', T0 + 99)).toBeUndefined();
      expect(await h.store.claimNext('slack', T0 + 100)).toMatchObject({ id: e.id, attempts: 2 });
    });

    it('fails a queued entry, its own claim or a cut-off one, never a sent or skipped one', async () => {
      const [queued, own, cut, sent, skipped] = await add(entry(), entry(), entry(), entry(), entry());
      expect(await h.store.fail(queued.id, 'no credentials', T0)).toBe(true);
      expect(await h.store.byId(queued.id)).toMatchObject({ status: 'failed', lastError: 'no credentials' });
      expect(await h.store.fail(queued.id, 'again', T0)).toBe(false);
      for (let i = 0; i < 3; i++) await h.store.claimNext('slack', T0);
      await h.store.markSentWithReceipt(sent.id, receipt(T0), T0);
      expect(await h.store.skip(skipped.id, 'operator', T0)).toBe(true);
      expect(await h.store.fail(own.id, 'HTTP 400', T0 + 1)).toBe(true);
      expect(await statusOf(own.id)).toBe('failed');
      await h.cutOff();
      expect(await h.store.fail(cut.id, 'interrupted', CUT_OFF_SEEN_AT)).toBe(true);
      expect(await h.store.byId(cut.id)).toMatchObject({ status: 'failed', lastError: 'interrupted' });
      expect(await h.store.fail(sent.id, 'late', CUT_OFF_SEEN_AT)).toBe(false);
      expect(await h.store.fail(skipped.id, 'late', CUT_OFF_SEEN_AT)).toBe(false);
      expect(await statusOf(sent.id)).toBe('sent');
      expect(await statusOf(skipped.id)).toBe('skipped');
    });

    it('skips only queued or failed entries', async () => {
      const [queued, failed, sending] = await add(
        entry(),
        entry({ nextAttemptAt: T0 + 5 }),
        entry({ nextAttemptAt: T0 + 9 }),
      );
      await h.store.fail(failed.id, 'HTTP 400', T0);
      expect(await h.store.claimNext('slack', T0 + 9)).toMatchObject({ id: queued.id });
      expect(await h.store.skip(queued.id, 'operator', T0 + 10)).toBe(false);
      expect((await h.store.claimNext('slack', T0 + 9))?.id).toBe(sending.id);
      expect(await h.store.reschedule(queued.id, T0 + 20, 'x', T0 + 10)).toBe(true);
      expect(await h.store.skip(queued.id, 'already posted by hand', T0 + 11)).toBe(true);
      expect(await h.store.byId(queued.id)).toMatchObject({ status: 'skipped', skipReason: 'already posted by hand' });
      expect(await h.store.skip(queued.id, 'again', T0 + 12)).toBe(false);
      expect(await h.store.skip(failed.id, 'operator', T0 + 12)).toBe(true);
      expect(await h.store.skip(sending.id, 'operator', T0 + 12)).toBe(false);
      expect(await statusOf(sending.id)).toBe('sending');
    });

    it('retries a failed entry with fresh attempts and its doubtful parts cleared, a queued one as it is', async () => {
      const [failed, queued, sent, skipped] = await add(entry(), entry({ nextAttemptAt: T0 + 500 }), entry(), entry());
      await h.store.claimNext('slack', T0);
      await h.store.markPartDone(failed.id, 'batch-1');
      await h.store.markPartSending(failed.id, 'batch-2', ['a@example.com']);
      await h.store.fail(failed.id, 'outcome unknown', T0 + 1);
      await h.store.claimNext('slack', T0);
      await h.store.markSentWithReceipt(sent.id, receipt(T0), T0);
      await h.store.skip(skipped.id, 'operator', T0);
      expect(await h.store.retry(failed.id, T0 + 20)).toBe(true);
      expect(await h.store.byId(failed.id)).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: T0 + 20 });
      expect(await h.store.partsDone(failed.id)).toEqual(['batch-1']);
      expect(await h.store.partsSending(failed.id)).toEqual({});
      expect(await h.store.retry(queued.id, T0 + 30)).toBe(true);
      expect(await h.store.byId(queued.id)).toMatchObject({ status: 'queued', nextAttemptAt: T0 + 30 });
      expect(await h.store.retry(sent.id, T0 + 30)).toBe(false);
      expect(await h.store.retry(skipped.id, T0 + 30)).toBe(false);
      const claimed = await h.store.claimNext('slack', T0 + 30);
      expect(claimed).toMatchObject({ id: failed.id, attempts: 1 });
      expect(await h.store.retry(failed.id, T0 + 40)).toBe(false);
      expect(await statusOf(failed.id)).toBe('sending');
    });

    it('keeps the progress of a post in parts', async () => {
      const [e, bystander] = await add(entry(), entry());
      expect(await h.store.partsDone(e.id)).toEqual([]);
      expect(await h.store.partsSending(e.id)).toEqual({});
      await h.store.markPartSending(e.id, 'batch-1', ['a@example.com', 'b@example.com']);
      await h.store.markPartSending(e.id, 'batch-2', ['c@example.com']);
      expect(await h.store.partsSending(e.id)).toEqual({
        'batch-1': ['a@example.com', 'b@example.com'],
        'batch-2': ['c@example.com'],
      });
      await h.store.markPartDone(e.id, 'batch-1');
      await h.store.markPartDone(e.id, 'batch-1');
      await h.store.clearPartSending(e.id, 'batch-2');
      await h.store.markPartDone(e.id, 'batch-0');
      expect(await h.store.partsDone(e.id)).toEqual(['batch-1', 'batch-0']);
      expect(await h.store.partsSending(e.id)).toEqual({});
      expect(await h.store.partsDone(bystander.id)).toEqual([]);
      expect(await h.store.partsDone(999_999)).toEqual([]);
      expect(await h.store.partsSending(999_999)).toEqual({});
    });

    it('lists and queues again only claims that were cut off', async () => {
      const [cut, mine1, mine2] = await add(
        entry(),
        entry({ nextAttemptAt: T0 + 1 }),
        entry({ nextAttemptAt: T0 + 2 }),
      );
      await h.store.claimNext('slack', T0);
      expect(await h.store.interrupted(T0 + 1)).toEqual([]);
      expect(await h.store.requeueInterrupted([cut.id], T0 + 1)).toEqual([]);
      expect(await statusOf(cut.id)).toBe('sending');
      await h.cutOff();
      const later = CUT_OFF_SEEN_AT;
      // Claims of the console that came back are live.
      expect((await h.store.claimNext('slack', later))?.id).toBe(mine1.id);
      expect((await h.store.claimNext('slack', later))?.id).toBe(mine2.id);
      expect((await h.store.interrupted(later + 1)).map((e) => [e.id, e.status])).toEqual([[cut.id, 'sending']]);
      expect(await h.store.requeueInterrupted([cut.id, mine1.id, mine2.id], later + 1)).toEqual([cut.id]);
      expect(await h.store.byId(cut.id)).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: later + 1 });
      expect(await statusOf(mine1.id)).toBe('sending');
      expect(await h.store.interrupted(later + 2)).toEqual([]);
      expect(await h.store.requeueInterrupted([cut.id], later + 2)).toEqual([]);
      expect(await h.store.claimNext('slack', later + 1)).toMatchObject({ id: cut.id, attempts: 2 });
    });

    it('lists entries by incident and by session in order, and all of them newest first', async () => {
      const [a, b, c, d] = await add(
        entry({ incidentId: 'inc-1', sessionId: 'session-1' }),
        entry({ incidentId: 'inc-2', sessionId: 'session-1' }),
        entry({ incidentId: 'inc-1', sessionId: 'session-2' }),
        entry({ incidentId: undefined, sessionId: undefined }),
      );
      const ids = (views: OutboxEntryView[]) => views.map((e) => e.id);
      expect(ids(await h.store.byIncident('inc-1'))).toEqual([a.id, c.id]);
      expect(ids(await h.store.bySession('session-1'))).toEqual([a.id, b.id]);
      expect(await h.store.byIncident('inc-9')).toEqual([]);
      expect(ids(await h.store.all())).toEqual([d.id, c.id, b.id, a.id]);
      expect(ids(await h.store.all(2))).toEqual([d.id, c.id]);
      expect(await h.store.byKey(b.idempotencyKey)).toEqual(b);
      expect(await h.store.byKey('nope')).toBeUndefined();
      expect(await h.store.byId(999_999)).toBeUndefined();
    });

    it('keeps every field of a post: rehearsal, attachments, variants and the optional ones', async () => {
      const full = entry({
        channel: 'email',
        round: 2,
        subject: 'Audio is back',
        link: 'https://status.example.com/1',
        lang: 'de',
        attachments: [{ filename: 'new-date.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR' }],
        variants: { en: { subject: 'Audio is back', text: 'Sound is back.' }, fr: { text: 'Le son est revenu.' } },
        rehearsal: true,
        nextAttemptAt: T0 + 7,
        createdAt: T0 + 3,
      });
      const bare = entry({
        incidentId: undefined,
        sessionId: undefined,
        round: undefined,
        attachments: [],
        variants: {},
        rehearsal: false,
      });
      const [f, b] = await add(full, bare);
      const { nextAttemptAt, createdAt, ...draft } = full;
      const expected: OutboxEntryView = {
        ...draft,
        id: f.id,
        status: 'queued',
        attempts: 0,
        nextAttemptAt,
        createdAt,
        updatedAt: createdAt,
        rehearsal: true,
      };
      expect(f).toEqual(expected);
      expect(await h.store.byId(f.id)).toEqual(expected);
      const back = await h.store.byId(b.id);
      expect(back).toEqual({
        id: b.id,
        idempotencyKey: bare.idempotencyKey,
        channel: 'slack',
        phase: 'acknowledge',
        lang: 'en',
        text: bare.text,
        eventName: bare.eventName,
        status: 'queued',
        attempts: 0,
        nextAttemptAt: T0,
        createdAt: T0,
        updatedAt: T0,
      });
      expect(back && ['attachments', 'variants', 'rehearsal'].filter((k) => k in back)).toEqual([]);
    });
  });
}
