/**
 * The team engine (team/team-engine.ts) where its consoles race: several engines in this process, each with
 * its own SQLite store, its own link to one real PostgreSQL (pool, change feed, engine lease) and a dispatcher
 * of its own, as the consoles of a team have.
 * - A forwarded command whose reply is stored and announced before its console has heard back from the
 *   database that the command was handed over: the reply is still taken.
 * - Another event of the team, sharing the database: a standby console neither stores nor shows its
 *   incidents and updates (also one that watched that event before), and logs no error over them.
 * - The engine's console dies while running a standby's command: the console taking the lease over answers
 *   it at once, with an error that says so, instead of leaving its operator waiting for the timeout.
 * - A public update's posts reach the team's outbox only once its round is in the team database: the
 *   console taking over after a death in between would otherwise reuse the round's number, and its posts'
 *   keys.
 * - An incident carried over from a session a standby console never watched: stored under that session.
 * - A console that lost the lease without hearing of it claims no command, and answers none as abandoned.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newRound } from '../../shared/domain/broadcast/checklist';
import type { BroadcastRoundView } from '../../shared/domain/broadcast/broadcast-round';
import { createIncidentsState, step, type Incident } from '../../shared/domain/incident';
import type { IncidentId, SessionId } from '../../shared/types';
import { systemClock } from '../../electron/main/services/clock';
import { incidentsRepo } from '../../electron/main/services/db/incidents-repo';
import { openDatabase } from '../../electron/main/services/db/open';
import { roundsRepo } from '../../electron/main/services/db/rounds-repo';
import { sessionsRepo } from '../../electron/main/services/db/sessions-repo';
import type { Dispatcher } from '../../electron/main/services/dispatch';
import { teamCommandsStore, type TeamCommandsStore } from '../../electron/main/services/postgres/team-commands-store';
import { teamIncidentsStore } from '../../electron/main/services/postgres/team-incidents-store';
import { createTeamEngine, type TeamEngine } from '../../electron/main/services/team/team-engine';
import { openTeamLink, type TeamLink } from '../../electron/main/services/team/team-link';
import { postgresOutboxStore } from '../../electron/main/services/postgres/outbox-store-postgres';
import { poll } from '../support/poll';
import { startPostgres, type PostgresPeer } from '../support/postgres-peer';

let peer: PostgresPeer;
beforeAll(async () => {
  peer = await startPostgres();
});
afterAll(() => peer?.close());

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

interface EngineConsole {
  name: string;
  engine: TeamEngine;
  link: TeamLink;
  /** Its dispatcher, as the screens reach it: on standby, forwarding what changes an incident. */
  dispatcher: Dispatcher;
  local: { incidents: ReturnType<typeof incidentsRepo>; rounds: ReturnType<typeof roundsRepo> };
  /** The incidents it showed (IncidentService.mirrored), in order. */
  mirrored: string[];
  /** What the team feed announced to it, in order. */
  heard: string[];
  logs: string[];
}

const session = (name: string): SessionId => `sim/calm/${name}` as SessionId;

/**
 * One console's engine on `url`, watching `sessionId` (stored in its SQLite, as ingest stores it). `run` is the
 * console's own dispatcher behind the engine (by default it answers every command at once); `commands` may
 * stand between the engine and the team's commands store.
 */
async function engineConsole(o: {
  url: string;
  name: string;
  sessionId: SessionId;
  /** Sessions its SQLite holds besides the watched one: events it watched before. */
  watchedBefore?: SessionId[];
  run?: Dispatcher['dispatch'];
  commands?: (store: TeamCommandsStore, heard: string[]) => TeamCommandsStore;
}): Promise<EngineConsole> {
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const link = await openTeamLink({ url: o.url, clock: systemClock, log });
  cleanup.push(() => link.close());
  const db = openDatabase({ file: ':memory:', now: systemClock.now });
  cleanup.push(() => void db.close());
  for (const id of [...(o.watchedBefore ?? []), o.sessionId])
    sessionsRepo(db).upsert({ id, eventName: id, sourceUrl: 'http://127.0.0.1:1', startedAt: 1, speed: 1, truth: [] });
  const local = { incidents: incidentsRepo(db), rounds: roundsRepo(db), sessions: sessionsRepo(db) };
  const mirrored: string[] = [];
  const heard: string[] = [];
  const store = teamCommandsStore(link.pool);
  const engine = createTeamEngine({
    url: o.url,
    consoleId: o.name,
    store: teamIncidentsStore(link.pool),
    commands: o.commands?.(store, heard) ?? store,
    local,
    incidents: () => ({ mirrored: (id) => void mirrored.push(id), takeOver: () => undefined }),
    clock: systemClock,
    onRole: () => undefined,
    log,
  });
  cleanup.push(() => engine.close());
  let listening: () => void = () => undefined;
  const listens = new Promise<void>((resolve) => (listening = resolve));
  const unsubscribe = link.subscribe({
    team: (change) => {
      heard.push(change);
      engine.changed(change);
    },
    onListening: () => {
      engine.changed();
      listening();
    },
    onLost: () => undefined,
  });
  cleanup.push(unsubscribe);
  await listens; // what the team announces from now on reaches this console
  const answer: Dispatcher['dispatch'] = async (name) => ({ ok: true, value: `${String(name)} done by ${o.name}` });
  const dispatcher = engine.forwarding({ dispatch: o.run ?? answer });
  engine.watch(o.sessionId);
  return { name: o.name, engine, link, dispatcher, local, mirrored, heard, logs };
}

/** Until `c` runs the engine of the event it watches. */
const leading = (c: EngineConsole) =>
  poll(() => c.engine.leads(), { timeoutMs: 10_000, what: () => `${c.name} running the engine\n${c.logs.join('\n')}` });

const opening = { kind: 'other' as const, title: 'Slides frozen', operator: 'giulia' };

/** An incident as the engine opens it (the pure domain's own), under `id`. */
function incident(id: string): Incident {
  const { effects } = step(createIncidentsState(), { type: 'open', ...opening, id: id as IncidentId }, Date.now());
  const opened = effects.find((e) => e.type === 'incident-opened');
  if (!opened || !('incident' in opened)) throw new Error(`incident ${id} not opened: ${JSON.stringify(effects)}`);
  return opened.incident;
}

const roundOf = (i: Incident, round = 1): BroadcastRoundView => ({
  incidentId: i.id,
  round,
  phase: 'update',
  lang: 'en',
  body: 'We are on it.',
  operator: 'giulia',
  at: Date.now(),
  checklist: newRound(['webhook'], round),
  toneWarnings: 0,
});

/** What the engine's console stores, as its incident and broadcast services store it. */
function publish(c: EngineConsole, i: Incident, sessionId: SessionId, rounds = 1): void {
  c.engine.publishing(c.local.incidents).save(i, sessionId);
  for (let r = 1; r <= rounds; r++) c.engine.publishingRounds(c.local.rounds).insert(roundOf(i, r));
}

describe('the team engine where its consoles race', () => {
  it("takes a forwarded command's reply that came before the database confirmed the hand-over", async () => {
    const url = await peer.database();
    const sessionId = session('one');
    const holder = await engineConsole({ url, name: 'holder', sessionId });
    await leading(holder);
    // The hand-over's confirmation reaches the standby console only once the holder answered and the feed
    // announced the reply here: the order a fast engine and a slow pool connection give.
    const standby = await engineConsole({
      url,
      name: 'standby',
      sessionId,
      commands: (store, heard) => ({
        ...store,
        async submit(c) {
          const id = await store.submit(c);
          await poll(() => heard.includes(`reply:${id}`), { timeoutMs: 10_000, what: `reply ${id} announced` });
          return id;
        },
      }),
    });

    const reply = await standby.dispatcher.dispatch('incident.open', opening);
    expect(reply).toEqual({ ok: true, value: 'incident.open done by holder' });
  });

  it("stores and shows on a standby console its own event's incidents only, not another event's", async () => {
    const url = await peer.database();
    const [a, b] = [session('a'), session('b')];
    const holderA = await engineConsole({ url, name: 'holder of A', sessionId: a });
    const holderB = await engineConsole({ url, name: 'holder of B', sessionId: b });
    await Promise.all([leading(holderA), leading(holderB)]);
    const standby = await engineConsole({ url, name: 'standby of A', sessionId: a });
    // This one watched event B before: its SQLite knows B's session, so nothing would refuse B's incident.
    const movedOn = await engineConsole({ url, name: 'standby of A, once of B', sessionId: a, watchedBefore: [b] });
    const standbys = [standby, movedOn];

    const [ofB, ofA] = [incident('b-1'), incident('a-1')];
    publish(holderB, ofB, b);
    await poll(() => standbys.every((c) => c.heard.includes(`round:${ofB.id}`)), {
      timeoutMs: 5_000,
      what: "B's incident and round announced on A's standby consoles",
    });
    // Then A's: once a standby console has it, it has also been through B's, announced before.
    publish(holderA, ofA, a);
    for (const c of standbys) {
      await poll(() => c.local.rounds.list(ofA.id).length === 1 && c.mirrored.includes(ofA.id), {
        timeoutMs: 5_000,
        what: () => `A's incident and round on ${c.name}\n${c.logs.join('\n')}`,
      });
      expect(c.local.incidents.byId(ofB.id), c.name).toBeUndefined();
      expect(c.local.rounds.list(ofB.id), c.name).toEqual([]);
      expect(new Set(c.mirrored), c.name).toEqual(new Set([ofA.id]));
      expect(c.logs, c.name).toEqual([]);
    }
  });

  it('stores an incident carried over from a session the standby console never watched, under that session', async () => {
    const url = await peer.database();
    const [before, now] = [session('run-1'), session('run-2')];
    const holder = await engineConsole({ url, name: 'holder', sessionId: now, watchedBefore: [before] });
    await leading(holder);
    const standby = await engineConsole({ url, name: 'joined at run 2', sessionId: now });
    // The holder's ingest copy stored run 1 in the team database, as it does every session it ingests.
    await holder.link.pool.query(
      `INSERT INTO team_sessions (id, source, scenario, event_name, started_at, ended_at, speed, rehearsal, stored_by)
       VALUES ($1, 'sim', 'calm', 'Launch', 1, 2, 1, false, 'holder')`,
      [before],
    );
    const opened = incident('carried-1');
    const carried: Incident = {
      ...opened,
      carriedOver: {
        from: { sessionId: before, eventName: 'Launch', scenario: 'calm', startedAt: 1 },
        intoSessionId: now,
        why: 'new-session',
        at: opened.openedAt,
      },
    };
    publish(holder, carried, before);
    await poll(() => standby.mirrored.includes(carried.id), {
      timeoutMs: 5_000,
      what: () => `the carried incident on the standby console\n${standby.logs.join('\n')}`,
    });
    expect(standby.local.incidents.byId(carried.id)).toMatchObject({ sessionId: before });
    expect(standby.local.rounds.list(carried.id)).toHaveLength(1);
    expect(standby.logs).toEqual([]);
  });

  it("answers at once a command whose engine's console died running it, when another takes over", async () => {
    const url = await peer.database();
    const sessionId = session('one');
    // The holder claims the command and never gets to answer it: it dies mid-way.
    const holder = await engineConsole({ url, name: 'holder', sessionId, run: () => new Promise(() => undefined) });
    await leading(holder);
    const standby = await engineConsole({ url, name: 'standby', sessionId });
    const sql = new pg.Pool({ connectionString: url, max: 1 });
    cleanup.push(() => sql.end());
    const statuses = async () =>
      (await sql.query<{ status: string }>('SELECT status FROM team_commands ORDER BY id')).rows.map((r) => r.status);

    const asked = Date.now();
    const replied = standby.dispatcher.dispatch('incident.open', opening);
    await poll(statuses, { until: (s) => s.join() === 'running', timeoutMs: 5_000, what: 'the command claimed' });
    await holder.engine.close(); // its lease goes with it
    await leading(standby);

    expect(await replied).toEqual({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('stopped while taking this action') },
    });
    // Well before the standby console's own timeout (10 s), which said nothing of what happened.
    expect(Date.now() - asked).toBeLessThan(5_000);
    expect(await statuses()).toEqual(['done']);
    // What is asked from now on is run by the new engine's console.
    expect(await standby.dispatcher.dispatch('incident.open', opening)).toEqual({
      ok: true,
      value: 'incident.open done by standby',
    });
  });

  it("stores a round's posts in the team's outbox only once the round is in the team database", async () => {
    const url = await peer.database();
    const sessionId = session('one');
    const holder = await engineConsole({ url, name: 'holder', sessionId });
    await leading(holder);
    const outbox = holder.engine.guardingOutbox(
      postgresOutboxStore(holder.link.pool, { owner: 'holder', leaseMs: 3000 }),
    );
    const sql = new pg.Pool({ connectionString: url, max: 3 }); // the feed, the lock and the reads
    cleanup.push(() => sql.end());
    const ofIncident = incident('i-1');
    publish(holder, ofIncident, sessionId, 0);
    await poll(async () => (await sql.query('SELECT 1 FROM team_incidents')).rowCount === 1, { what: 'the incident' });
    // What the team database stored, in the order it committed it.
    const feed = await sql.connect();
    cleanup.push(() => feed.release());
    const committed: string[] = [];
    feed.on('notification', (n) => committed.push(`${n.channel} ${n.payload}`));
    await feed.query('LISTEN onair_team; LISTEN onair_outbox');

    // The round's write is slow (a lock stands in for a slow disk or network), and its posts follow it.
    const locker = await sql.connect();
    await locker.query('BEGIN; LOCK TABLE team_rounds IN EXCLUSIVE MODE');
    const round = roundOf(ofIncident);
    holder.engine.publishingRounds(holder.local.rounds).insert(round);
    const now = Date.now();
    const posted = outbox.insertMany([
      {
        idempotencyKey: `${ofIncident.id}:1:webhook`,
        sessionId,
        incidentId: ofIncident.id,
        round: 1,
        channel: 'webhook',
        phase: 'update',
        lang: 'en',
        text: round.body,
        eventName: 'Launch',
        nextAttemptAt: now,
        createdAt: now,
      },
    ]);
    try {
      await poll(
        async () =>
          (
            await sql.query(
              "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%team_rounds%'",
            )
          ).rowCount === 1,
        { timeoutMs: 5_000, what: "the round's write waiting" },
      );
      // Long enough for a post written at once; none is, while its round waits.
      const early = poll(async () => (await sql.query('SELECT 1 FROM outbox_entries')).rowCount, { timeoutMs: 1_000 });
      await expect(early, 'a post stored before its round').rejects.toThrow('not met');
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    const [stored] = await posted;
    await poll(() => committed.length === 2, { timeoutMs: 5_000, what: () => `both announced: ${committed}` });
    expect(committed).toEqual([`onair_team round:${ofIncident.id}`, `onair_outbox ${stored.entry.id}`]);
  });

  it('claims and answers no command under a lease another console has taken over since', async () => {
    const url = await peer.database();
    const link = await openTeamLink({ url, clock: systemClock, log: () => undefined });
    cleanup.push(() => link.close());
    const commands = teamCommandsStore(link.pool);
    const sid = session('fenced');
    const id = await commands.submit({ sessionId: sid, name: 'incident.keepOpen', args: {}, from: 'B', now: 1 });
    // Epoch 2 holds now: the console still writing under epoch 1 lost the lease without hearing of it.
    await link.pool.query("INSERT INTO team_leases (key, epoch, holder, since) VALUES ($1, 2, 'C', 1)", [sid]);
    expect(await commands.claimPending({ key: sid, epoch: 1 })).toEqual([]);
    expect(await commands.claimPending({ key: sid, epoch: 2 })).toEqual([{ id, name: 'incident.keepOpen', args: {} }]);
    // The command C is running is not answered as abandoned by the console of epoch 1.
    const abandoned = { ok: false as const, error: { code: 'unavailable' as const, message: 'gone' } };
    expect(await commands.answerAbandoned({ key: sid, epoch: 1 }, abandoned, 2)).toEqual([]);
    expect(await commands.reply(id)).toBeUndefined();
  });
});
