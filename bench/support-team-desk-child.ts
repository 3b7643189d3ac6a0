/**
 * One console of an agency's control room, in a child process, for bench/team-desk.ts:
 *   node --import tsx bench/support-team-desk-child.ts <dataDir> <database> <source urls json>
 * `database` is a postgres://… URL (the team's) or `sqlite` (a console on its own). The console is a desk host
 * (desk/desk-host.ts, as the web console starts it): its main workspace watches the first socket.io source, and
 * one workspace is opened per further URL, as the desk's "open" does; workspace `w` watches `urls[w]`.
 * Then it reads one JSON command per line on stdin and writes one JSON line per fact on stdout, each stamped
 * `at` with this console's clock:
 *   in:  {"ref": n, "w": i, "invoke": name, "args": …} → a command of the contract on workspace i
 *   out: {"ready": consoleId, "dirs": [data folder of workspace i]}
 *        {"took": ref} as it takes the command, then {"reply": ref, startedAt, ok, value | error}
 *        {"w": i, "event": "incident.changed", incident: {id, kind, status}}
 *        {"w": i, "event": "incident.deadlineMissed", alarm}  {"w": i, "event": "outbox.changed", entry: {id, status}}
 *        {"w": i, "event": "team.changed", engine, reachable, ingestWaiting}  {"log": line}
 * Stdin closing closes every workspace and exits; the bench kills it with SIGKILL instead for the fail-over.
 *
 * The parent's side is below the child's: startDeskConsole() spawns one and reads its lines.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { CommandName, DeadlineAlarm, IncidentView, TeamState } from '../shared/contract';
import type { OutboxEntryView } from '../shared/domain/broadcast/outbox-entry';
import { openDeskHost } from '../electron/main/services/desk/desk-host';
import { inMemoryTransport } from '../tests/support/in-memory-transport';
import { tempDir } from '../tests/support/temp-dir';
import { childLifecycle } from '../tests/support/child-lifecycle';

type IncidentLine = Pick<IncidentView, 'id' | 'kind' | 'status'> & { at: number };
type AlarmLine = DeadlineAlarm & { at: number };
interface EngineLine {
  engine?: TeamState['engine'];
  at: number;
}
export interface ReplyLine {
  reply: number;
  startedAt: number;
  at: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}
type WorkspaceLine = { w: number; at: number } & (
  | { event: 'incident.changed'; incident: Omit<IncidentLine, 'at'> }
  | { event: 'incident.deadlineMissed'; alarm: DeadlineAlarm }
  | { event: 'outbox.changed'; entry: Pick<OutboxEntryView, 'id' | 'status'> }
  | { event: 'team.changed'; engine?: TeamState['engine']; reachable: boolean; ingestWaiting?: number }
);
type ConsoleLine = { at: number } & (
  { ready: string; dirs: string[] } | { took: number } | ReplyLine | { log: string } | WorkspaceLine
);

// ---------------------------------------------------------------- the child

const out = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ ...line, at: Date.now() })}\n`);

async function main(dataDir: string, database: string, urls: string[]) {
  const desk = await openDeskHost({
    dataDir,
    mode: 'web',
    version: 'bench',
    database,
    source: { kind: 'url', url: urls[0] },
    log: (line) => out({ log: line }),
  });
  for (const url of urls.slice(1)) await desk.open({ kind: 'url', url });
  const workspaces = desk.workspaces();
  const transports = workspaces.map(({ onair }, w) => {
    const team = ({ engine, reachable, ingestWaiting }: TeamState) =>
      out({ w, event: 'team.changed', engine, reachable, ingestWaiting });
    onair.hub.subscribe((name, payload) => {
      if (name === 'incident.changed') {
        const { id, kind, status } = payload as IncidentView;
        out({ w, event: name, incident: { id, kind, status } });
      } else if (name === 'incident.deadlineMissed') out({ w, event: name, alarm: payload });
      else if (name === 'outbox.changed') {
        const { id, status } = payload as OutboxEntryView;
        out({ w, event: name, entry: { id, status } });
      } else if (name === 'team.changed') team(payload as TeamState);
    });
    // Whatever the lease decided while the later workspaces opened: told before the hub's next change.
    if (onair.info.team) team(onair.info.team);
    return inMemoryTransport(onair.dispatcher, onair.hub);
  });
  out({
    ready: desk.main.info.team?.consoleId ?? 'sqlite',
    dirs: workspaces.map((x) => x.onair.info.dataDir),
  });

  const run = async (c: { ref: number; w: number; invoke: CommandName; args: unknown }): Promise<void> => {
    const startedAt = Date.now();
    out({ took: c.ref });
    const invoke = transports[c.w].invoke as (name: string, args: unknown) => Promise<unknown>;
    try {
      out({ reply: c.ref, startedAt, ok: true, value: await invoke(c.invoke, c.args) });
    } catch (error) {
      out({ reply: c.ref, startedAt, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => void run(JSON.parse(line) as Parameters<typeof run>[0]));
  lines.on('close', () => void desk.closeAll().finally(() => process.exit(0)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  void main(process.argv[2], process.argv[3], JSON.parse(process.argv[4]) as string[]);

// ---------------------------------------------------------------- the parent's side

const ROOT = resolve(import.meta.dirname, '..');
const CHILD = fileURLToPath(import.meta.url);
/** Twenty workspaces open one after the other, each a whole Onair: on two busy cores that takes a while. */
const READY_MS = 180_000;

export interface DeskConsole {
  name: string;
  pid: number;
  /** As the team names it; 'sqlite' for a console on its own. */
  consoleId: string;
  /** Each workspace's data folder (its SQLite file is `onair.sqlite` there). */
  dirs: string[];
  /** Per workspace, in the order this console's hubs emitted them. */
  incidents: IncidentLine[][];
  alarms: AlarmLine[][];
  engines: EngineLine[][];
  /** Every line the app logged, with when. */
  logs: { line: string; at: number }[];
  /** A command of the contract on workspace `w`; the reply carries when the child took it. */
  invoke(w: number, name: CommandName, args: unknown): Promise<ReplyLine>;
  /** The same, told as soon as the child took it (its clock), before the reply. */
  send(w: number, name: CommandName, args: unknown): { took: Promise<number>; reply: Promise<ReplyLine> };
  /** The engine role workspace `w` last reported (undefined before the lease was decided). */
  engine(w: number): TeamState['engine'];
  alive(): boolean;
  kill(): Promise<void>;
  stop(): Promise<void>;
  tail(n?: number): string;
}

export async function startDeskConsole(o: { name: string; database: string; sources: string[] }): Promise<DeskConsole> {
  const dataDir = tempDir('onair-desk-');
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, o.database, JSON.stringify(o.sources)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const raw: string[] = [];
  const perWorkspace = <T>() => o.sources.map((): T[] => []);
  const incidents = perWorkspace<IncidentLine>();
  const alarms = perWorkspace<AlarmLine>();
  const engines = perWorkspace<EngineLine>();
  const logs: { line: string; at: number }[] = [];
  const replies = new Map<number, (r: ReplyLine) => void>();
  const took = new Map<number, (at: number) => void>();
  let ready: ((r: { id: string; dirs: string[] }) => void) | undefined;
  const readyLine = new Promise<{ id: string; dirs: string[] }>((r) => (ready = r));
  createInterface({ input: child.stdout }).on('line', (text) => {
    raw.push(text);
    if (raw.length > 2000) raw.splice(0, 1000);
    let line: ConsoleLine;
    try {
      line = JSON.parse(text) as ConsoleLine;
    } catch {
      return; // a stray line (a library's warning): kept in the tail, not a fact
    }
    if ('ready' in line) ready?.({ id: line.ready, dirs: line.dirs });
    else if ('took' in line) took.get(line.took)?.(line.at);
    else if ('reply' in line) replies.get(line.reply)?.(line);
    else if ('log' in line) logs.push({ line: line.log, at: line.at });
    else if (line.event === 'incident.changed') incidents[line.w].push({ ...line.incident, at: line.at });
    else if (line.event === 'incident.deadlineMissed') alarms[line.w].push({ ...line.alarm, at: line.at });
    else if (line.event === 'team.changed') engines[line.w].push({ engine: line.engine, at: line.at });
  });
  createInterface({ input: child.stderr }).on('line', (text) => raw.push(`stderr: ${text}`));
  child.stdin.on('error', () => undefined); // writing to a console the bench just killed
  const { exited, alive, kill, stop } = childLifecycle(child, 10_000);
  const tail = (n = 30) => `${o.name}:\n  ${raw.slice(-n).join('\n  ')}`;

  let timer: NodeJS.Timeout | undefined;
  const { id, dirs } = await Promise.race([
    readyLine,
    exited.then(() => Promise.reject(new Error(`console ${o.name} exited before it was ready\n${tail()}`))),
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`console ${o.name} not ready within ${READY_MS} ms\n${tail()}`)),
        READY_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));

  let refs = 0;
  const send = (w: number, name: CommandName, args: unknown) => {
    const ref = ++refs;
    const r = {
      took: new Promise<number>((resolve) => took.set(ref, resolve)),
      reply: new Promise<ReplyLine>((resolve) => replies.set(ref, resolve)),
    };
    child.stdin.write(`${JSON.stringify({ ref, w, invoke: name, args })}\n`);
    return r;
  };
  return {
    name: o.name,
    pid: child.pid!,
    consoleId: id,
    dirs,
    incidents,
    alarms,
    engines,
    logs,
    send,
    invoke: (w, name, args) => send(w, name, args).reply,
    engine: (w) => engines[w].at(-1)?.engine,
    alive,
    kill,
    stop,
    tail,
  };
}

/** The SQLite file of a workspace's data folder. */
export const sqliteOf = (dir: string) => join(dir, 'onair.sqlite');
