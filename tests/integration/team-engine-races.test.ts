/**
 * The team engine (team/team-engine.ts) where its consoles race: several engines in this process, each with
 * its own SQLite store, its own link to one real PostgreSQL (pool, change feed, engine lease) and a dispatcher
 * of its own, as the consoles of a team have.
 * - A forwarded command whose reply is stored and announced before its console has heard back from the
 *   database that the command was handed over: the reply is still taken.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionId } from '../../shared/types';
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
  run?: Dispatcher['dispatch'];
  commands?: (store: TeamCommandsStore, heard: string[]) => TeamCommandsStore;
}): Promise<EngineConsole> {
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const link = await openTeamLink({ url: o.url, clock: systemClock, log });
  cleanup.push(() => link.close());
  const db = openDatabase({ file: ':memory:', now: systemClock.now });
  cleanup.push(() => void db.close());
  sessionsRepo(db).upsert({
    id: o.sessionId,
    eventName: o.sessionId,
    sourceUrl: 'http://127.0.0.1:1',
    startedAt: 1,
    speed: 1,
    truth: [],
  });
  const local = { incidents: incidentsRepo(db), rounds: roundsRepo(db) };
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
  const unsubscribe = link.subscribe({
    team: (change) => {
      heard.push(change);
      engine.changed(change);
    },
    onListening: () => engine.changed(),
    onLost: () => undefined,
  });
  cleanup.push(unsubscribe);
  const answer: Dispatcher['dispatch'] = async (name) => ({ ok: true, value: `${String(name)} done by ${o.name}` });
  const dispatcher = engine.forwarding({ dispatch: o.run ?? answer });
  engine.watch(o.sessionId);
  return { name: o.name, engine, link, dispatcher, local, mirrored, heard, logs };
}

/** Until `c` runs the engine of the event it watches. */
const leading = (c: EngineConsole) =>
  poll(() => c.engine.leads(), { timeoutMs: 10_000, what: () => `${c.name} running the engine\n${c.logs.join('\n')}` });

const opening = { kind: 'other', title: 'Slides frozen', operator: 'giulia' };

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
});
