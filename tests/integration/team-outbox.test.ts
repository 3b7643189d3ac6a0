/**
 * A team's outbox on one real PostgreSQL: three real consoles (support-team-console-child.ts: createOnair with
 * `database: postgres://…`, each in its own process), two real platforms on 127.0.0.1 (the generic webhook,
 * which recognises our Idempotency-Key, and Slack, which cannot recognise a resend).
 * - Posts enqueued on one console are sent once in all, by whichever consoles claim them, and every console
 *   sees every entry reach 'sent' through its own outbox.changed (NOTIFY) within a second of the first.
 * - An operator's Skip or Retry on one console reaches the other two within a second.
 * - SIGKILL of the console holding a claim, at seeded random points of the send (ONAIR_TEAM_SEED replays
 *   them): another console takes the post over once the lease has passed; the webhook publishes each key
 *   once and none is missing, Slack publishes each post at most once and an interrupted one is put to the
 *   operator as INTERRUPTED, never sent again.
 * - PostgreSQL stopped for a few seconds mid-send: the consoles keep running, say the team database is
 *   unreachable and then reachable again, and send everything that was queued, none twice.
 *
 * Platforms publish in the worst case for the check at hand: a keyless post counts when it arrives (an answer
 * lost afterwards does not undo it); a keyed post counts once per key when answered 2xx.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { INTERRUPTED, type OutboxDraft } from '../../shared/domain/broadcast/outbox-entry';
import { TEAM_CLAIM_LEASE_MS } from '../../electron/main/services/team/team-store';
import { mulberry32 } from '../../electron/main/services/simulator/scenario/scenario-random';
import { poll } from '../support/poll';
import { startPostgres, type PostgresPeer } from '../support/postgres-peer';
import {
  startChannelPeer,
  startTeamConsole,
  tagged,
  type TeamChannel,
  type TeamConsole,
} from './support-team-console-child';

const SEED = Number(process.env.ONAIR_TEAM_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Each round costs a lease (3 s) and a console's start; four keep the file near a minute on two cores. */
const KILL_ROUNDS = 4;
/**
 * The issue asks for 30 s; 3.5 s is enough for every claim's lease to lapse and keeps the suite short.
 * ONAIR_TEAM_OUTAGE_MS=30000 runs the outage.
 */
const OUTAGE_MS = Number(process.env.ONAIR_TEAM_OUTAGE_MS ?? 3_500);
const PROPAGATION_MS = 1_000;

let db: PostgresPeer;
beforeAll(async () => {
  console.log(`team-outbox: seed ${SEED} (ONAIR_TEAM_SEED=${SEED} replays the kill points)`);
  db = await startPostgres();
});
afterAll(() => db?.close());

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function team(n: number) {
  const url = await db.database();
  const webhook = await startChannelPeer('webhook');
  const slack = await startChannelPeer('slack');
  cleanup.push(
    () => webhook.close(),
    () => slack.close(),
  );
  const sql = new pg.Pool({ connectionString: url, max: 2 });
  sql.on('error', () => undefined); // the outage test stops the server under it
  cleanup.push(() => sql.end());
  const consoles: TeamConsole[] = [];
  const start = async (name: string) => {
    const c = await startTeamConsole({ name, database: url, channels: { webhook: webhook.url, slack: slack.url } });
    consoles.push(c);
    cleanup.push(() => c.stop());
    return c;
  };
  // All at once, as a team's consoles come up: the migrations are applied once among them.
  await Promise.all(Array.from({ length: n }, (_, i) => start(String.fromCharCode(65 + i))));
  /** The claim's holder, as the database says. */
  const claimedBy = async (key: string) =>
    (
      await sql.query<{ claimed_by: string | null }>(
        'SELECT claimed_by FROM outbox_entries WHERE idempotency_key = $1',
        [key],
      )
    ).rows[0]?.claimed_by ?? null;
  const tails = () => consoles.map((c) => c.tail()).join('\n');
  return { url, webhook, slack, sql, consoles, start, claimedBy, tails };
}

const draft = (channel: TeamChannel, key: string): OutboxDraft => ({
  idempotencyKey: key,
  channel,
  phase: 'update',
  lang: 'en',
  text: tagged(key, 'The audio is back: thanks for bearing with us.'),
  eventName: 'Spring Launch',
});

async function enqueue(on: TeamConsole, drafts: OutboxDraft[]): Promise<Map<string, number>> {
  const r = await on.send({ enqueue: drafts });
  expect(r, on.tail()).toMatchObject({ ok: true });
  const ids = r.value as number[];
  return new Map(drafts.map((d, i) => [d.idempotencyKey, ids[i]]));
}

/** Until every console in `on` has seen each of `ids` in a settled status (sent, failed or skipped). */
const settledEverywhere = (on: TeamConsole[], ids: number[], tails: () => string, timeoutMs = 15_000) =>
  poll(
    () =>
      on.every((c) =>
        ids.every((id) => c.changes.some((e) => e.id === id && ['sent', 'failed', 'skipped'].includes(e.status))),
      ),
    { timeoutMs, intervalMs: 25, what: () => `entries ${ids.join(', ')} settled on every console\n${tails()}` },
  );

/** How often each post reached the platform and how often it was answered 2xx. */
const count = (list: { post: string }[]) => {
  const n = new Map<string, number>();
  for (const { post } of list) n.set(post, (n.get(post) ?? 0) + 1);
  return n;
};

const deferred = () => {
  let release!: () => void;
  const promise = new Promise<void>((r) => (release = r));
  return { promise, release };
};

describe('the outbox of a team on PostgreSQL', () => {
  it('sends what one console queued once in all, and every console sees each send within a second', async () => {
    const { webhook, slack, consoles, sql, tails } = await team(3);
    const keys = {
      webhook: Array.from({ length: 12 }, (_, i) => `once:${i}:webhook`),
      slack: Array.from({ length: 6 }, (_, i) => `once:${i}:slack`),
    };
    const ids = await enqueue(consoles[0], [
      ...keys.webhook.map((k) => draft('webhook', k)),
      ...keys.slack.map((k) => draft('slack', k)),
    ]);
    await settledEverywhere(consoles, [...ids.values()], tails);

    expect([...count(webhook.arrivals)].sort()).toEqual(keys.webhook.map((k) => [k, 1]).sort());
    expect([...count(slack.arrivals)].sort()).toEqual(keys.slack.map((k) => [k, 1]).sort());
    const { rows } = await sql.query<{ status: string; receipts: number }>(
      `SELECT o.status, count(r.outbox_id)::int AS receipts FROM outbox_entries o
       LEFT JOIN delivery_receipts r ON r.outbox_id = o.id GROUP BY o.id`,
    );
    expect(rows).toEqual(Array.from({ length: ids.size }, () => ({ status: 'sent', receipts: 1 })));
    for (const [key, id] of ids) {
      const seen = consoles.map((c) => c.sawAt(id, 'sent')!);
      const first = Math.min(...seen);
      for (const [i, at] of seen.entries())
        expect(at - first, `${key} reached 'sent' on ${consoles[i].name} after the first console saw it`).toBeLessThan(
          PROPAGATION_MS,
        );
    }
  });

  it("shows an operator's Skip or Retry on one console on the other two within a second", async () => {
    const { webhook, consoles, tails } = await team(3);
    const [a, b, c] = consoles;
    webhook.refuse.add('op:skip').add('op:retry');
    const ids = await enqueue(a, [draft('webhook', 'op:skip'), draft('webhook', 'op:retry')]);
    await settledEverywhere(consoles, [...ids.values()], tails);
    for (const con of consoles) for (const id of ids.values()) expect(con.sawAt(id, 'failed'), con.name).toBeDefined();

    /** Other consoles re-read an entry when told it changed, so they may see a later state than the first. */
    const within = async (id: number, states: string[], pressedAt: number, others: TeamConsole[]) => {
      const seenAt = (o: TeamConsole) =>
        o.changes.find((e) => e.id === id && e.at >= pressedAt && states.includes(e.status))?.at;
      await poll(() => others.every((o) => seenAt(o) !== undefined), {
        timeoutMs: 5_000,
        intervalMs: 10,
        what: () => `${states.join('|')} of entry ${id} on ${others.map((o) => o.name).join(', ')}\n${tails()}`,
      });
      for (const o of others)
        expect(seenAt(o)! - pressedAt, `${states[0]} reached ${o.name}`).toBeLessThan(PROPAGATION_MS);
    };

    const skipped = await b.send({ skip: ids.get('op:skip')!, reason: 'already on the platform' });
    expect(skipped, b.tail()).toMatchObject({ ok: true, value: { status: 'skipped' } });
    await within(ids.get('op:skip')!, ['skipped'], skipped.startedAt, [a, c]);

    webhook.refuse.delete('op:retry'); // the operator fixed the receiving end
    const retried = await c.send({ retry: ids.get('op:retry')! });
    expect(retried, c.tail()).toMatchObject({ ok: true });
    await within(ids.get('op:retry')!, ['queued', 'sending', 'sent'], retried.startedAt, [a, b]);
    await poll(() => consoles.every((o) => o.sawAt(ids.get('op:retry')!, 'sent') !== undefined), {
      timeoutMs: 5_000,
      what: () => `the retried post sent\n${tails()}`,
    });
    expect(count(webhook.accepted)).toEqual(new Map([['op:retry', 1]]));

    // What another console settled is settled here too: a skip of the sent entry is refused.
    expect(await a.send({ skip: ids.get('op:retry')! })).toMatchObject({ ok: false });
  });

  it('resumes the post of a console SIGKILLed mid-send on another console: each key once, keyless at most once', async () => {
    const random = mulberry32(SEED);
    const t = await team(3);
    const { webhook, slack, consoles, claimedBy, tails } = t;
    const held: (() => void)[] = [];
    const holdAll = () => {
      const d = deferred();
      held.push(d.release);
      return d.promise;
    };
    const releaseAll = () => held.splice(0).forEach((r) => r());
    const rounds: string[] = [];
    const keys: Record<TeamChannel, string[]> = { webhook: [], slack: [] };

    for (let round = 0; round < KILL_ROUNDS; round++) {
      const target: TeamChannel = round % 2 === 0 ? 'webhook' : 'slack';
      const point = (['claimed', 'arrived', 'answered'] as const)[Math.floor(random() * 3)];
      const waitMs = Math.floor(random() * (point === 'arrived' ? 200 : 20));
      const peerOf = { webhook, slack };
      webhook.hold = slack.hold = holdAll;
      const live = consoles.filter((c) => c.alive());
      const on = live[Math.floor(random() * live.length)];
      const key = { webhook: `kill:${round}:webhook`, slack: `kill:${round}:slack` };
      keys.webhook.push(key.webhook);
      keys.slack.push(key.slack);
      const ids = await enqueue(on, [draft('webhook', key.webhook), draft('slack', key.slack)]);
      const what = `round ${round} (seed ${SEED}): kill the holder of ${key[target]} when ${point} + ${waitMs} ms`;

      const holderId = await poll(() => claimedBy(key[target]), { timeoutMs: 5_000, intervalMs: 5, what });
      const holder = live.find((c) => c.consoleId === holderId);
      expect(holder, `${what}: claimed by ${holderId}, not one of ours`).toBeDefined();
      const arrived = () =>
        poll(() => peerOf[target].arrivals.some((a) => a.post === key[target]), {
          timeoutMs: 5_000,
          intervalMs: 5,
          what,
        });
      if (point !== 'claimed') await arrived();
      if (point === 'answered') releaseAll();
      await sleep(waitMs); // the kill point: a moment of real time, seeded
      await holder!.kill();
      const killedAt = Date.now();
      // Which of the two posts the dead console still held: those are cut off, to be taken over.
      const cutOff = {
        webhook: (await claimedBy(key.webhook)) === holderId,
        slack: (await claimedBy(key.slack)) === holderId,
      };

      // From here the platforms answer; a resend of the webhook post is held until we know who sent it.
      slack.hold = () => undefined;
      const resends: { by: string | null; at: number }[] = [];
      webhook.hold = (a) => {
        if (a.post !== key.webhook || a.at < killedAt) return undefined;
        return claimedBy(a.post).then((by) => void resends.push({ by, at: a.at }));
      };
      releaseAll();
      const survivors = consoles.filter((c) => c.alive());
      const replacement = t.start(String.fromCharCode(65 + consoles.length)); // three consoles again next round
      await settledEverywhere(survivors, [...ids.values()], tails, 12_000);
      // The replacement may be up before the lease lapses: then it is as good a console to resume the post as any.
      const alive = [...survivors, await replacement].map((c) => c.consoleId);
      const firstSeen = (id: number, status: 'sent' | 'failed') =>
        Math.min(...survivors.map((c) => c.sawAt(id, status) ?? Infinity));
      const leaseLapsed = (TEAM_CLAIM_LEASE_MS * 3) / 4 - 100; // the least a claim renewed every quarter has left
      expect(firstSeen(ids.get(key.webhook)!, 'sent'), `${what}: the webhook post sent`).toBeLessThan(Infinity);
      // A request the dead console wrote just before it died may be read here a moment later; every other
      // arrival is a resend, by a console still alive, once the dead one's lease had lapsed.
      const takeovers = resends.filter((r) => r.by !== holderId || r.at > killedAt + 200);
      if (cutOff.webhook) expect(takeovers.length, `${what}: the cut-off webhook post resent`).toBeGreaterThan(0);
      for (const r of takeovers) {
        expect(alive, `${what}: resent by ${r.by}`).toContain(r.by);
        expect(r.at - killedAt, `${what}: resent before the lease lapsed`).toBeGreaterThan(leaseLapsed);
      }
      // A cut-off Slack post may be public already: another console puts it to the operator, never resends it.
      if (cutOff.slack) {
        const failedAt = firstSeen(ids.get(key.slack)!, 'failed');
        expect(failedAt - killedAt, `${what}: the cut-off Slack post failed after the lease`).toBeGreaterThan(
          leaseLapsed,
        );
        expect(failedAt, `${what}: the cut-off Slack post failed`).toBeLessThan(Infinity);
      }
      const cut = Object.entries(cutOff).flatMap(([c, yes]) => (yes ? [c] : []));
      const by = takeovers.map((r) => consoles.find((c) => c.consoleId === r.by)?.name).join(', ');
      rounds.push(
        `${what} → killed ${holder!.name} holding ${cut.join(' + ') || 'nothing any more'}` +
          (takeovers.length ? `; webhook resent by ${by} ${takeovers[0].at - killedAt} ms after the kill` : ''),
      );
    }

    const report = rounds.join('\n');
    // The webhook: every key published, each once (the platform recognises a repeated key).
    expect([...count(webhook.accepted).keys()].sort(), report).toEqual([...keys.webhook].sort());
    // Slack: never twice; what was cut off is the operator's, marked, and nothing else is left undone.
    for (const [post, n] of count(slack.arrivals)) expect(n, `${post}\n${report}`).toBe(1);
    const { rows } = await t.sql.query<{ key: string; status: string; last_error: string | null }>(
      "SELECT idempotency_key AS key, status, last_error FROM outbox_entries WHERE channel = 'slack' ORDER BY id",
    );
    for (const r of rows) {
      if (r.status === 'sent') expect(count(slack.arrivals).get(r.key), `${r.key}\n${report}`).toBe(1);
      else expect(r, report).toMatchObject({ status: 'failed', last_error: expect.stringContaining(INTERRUPTED) });
    }
    console.log(`team-outbox kills (seed ${SEED}):\n  ${rounds.join('\n  ')}`);
  }, 60_000);

  it(
    'keeps running through a PostgreSQL outage, says so, and sends what was queued afterwards, none twice',
    async () => {
      const t = await team(3);
      const { webhook, slack, consoles, tails } = t;
      const held: (() => void)[] = [];
      webhook.hold = slack.hold = () => {
        const d = deferred();
        held.push(d.release);
        return d.promise;
      };
      const keys = {
        webhook: Array.from({ length: 6 }, (_, i) => `outage:${i}:webhook`),
        slack: Array.from({ length: 5 }, (_, i) => `outage:${i}:slack`),
      };
      await enqueue(consoles[0], [
        ...keys.webhook.map((k) => draft('webhook', k)),
        ...keys.slack.map((k) => draft('slack', k)),
      ]);
      // One send per channel per console: three of each are at the platforms, the rest wait in the queue.
      await poll(() => webhook.arrivals.length === 3 && slack.arrivals.length === 3, {
        timeoutMs: 5_000,
        what: () => `three sends per channel in flight\n${tails()}`,
      });
      const inFlight = new Set([...webhook.arrivals, ...slack.arrivals].map((a) => a.post));

      const before = consoles.map((c) => c.teamStates.length);
      const stoppedAt = Date.now();
      db.stop();
      await poll(() => consoles.every((c, i) => c.teamStates.slice(before[i]).some((s) => !s.reachable)), {
        timeoutMs: 5_000,
        what: () => `every console saying the team database is unreachable\n${tails()}`,
      });
      // The platforms answer while the database is away: those receipts cannot be written.
      webhook.hold = slack.hold = () => undefined;
      held.splice(0).forEach((r) => r());
      // An operator posts while the database is away: accepted, kept on that console, shown as waiting.
      const late = [`outage:late:0:webhook`, `outage:late:1:webhook`];
      const waitingReply = await consoles[1].send({ enqueue: late.map((k) => draft('webhook', k)) });
      expect(waitingReply, consoles[1].tail()).toMatchObject({ ok: true });
      expect(
        (waitingReply.value as number[]).every((id) => id < 0),
        'waiting posts have no team id yet',
      ).toBe(true);
      await poll(() => consoles[1].teamStates.at(-1)?.postsWaiting === late.length, {
        timeoutMs: 2_000,
        what: () => `console B saying ${late.length} posts wait on it\n${tails()}`,
      });
      await sleep(Math.max(0, stoppedAt + OUTAGE_MS - Date.now())); // the outage itself: real time, by definition
      expect(consoles.every((c) => c.alive())).toBe(true);
      const restartedAt = Date.now();
      db.start();

      await poll(() => consoles.every((c) => c.teamStates.at(-1)?.reachable === true), {
        timeoutMs: 10_000,
        what: () => `every console saying the team database is back\n${tails()}`,
      });
      for (const [i, c] of consoles.entries()) {
        // Reachable before the stop; other news (rows waiting to be copied) may come in either state.
        const reachable = [true, ...c.teamStates.slice(before[i]).map((s) => s.reachable)];
        expect(
          reachable.filter((r, j) => r !== reachable[j - 1]),
          c.name,
        ).toEqual([true, false, true]);
      }
      type Row = { id: number; key: string; status: string; last_error: string | null; sent_at: number | null };
      const rows = await poll(
        async () =>
          (
            await t.sql.query<Row>(
              'SELECT id::int, idempotency_key AS key, status, last_error, sent_at::float8 FROM outbox_entries ORDER BY id',
            )
          ).rows,
        {
          until: (all) =>
            all.length === keys.webhook.length + keys.slack.length + late.length &&
            all.every((r) => r.status === 'sent' || r.status === 'failed'),
          timeoutMs: 15_000,
          what: () => `every entry settled in the team database, the waiting posts too\n${tails()}`,
        },
      );

      // Every webhook post published (once per key: the platform drops a resend of a key it has), those written
      // during the outage too; what waited in the queue went out after the restart.
      expect([...count(webhook.accepted).keys()].sort()).toEqual([...keys.webhook, ...late].sort());
      expect(consoles[1].teamStates.at(-1)?.postsWaiting, 'nothing waits on B any more').toBe(0);
      for (const [post, n] of count(slack.arrivals)) expect(n, post).toBe(1);
      for (const r of rows) {
        const queuedBefore = !inFlight.has(r.key) && !late.includes(r.key);
        if (late.includes(r.key)) {
          expect(r, tails()).toMatchObject({ status: 'sent' });
          continue;
        }
        if (queuedBefore || r.key.endsWith(':webhook')) {
          expect(r, tails()).toMatchObject({ status: 'sent' });
          if (queuedBefore) expect(r.sent_at, `${r.key} sent after the restart`).toBeGreaterThan(restartedAt);
        } else
          // A Slack post answered while its receipt could not be written: published once, and the operator
          // is asked to check, since a resend could publish it twice.
          expect(r, tails()).toMatchObject({ status: 'failed', last_error: expect.stringContaining(INTERRUPTED) });
      }

      // Every console reads the outcome.
      const settled = new Map(rows.map((r) => [r.id, r.status]));
      for (const c of consoles) {
        const listed = await c.send({ list: true });
        expect(
          new Map((listed.value as { id: number; status: string }[]).map((e) => [e.id, e.status])),
          c.name,
        ).toEqual(settled);
      }
    },
    60_000 + OUTAGE_MS,
  );
});
