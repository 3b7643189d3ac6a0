/**
 * The load for `npm run bench:team`: an agency's team on one PostgreSQL, three consoles each watching the
 * same twenty live events (bench/support-team-desk-child.ts: a desk host with one workspace per event), against
 * one console on SQLite watching the same twenty, in the same run, one after the other so neither slows the
 * other. Each event is an external simulator on 127.0.0.1 playing a scenario built here: the calm webinar with
 * its background chat at 600 messages/min (10/s) and its one health sample a second, an hour long so no run
 * restarts mid-bench; each event has a name of its own, so each has its own session (and engine lease).
 * (d) Ingest: chat + health rows stored per second over a measured window, in PostgreSQL (team_chat,
 *     team_health) and in the single console's SQLite files; rows the three consoles ingested (their own SQLite
 *     files) minus rows stored (the copies PostgreSQL kept once); CPU of each console, of PostgreSQL and of the
 *     whole machine, from /proc over the same window.
 * (e) An operator's incident.transition on a standby console of one event, seen as incident.changed on the
 *     two other consoles: p95 and max over ≥ 50 actions, from the moment the acting console took the command.
 * (f) Fail-over: an event's incident is open with a 10 s first-update deadline (its playbook set through the
 *     contract on one console: the team's); the console running its engine is SIGKILLed 300 ms before the
 *     deadline falls due, so no survivor can have the alarm from it (the engine's console records each alarm it
 *     raises for the others): the time until a survivor raises it, from its own engine once it took over, and
 *     until every event the dead console led runs on a survivor.
 * BENCH_EVENTS (20), BENCH_CONSOLES (3) and BENCH_WINDOW_MS (20000) change the load.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Playbook } from '../shared/domain/broadcast/playbook';
import { parseScenario, type Scenario } from '../electron/main/services/simulator/scenario/scenario';
import { loadScenarioFile, startSimulator, type RunningSimulator } from '../electron/main/services/simulator/server';
import { poll } from '../tests/support/poll';
import type { PostgresPeer } from '../tests/support/postgres-peer';
import { sqliteOf, startDeskConsole, type DeskConsole, type ReplyLine } from './support-team-desk-child';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20);
const CONSOLES = Number(process.env.BENCH_CONSOLES ?? 3);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 20_000);
const CHAT_PER_SEC = 10;
const ACTIONS = 50;
const ACTION_TARGET_MS = 500;
const FAILOVER_TARGET_MS = 5_000;
/** The shortest first-update deadline a playbook takes. */
const FIRST_UPDATE_MS = 10_000;
/** The engine's console dies this long before the deadline falls due: too soon for it to raise the alarm. */
const KILL_BEFORE_DUE_MS = 300;

/** The p-th percentile of `xs` (nearest rank). */
export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1];

const benchScenarioName = (i: number) => `bench-event-${i + 1}`;

/** Event `i`: the calm webinar, chatting at 10 messages/s, with a name (so a session id) of its own. */
function benchScenario(i: number): Scenario {
  const calm = loadScenarioFile('calm');
  const r = parseScenario({
    ...calm,
    name: benchScenarioName(i),
    title: `Bench event ${i + 1}`,
    eventName: `Bench webinar ${i + 1}`,
    durationSec: 3600,
    seed: calm.seed + i,
    audience: { ...calm.audience, chatPerMin: CHAT_PER_SEC * 60 },
  });
  if (!r.ok) throw new Error(`bench scenario: ${r.reason}`);
  return r.value;
}

// ---------------------------------------------------------------- counting, from the outside

/** Chat + health rows in each SQLite file, read-only beside the console writing it (WAL). */
function sqliteCounter(files: string[]) {
  const dbs = files.map((f) => new Database(f, { readonly: true, fileMustExist: true }));
  const count = dbs.map((d) =>
    d.prepare('SELECT (SELECT count(*) FROM chat_messages) + (SELECT count(*) FROM health_samples) AS n'),
  );
  return {
    rows: () => count.map((s) => (s.get() as { n: number }).n),
    close: () => dbs.forEach((d) => d.close()),
  };
}

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
/** utime, stime, cutime, cstime of a process (/proc/<pid>/stat, after the command's name), in ticks. */
function cpuOf(pid: number): { self: number; children: number; ppid: number } {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const v = f
    .slice(f.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  return { ppid: v[1], self: v[11] + v[12], children: v[13] + v[14] };
}
/** A server's CPU ticks so far: the postmaster, the backends alive now, and those that ended (cutime). */
function treeTicks(root: number): number {
  let n = cpuOf(root).self + cpuOf(root).children;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const p = cpuOf(Number(name));
      if (p.ppid === root) n += p.self;
    } catch {
      // ended meanwhile: its ticks are in the postmaster's cutime now
    }
  }
  return n;
}
/** Busy and total ticks of the whole machine (/proc/stat), other agents' work included. */
function machineTicks(): { busy: number; total: number } {
  const v = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const idle = v[3] + v[4];
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}
/** CPU used by each of `pids` between two readings, in % of one core. */
function cpuMeter(pids: number[]) {
  const t0 = Date.now();
  const start = pids.map(treeTicksOrSelf);
  const m0 = machineTicks();
  return () => {
    const s = (Date.now() - t0) / 1000;
    const m1 = machineTicks();
    return {
      each: pids.map((p, i) => Math.round(((treeTicksOrSelf(p) - start[i]) / CLK_TCK / s) * 100)),
      machine: Math.round(((m1.busy - m0.busy) / (m1.total - m0.total)) * 100),
    };
  };
}
/** A console's own ticks; a PostgreSQL server's (negative pid: its postmaster) with its backends. */
const treeTicksOrSelf = (pid: number) => (pid < 0 ? treeTicks(-pid) : cpuOf(pid).self);

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const rowsSent = (sims: RunningSimulator[]) => sum(sims.map((s) => s.sent.chat + s.sent.health));

// ---------------------------------------------------------------- the bench

export interface DeskBenchResult {
  lines: string[];
  ok: Record<string, boolean>;
}

export async function benchTeamDesk(db: PostgresPeer): Promise<DeskBenchResult> {
  const lines: string[] = [];
  const ok: Record<string, boolean> = {};
  const sims = await Promise.all(
    Array.from({ length: EVENTS }, (_, i) => startSimulator({ scenario: benchScenario(i), speed: 1 })),
  );
  const sources = sims.map((s) => s.url);
  const consoles: DeskConsole[] = [];
  const tails = () => consoles.map((c) => c.tail(15)).join('\n');
  const url = await db.database();
  const sql = new pg.Pool({ connectionString: url, max: 2 });
  try {
    console.log(
      `(d–f) ${EVENTS} simulated events on 127.0.0.1, each ${CHAT_PER_SEC} chat messages/s and 1 health sample/s ` +
        `(scenario: calm at ${CHAT_PER_SEC * 60} chat/min, built in memory); measured windows of ${WINDOW_MS / 1000} s`,
    );
    /**
     * Waits until every workspace of `on` stored rows, then measures over the window what they ingested (their
     * SQLite files), what `stored()` counts (by default the same), and the CPU of their processes and `extraPids`.
     */
    const measure = async (
      on: DeskConsole[],
      watched: RunningSimulator[],
      stored?: () => Promise<number>,
      extraPids: number[] = [],
    ) => {
      const local = sqliteCounter(on.flatMap((c) => c.dirs.map(sqliteOf)));
      try {
        await poll(() => local.rows().every((n) => n > 0), {
          timeoutMs: 60_000,
          what: () => `every workspace ingesting\n${tails()}`,
        });
        await sleep(3_000); // the first second's burst of connections settles
        const count = async () => {
          const ingested = sum(local.rows());
          return [rowsSent(watched), ingested, stored ? await stored() : ingested, Date.now()];
        };
        const [sent0, local0, stored0, t0] = await count();
        const cpu = cpuMeter([...on.map((c) => c.pid), ...extraPids]);
        await sleep(WINDOW_MS);
        const [sent1, local1, stored1, t1] = await count();
        const perSec = (n: number) => Math.round((n / (t1 - t0)) * 1000);
        return {
          offered: perSec(sent1 - sent0),
          ingested: perSec(local1 - local0),
          stored: perSec(stored1 - stored0),
          duplicates: local1 - local0 - (stored1 - stored0),
          cpu: cpu(),
        };
      } finally {
        local.close();
      }
    };

    // ---------------------------------------------------------------- (d) one console on SQLite
    const solo = await startDeskConsole({ name: 'solo', database: 'sqlite', sources });
    consoles.push(solo);
    const alone = await measure([solo], sims);
    await solo.stop();

    // ---------------------------------------------------------------- (d) three consoles on PostgreSQL
    const maxConnections = Number(
      (await sql.query<{ max_connections: string }>('SHOW max_connections')).rows[0].max_connections,
    );
    const started = Date.now();
    const team = await Promise.all(
      Array.from({ length: CONSOLES }, (_, i) =>
        startDeskConsole({ name: String.fromCharCode(65 + i), database: url, sources: sources }),
      ),
    );
    consoles.push(...team);
    const startMs = Date.now() - started;
    const leaders = (w: number, on = team) => on.filter((c) => c.alive() && c.engine(w) === 'here');
    await poll(() => sources.every((_, w) => leaders(w).length === 1 && team.every((c) => c.engine(w))), {
      timeoutMs: 60_000,
      what: () => `one engine console per event\n${tails()}`,
    });
    const postmaster = cpuOf((await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid).ppid;
    const storedInPostgres = async () =>
      (
        await sql.query<{ n: number }>(
          'SELECT ((SELECT count(*) FROM team_chat) + (SELECT count(*) FROM team_health))::int AS n',
        )
      ).rows[0].n;
    const shared = await measure(team, sims, storedInPostgres, [-postmaster]);
    const connections = (await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity')).rows[0].n;
    console.log(
      `(d) ingest, rows (chat + health) per second over ${WINDOW_MS / 1000} s: one console on SQLite watching all ${EVENTS} ` +
        `events, then ${CONSOLES} consoles watching the same ${EVENTS} on PostgreSQL (started together in ` +
        `${(startMs / 1000).toFixed(1)} s), ${connections} connections to it, ` +
        `${(connections / CONSOLES).toFixed(1)} per console (a shared pool and feed, a lease per event), ` +
        `max_connections ${maxConnections}`,
    );
    const row = (store: string, events: number, consoles: number, r: typeof alone) => ({
      store,
      events,
      'sent/s': r.offered,
      'ingested/s per console': Math.round(r.ingested / consoles),
      'stored/s': r.stored,
      'stored/s per event': (r.stored / events).toFixed(1),
      'copies dropped (stored once)': r.duplicates,
      'console CPU %': r.cpu.each.slice(0, consoles).join(' '),
      'PostgreSQL CPU %': r.cpu.each[consoles] ?? '–',
      'machine CPU %': r.cpu.machine,
    });
    console.table([
      row('1 console, SQLite', EVENTS, 1, alone),
      row(`${CONSOLES} consoles, PostgreSQL`, EVENTS, CONSOLES, shared),
    ]);
    // Nothing lost: every row a console ingested is in PostgreSQL a second later (its copy flushes every 250 ms).
    const missing = await missingInPostgres(team, sql, EVENTS);
    ok.ingest = missing === 0;
    lines.push(
      `(d) target every row a console ingested (its SQLite file) in PostgreSQL a second later, per event: ` +
        `${missing} missing: ${ok.ingest ? 'ok' : 'MISSED'}`,
    );

    // ---------------------------------------------------------------- (e) an operator's action, seen elsewhere
    const A = 0;
    const opened = await team[0].invoke(A, 'incident.open', {
      kind: 'other',
      title: 'Bench: slides frozen',
      operator: 'bench',
    });
    if (!opened.ok) throw new Error(`incident.open on event ${A + 1}: ${opened.error}`);
    const incidentId = (opened.value as { id: string }).id;
    const actionsFrom = Date.now();
    const delays: number[] = [];
    const replies: Promise<ReplyLine>[] = [];
    const standby = team.filter((c) => c.engine(A) === 'standby');
    for (let i = 0; i < ACTIONS; i++) {
      const acting = standby[i % standby.length];
      const others = team.filter((c) => c !== acting);
      // Opened by hand, it is acknowledged already: investigate, mitigate, investigate, …
      const [action, status] = i % 2 ? ['mitigate', 'mitigated'] : ['investigate', 'investigating'];
      const sent = acting.send(A, 'incident.transition', { incidentId, action, operator: `op-${acting.name}` });
      const startedAt = await sent.took;
      replies.push(sent.reply);
      const seenAt = (c: DeskConsole) =>
        c.incidents[A].find((x) => x.id === incidentId && x.status === status && x.at >= startedAt)?.at;
      // Seen on the others, whatever the acting console answers (the reply is counted below).
      await poll(() => others.every((c) => seenAt(c) !== undefined), {
        timeoutMs: 10_000,
        intervalMs: 5,
        what: () => `${action} seen on the other consoles\n${tails()}`,
      });
      delays.push(...others.map((c) => seenAt(c)! - startedAt));
    }
    const unanswered = (await Promise.all(replies)).filter((r) => !r.ok);
    const unread = sum(
      team.map(
        (c) => c.logs.filter((l) => l.at >= actionsFrom && /could not read what the team changed/.test(l.line)).length,
      ),
    );
    const p95 = percentile(delays, 95);
    ok.deskAction = p95 < ACTION_TARGET_MS;
    lines.push(
      `(e) incident.transition on a standby console of event ${A + 1} (of ${EVENTS}, all ingesting) → incident.changed on the ` +
        `${CONSOLES - 1} other consoles, ${ACTIONS} actions, ${delays.length} observations: p50 ${percentile(delays, 50)} ms, ` +
        `p95 ${p95} ms, max ${Math.max(...delays)} ms; target p95 < ${ACTION_TARGET_MS} ms: ${ok.deskAction ? 'ok' : 'MISSED'}`,
      `(e) the acting console's reply: ${ACTIONS - unanswered.length} of ${ACTIONS} ok` +
        (unanswered.length
          ? `; ${unanswered.length} applied and shown everywhere, yet answered "${unanswered[0].error}"`
          : '') +
        `; meanwhile the consoles logged ${unread} × "could not read what the team changed" (workspaces of the other events)`,
    );

    // ---------------------------------------------------------------- (f) fail-over of an event's engine
    const F = EVENTS - 1;
    const playbooks = await team[0].invoke(F, 'playbook.list', {});
    const other = (playbooks.value as Playbook[]).find((p) => p.kind === 'other')!;
    const saved = await team[0].invoke(F, 'playbook.save', {
      playbook: { ...other, firstUpdateDeadlineMs: FIRST_UPDATE_MS },
    });
    if (!saved.ok) throw new Error(`playbook.save on ${team[0].name}: ${saved.error}`);
    // The team's playbook on every console before the incident opens: its deadline is the same everywhere.
    await poll(
      async () => {
        const all = await Promise.all(team.map((c) => c.invoke(F, 'playbook.list', {})));
        return all.every((r) =>
          (r.value as Playbook[]).some((p) => p.kind === 'other' && p.firstUpdateDeadlineMs === FIRST_UPDATE_MS),
        );
      },
      { timeoutMs: 10_000, what: "the team's playbook on every console" },
    );
    const holder = leaders(F)[0];
    const late = await holder.invoke(F, 'incident.open', {
      kind: 'other',
      title: 'Bench: no sound',
      operator: 'bench',
    });
    if (!late.ok) throw new Error(`incident.open on event ${F + 1}: ${late.error}`);
    const { id: lateId, openedAt } = late.value as { id: string; openedAt: number };
    // The event plays at 1×: its time is the wall clock's.
    const dueAt = openedAt + FIRST_UPDATE_MS;
    await sleep(Math.max(0, dueAt - KILL_BEFORE_DUE_MS - Date.now()));
    const led = sources.map((_, w) => w).filter((w) => holder.engine(w) === 'here');
    const survivors = team.filter((c) => c !== holder);
    // The time the signal goes, not when the exit is seen: survivors may take over before the parent hears of it.
    const killedAt = Date.now();
    await holder.kill();
    const alarmAt = await poll(
      () => Math.min(...survivors.map((c) => c.alarms[F].find((a) => a.incidentId === lateId)?.at ?? Infinity)),
      {
        until: (at) => at < Infinity,
        timeoutMs: 30_000,
        intervalMs: 10,
        what: () => `the alarm on a survivor\n${tails()}`,
      },
    );
    const hereAt = (w: number) =>
      Math.min(
        ...survivors.map((c) => c.engines[w].find((e) => e.engine === 'here' && e.at >= killedAt)?.at ?? Infinity),
      );
    await poll(() => led.every((w) => hereAt(w) < Infinity), {
      timeoutMs: 30_000,
      what: () => {
        const left = led.filter((w) => hereAt(w) === Infinity);
        const said = survivors.flatMap((c) =>
          c.logs.filter((l) => l.at >= killedAt && /engine|lease/.test(l.line)).map((l) => `${c.name} ${l.line}`),
        );
        const roles = left.flatMap((w) =>
          survivors.map((c) => `event ${w + 1} on ${c.name}: ${JSON.stringify(c.engines[w].slice(-5))}`),
        );
        return (
          `events ${left.map((w) => w + 1).join(', ')} of ${led.length} led by ${holder.name} still without an ` +
          `engine (killed at ${killedAt}); since the kill:\n  ${[...said, ...roles].join('\n  ')}`
        );
      },
    });
    const failover = alarmAt - killedAt;
    const raisedBeforeKill = holder.alarms[F].filter((a) => a.incidentId === lateId && a.at < killedAt).length;
    ok.deskFailover = failover <= FAILOVER_TARGET_MS && raisedBeforeKill === 0;
    lines.push(
      `(f) fail-over: SIGKILL of the console running event ${F + 1}'s engine (it led ${led.length} of the ${EVENTS} events) ` +
        `${KILL_BEFORE_DUE_MS} ms before its incident's first-update deadline (${FIRST_UPDATE_MS / 1000} s) fell due ` +
        `(raised there before the kill: ${raisedBeforeKill}) → the alarm raised on a survivor ` +
        `${failover} ms after the kill, ${alarmAt - dueAt} ms after it fell due (engine there after ${hereAt(F) - killedAt} ms; all ${led.length} events on ` +
        `survivors after ${Math.max(...led.map((w) => hereAt(w) - killedAt))} ms); target ≤ ${FAILOVER_TARGET_MS} ms: ` +
        `${ok.deskFailover ? 'ok' : 'MISSED'}`,
    );
  } finally {
    await Promise.all(consoles.map((c) => c.stop()));
    await Promise.all(sims.map((s) => s.close()));
    await sql.end();
  }
  return { lines, ok };
}

/**
 * Rows some console ingested that PostgreSQL does not hold a second later, summed over the events (workspace w
 * of every console watches event w, scenario `bench-event-<w+1>`). A row is stored once whoever sent it, so for
 * each event PostgreSQL holds at least as many as the console that ingested most.
 */
async function missingInPostgres(team: DeskConsole[], sql: pg.Pool, events: number): Promise<number> {
  const counters = team.map((c) => sqliteCounter(c.dirs.map(sqliteOf)));
  try {
    const local = counters.map((c) => c.rows());
    await sleep(1_000);
    const r = await sql.query<{ scenario: string; n: number }>(
      `SELECT s.scenario, sum((SELECT count(*) FROM team_chat c WHERE c.session_id = s.id)
        + (SELECT count(*) FROM team_health h WHERE h.session_id = s.id))::int AS n
      FROM team_sessions s GROUP BY s.scenario`,
    );
    const stored = new Map(r.rows.map((x) => [x.scenario, x.n]));
    const most = (w: number) => Math.max(...local.map((l) => l[w]));
    return sum(
      Array.from({ length: events }, (_, w) => Math.max(0, most(w) - (stored.get(benchScenarioName(w)) ?? 0))),
    );
  } finally {
    counters.forEach((c) => c.close());
  }
}
