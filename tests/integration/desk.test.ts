/**
 * One console, several live events (desk/desk-host.ts): real workspaces (createOnair each, with its own SQLite
 * file and embedded simulator), the web console serving each on its own socket.io namespace.
 * - An event opened on the desk has its own incidents and silence timer: the audio loss of one does not show
 *   on the other, and the desk line of each says what it holds (open incident, timer colour).
 * - `desk.changed` reaches the pages of every event, whichever they are open on.
 * - A restart watches the desk's events again, each from its own data folder; a closed one stays closed.
 * - A page opened on an event that is not on the console is refused.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskEvent, Transport } from '../../shared/contract';
import { socketTransport } from '../../renderer/transport/socket-transport';
import { openDeskHost, type DeskHost } from '../../electron/main/services/desk/desk-host';
import { startWebConsole, type WebConsole } from '../../electron/main/services/web/web-console-server';
import { loadScenarioFile, startSimulator } from '../../electron/main/services/simulator/server';
import { poll } from '../support/poll';
import { startPostgres } from '../support/postgres-peer';
import { tempDir } from '../support/temp-dir';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function desk(dataDir: string, database?: string): Promise<{ host: DeskHost; web: WebConsole }> {
  const host = await openDeskHost({
    dataDir,
    mode: 'web',
    version: 'test',
    database,
    log: () => undefined,
    source: { kind: 'simulator', scenario: 'calm', speed: 1, loop: true },
  });
  const web = await startWebConsole({
    dispatcher: host.main.dispatcher,
    hub: host.main.hub,
    workspace: (id) => host.workspace(id),
    rendererDir: tempDir(),
    log: () => undefined,
  });
  host.onClosed((id) => web.closed(id));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await web.close();
    await host.closeAll();
  };
  cleanup.push(close);
  return { host, web };
}

function page(web: WebConsole, event?: string): { socket: Socket; t: Transport } {
  const origin = `http://127.0.0.1:${web.port}`;
  const socket = io(event ? `${origin}/events/${event}` : origin, {
    transports: ['websocket'],
    reconnection: false,
    query: { token: web.token },
    extraHeaders: { origin },
  });
  cleanup.push(async () => void socket.close());
  return { socket, t: socketTransport(socket, 5_000) };
}

/** The events of the team desk that counts its connections. */
const EVENTS = 6;

const line = (events: DeskEvent[], id: string) => events.find((e) => e.id === id);

describe('the desk: several events on one console', () => {
  it('keeps each event apart, tells every page, and watches the desk again after a restart', async () => {
    const dataDir = tempDir();
    const { host, web } = await desk(dataDir);
    const main = page(web);
    const seen: DeskEvent[][] = [];
    main.t.on('desk.changed', (events) => void seen.push(events));

    const opened = await main.t.invoke('desk.open', {
      source: { kind: 'simulator', scenario: 'audio-loss', speed: 40 },
    });
    expect(opened).toMatchObject({ where: 'here', source: { kind: 'simulator', scenario: 'audio-loss' } });
    expect(existsSync(join(dataDir, 'events', opened.id, 'onair.sqlite'))).toBe(true);

    // The audio-loss event raises its incident; the calm one stays quiet.
    const second = page(web, opened.id);
    const withIncident = await poll(async () => line(await second.t.invoke('desk.list', {}), opened.id), {
      until: (l) => (l?.openIncidents ?? 0) > 0,
      timeoutMs: 20_000,
      what: 'an open incident on the second event',
    });
    expect(withIncident).toMatchObject({ top: { kind: 'audio' }, connected: true });
    expect(['ok', 'amber', 'red']).toContain(withIncident?.timer);
    expect(await second.t.invoke('incident.list', {})).not.toHaveLength(0);
    expect(await main.t.invoke('incident.list', {})).toHaveLength(0);
    expect(line(await main.t.invoke('desk.list', {}), 'main')).toMatchObject({ openIncidents: 0, timer: 'none' });
    // Each page talks to its own event.
    expect((await second.t.invoke('live.snapshot', {})).simulator).toMatchObject({ scenario: 'audio-loss' });
    expect((await main.t.invoke('live.snapshot', {})).simulator).toMatchObject({ scenario: 'calm' });
    // The main page heard of the second event's incident through desk.changed.
    await poll(() => seen.some((events) => (line(events, opened.id)?.openIncidents ?? 0) > 0), {
      what: 'desk.changed with the incident on the main page',
    });

    // A page on an event this console does not have is refused.
    const stray = page(web, 'nothere');
    await expect(
      new Promise((resolve, reject) => {
        stray.socket.on('connect', () => resolve('connected'));
        stray.socket.on('connect_error', (err) => reject(err));
      }),
    ).rejects.toThrow(/no such event/);

    // The console's own event cannot be closed from the desk.
    await expect(main.t.invoke('desk.close', { id: 'main' })).rejects.toThrow(/switch its source/);

    // A third event, closed again: the restart brings back the second only.
    const third = await main.t.invoke('desk.open', { source: { kind: 'simulator', scenario: 'calm', speed: 1 } });
    await main.t.invoke('desk.close', { id: third.id });
    expect((await main.t.invoke('desk.list', {})).map((e) => e.id).sort()).toEqual([opened.id, 'main'].sort());
    await web.close();
    await host.closeAll();

    const again = await desk(dataDir);
    expect(again.host.workspaces().map((w) => w.id)).toEqual(['main', opened.id]);
    // Its incidents are its own still: read from its own data folder.
    const reopened = page(again.web, opened.id);
    expect(await reopened.t.invoke('incident.list', {})).not.toHaveLength(0);
  });

  it("lists the team's events watched on other consoles, and watches one here too", async () => {
    const pg = await startPostgres();
    cleanup.push(() => pg.close());
    const url = await pg.database();
    const sim = await startSimulator({ scenario: loadScenarioFile('audio-loss'), speed: 40, loop: true });
    cleanup.push(() => sim.close());
    const a = await desk(tempDir(), url);
    const b = await desk(tempDir(), url);
    const onA = page(a.web);
    const onB = page(b.web);

    const opened = await onA.t.invoke('desk.open', { source: { kind: 'url', url: sim.url } });
    const remote = await poll(async () => (await onB.t.invoke('desk.list', {})).find((e) => e.where === 'team'), {
      until: (e) => (e?.openIncidents ?? 0) > 0,
      timeoutMs: 20_000,
      what: "A's event with its incident on B's desk",
    });
    expect(remote).toMatchObject({
      source: { kind: 'url', url: sim.url },
      console: a.host.workspace(opened.id)?.info.team?.consoleId,
      top: { kind: 'audio' },
    });

    // Watched on B too: one line, B's own, on standby (A runs the engine); no longer listed as the team's.
    const here = await onB.t.invoke('desk.open', { source: remote!.source! });
    const line_ = await poll(
      async () => (await onB.t.invoke('desk.list', {})).filter((e) => e.sessionId === remote!.sessionId),
      {
        until: (l) => l.length === 1 && l[0].where === 'here' && l[0].engine === 'standby' && l[0].openIncidents > 0,
        timeoutMs: 15_000,
        what: "A's event on B's desk as B's own, on standby, with A's incident",
      },
    );
    expect(line_[0]).toMatchObject({ id: here.id, top: { id: remote!.top!.id } });
  });

  it("shares one pool and one feed among a team desk's events: each more event adds its lease's connection only", async () => {
    const peer = await startPostgres();
    cleanup.push(() => peer.close());
    const url = await peer.database();
    const { web } = await desk(tempDir(), url);
    const t = page(web).t;
    for (let i = 0; i < EVENTS - 1; i++)
      await t.invoke('desk.open', { source: { kind: 'simulator', scenario: 'calm', speed: 1 } });
    const sql = new pg.Client({ connectionString: url });
    await sql.connect();
    cleanup.push(() => sql.end());
    /** The desk's connections to the team database: those holding an event's lease, and the others. */
    const connections = async () => {
      const { rows } = await sql.query<{ lease: boolean; n: number }>(
        `SELECT EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted)
                AS lease, count(*)::int AS n
           FROM pg_stat_activity a
          WHERE a.datname = current_database() AND a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()
          GROUP BY 1`,
      );
      return { leases: rows.find((r) => r.lease)?.n ?? 0, others: rows.find((r) => !r.lease)?.n ?? 0 };
    };
    // Every event's engine runs here (each simulator is a session of its own), on a connection of its own.
    const held = await poll(connections, { until: (c) => c.leases === EVENTS, timeoutMs: 20_000, what: 'the leases' });
    // The shared pool (at most 10) and the feed; a pool, a feed and an ingest copy per event would be 3 × EVENTS.
    expect(held.others).toBeLessThanOrEqual(11);
  });
});
