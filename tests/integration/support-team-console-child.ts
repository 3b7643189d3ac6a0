/**
 * One real console of a team, in a child process, for team-outbox.test.ts, team-engine.test.ts and
 * bench/team.bench.ts:
 *   node --import tsx tests/integration/support-team-console-child.ts <dataDir> <database> <channels json> [source]
 * `database` is a postgres://… URL (the team's outbox) or `sqlite` (a console on its own); the channels JSON
 * names the local peer behind each channel, e.g. `{"webhook":"http://127.0.0.1:…","slack":"http://127.0.0.1:…"}`.
 *
 * The app (createOnair, as the web console starts it) watches the socket.io source at the `source` URL, or
 * without one its own embedded simulator; each named channel is configured and enabled through the contract,
 * as the settings screen does. Then it reads one JSON command per line on stdin and writes one JSON line per
 * fact on stdout, each stamped `at` with this console's clock:
 *   in:  {"enqueue": [drafts]} → onair.outbox.enqueue;  {"retry": id} | {"skip": id} → the dispatcher (the
 *        buttons);  {"list": true} → outbox.list, as a screen loads it (ids and statuses);
 *        {"invoke": name, "args": …} → any command of the contract, as the console's screens send it
 *   out: {"ready": consoleId}  {"reply": "enqueue"|"retry"|"skip"|"list"|"invoke", ref, startedAt, ok, value | error}
 *        {"event": "outbox.changed", entry}  {"event": "team.changed", team}
 *        {"event": "incident.changed", incident}  {"event": "incident.deadlineMissed", alarm}  {"log": line}
 * Every one of those events the hub emits is printed, so the parent sees what reached this console and when.
 * Stdin closing (the parent is done or gone) closes the app and exits; the tests kill it with SIGKILL instead.
 *
 * The parent's side is below the child's: startTeamConsole() spawns one and reads its lines, and
 * startChannelPeer() is a platform that can hold its answers and counts what it published.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DeliveryStatus } from '../../shared/channels';
import type {
  CommandName as ContractCommand,
  DeadlineAlarm,
  IncidentView,
  TeamState,
  Transport,
} from '../../shared/contract';
import type { OutboxDraft, OutboxEntryView } from '../../shared/domain/broadcast/outbox-entry';
import { createOnair } from '../../electron/main/services/onair';
import { startPeer, type Reply } from '../support/http-peer';
import { inMemoryTransport } from '../support/in-memory-transport';
import { tempDir } from '../support/temp-dir';
import { credentialsFor, type HttpChannel } from './support-outbox-child';
import { childLifecycle } from '../support/child-lifecycle';

export type TeamChannel = Extract<HttpChannel, 'webhook' | 'slack'>;
export type EntryLine = Pick<
  OutboxEntryView,
  'id' | 'idempotencyKey' | 'channel' | 'status' | 'attempts' | 'lastError'
>;
type CommandName = 'enqueue' | 'retry' | 'skip' | 'list' | 'invoke';
export interface ReplyLine {
  reply: CommandName;
  ref: number;
  startedAt: number;
  at: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}
export type ChangeLine = EntryLine & { at: number };
/** What the parent keeps of an incident.changed: enough to tell incidents, their state and their updates apart. */
export type IncidentLine = Pick<IncidentView, 'id' | 'kind' | 'status' | 'sessionId' | 'openedAt' | 'rounds'> & {
  lastUpdateAt?: number;
  at: number;
};
export type AlarmLine = DeadlineAlarm & { at: number };
type ConsoleLine = { at: number } & (
  | { ready: string }
  | ReplyLine
  | { event: 'outbox.changed'; entry: EntryLine }
  | { event: 'team.changed'; team: TeamState }
  | { event: 'incident.changed'; incident: Omit<IncidentLine, 'at'> }
  | { event: 'incident.deadlineMissed'; alarm: DeadlineAlarm }
  | { log: string }
);
export type ConsoleCommand =
  | { enqueue: OutboxDraft[] }
  | { retry: number }
  | { skip: number; reason?: string }
  | { list: true }
  | { invoke: ContractCommand; args: unknown };

// ---------------------------------------------------------------- the child

const out = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ ...line, at: Date.now() })}\n`);

async function main(
  dataDir: string,
  database: string,
  channels: Partial<Record<TeamChannel, string>>,
  sourceUrl?: string,
) {
  const onair = await createOnair({
    dataDir,
    mode: 'web',
    version: 'test',
    database,
    log: (line) => out({ log: line }),
    // Without a source: the embedded simulator's calm time line, a source of its own, and no incident to
    // distract the outbox.
    source: sourceUrl ? { kind: 'url', url: sourceUrl } : { kind: 'simulator', scenario: 'calm', speed: 1, loop: true },
  });
  onair.hub.subscribe((name, payload) => {
    if (name === 'outbox.changed') {
      const { id, idempotencyKey, channel, status, attempts, lastError } = payload as OutboxEntryView;
      out({ event: name, entry: { id, idempotencyKey, channel, status, attempts, lastError } });
    } else if (name === 'team.changed') out({ event: name, team: payload });
    else if (name === 'incident.changed') {
      const { id, kind, status, sessionId, openedAt, rounds, lastUpdateAt } = payload as IncidentView;
      out({ event: name, incident: { id, kind, status, sessionId, openedAt, rounds, lastUpdateAt } });
    } else if (name === 'incident.deadlineMissed') out({ event: name, alarm: payload });
  });
  const t = inMemoryTransport(onair.dispatcher, onair.hub);
  for (const [channel, url] of Object.entries(channels) as [TeamChannel, string][])
    await t.invoke('channel.configure', { channel, enabled: true, credentials: credentialsFor(channel, url) });
  out({ ready: onair.info.team?.consoleId ?? 'sqlite' });

  const run = async (c: ConsoleCommand & { ref: number }): Promise<void> => {
    const startedAt = Date.now();
    const [reply, work]: [CommandName, () => Promise<unknown>] =
      'enqueue' in c
        ? ['enqueue', async () => (await onair.outbox.enqueue(c.enqueue)).map((e) => e.id)]
        : 'retry' in c
          ? ['retry', () => t.invoke('outbox.retry', { id: c.retry })]
          : 'skip' in c
            ? ['skip', () => t.invoke('outbox.skip', { id: c.skip, reason: c.reason ?? 'checked by the operator' })]
            : 'invoke' in c
              ? ['invoke', () => (t.invoke as (name: string, args: unknown) => Promise<unknown>)(c.invoke, c.args)]
              : ['list', async () => (await t.invoke('outbox.list', {})).map(({ id, status }) => ({ id, status }))];
    try {
      out({ reply, ref: c.ref, startedAt, ok: true, value: await work() });
    } catch (error) {
      out({ reply, ref: c.ref, startedAt, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => void run(JSON.parse(line) as ConsoleCommand & { ref: number }));
  lines.on('close', () => void onair.close().finally(() => process.exit(0)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  void main(
    process.argv[2],
    process.argv[3],
    JSON.parse(process.argv[4]) as Partial<Record<TeamChannel, string>>,
    process.argv[5],
  );

// ---------------------------------------------------------------- the parent's side

const ROOT = resolve(import.meta.dirname, '../..');
const CHILD = fileURLToPath(import.meta.url);

export interface TeamConsole {
  name: string;
  /** As the team's claims name it (outbox_entries.claimed_by); 'sqlite' for a console on its own. */
  consoleId: string;
  /** Every outbox.changed this console's hub emitted, in order, with its clock's time. */
  changes: ChangeLine[];
  teamStates: TeamState[];
  /** When each team.changed came (teamStates[i] at teamStatesAt[i]). */
  teamStatesAt: number[];
  /** Every incident.changed and incident.deadlineMissed this console's hub emitted, in order. */
  incidents: IncidentLine[];
  alarms: AlarmLine[];
  /** A command of the contract, through this console's dispatcher (on standby, handed to the engine's console). */
  invoke: Transport['invoke'];
  /** When this console first saw entry `id` in `status` (at or after `since`). */
  sawAt(id: number, status: DeliveryStatus, since?: number): number | undefined;
  send(command: ConsoleCommand): Promise<ReplyLine>;
  alive(): boolean;
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
  /** Closes stdin (the app shuts down cleanly), SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** The last lines it wrote, for failure messages. */
  tail(n?: number): string;
}

export async function startTeamConsole(o: {
  name: string;
  database: string;
  channels: Partial<Record<TeamChannel, string>>;
  /** A socket.io source to watch (an external simulator); the embedded calm simulator without. */
  source?: string;
}): Promise<TeamConsole> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      CHILD,
      tempDir('onair-team-'),
      o.database,
      JSON.stringify(o.channels),
      ...(o.source ? [o.source] : []),
    ],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const raw: string[] = [];
  const changes: ChangeLine[] = [];
  const teamStates: TeamState[] = [];
  const teamStatesAt: number[] = [];
  const incidents: IncidentLine[] = [];
  const alarms: AlarmLine[] = [];
  const replies = new Map<number, (r: ReplyLine) => void>();
  let ready: ((id: string) => void) | undefined;
  const readyId = new Promise<string>((r) => (ready = r));
  createInterface({ input: child.stdout }).on('line', (text) => {
    raw.push(text);
    let line: ConsoleLine;
    try {
      line = JSON.parse(text) as ConsoleLine;
    } catch {
      return; // a stray line (a library's warning): kept in the tail, not a fact
    }
    if ('ready' in line) ready?.(line.ready);
    else if ('reply' in line) replies.get(line.ref)?.(line);
    else if ('event' in line && line.event === 'outbox.changed') changes.push({ ...line.entry, at: line.at });
    else if ('event' in line && line.event === 'incident.changed') incidents.push({ ...line.incident, at: line.at });
    else if ('event' in line && line.event === 'incident.deadlineMissed') alarms.push({ ...line.alarm, at: line.at });
    else if ('event' in line) {
      teamStates.push(line.team);
      teamStatesAt.push(line.at);
    }
  });
  createInterface({ input: child.stderr }).on('line', (text) => raw.push(`stderr: ${text}`));
  child.stdin.on('error', () => undefined); // writing to a console the test just killed
  const { exited, alive, kill, stop } = childLifecycle(child, 5_000);
  const tail = (n = 30) => `${o.name}:\n  ${raw.slice(-n).join('\n  ')}`;

  let timer: NodeJS.Timeout | undefined;
  const consoleId = await Promise.race([
    readyId,
    exited.then(() => Promise.reject(new Error(`console ${o.name} exited before it was ready\n${tail()}`))),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`console ${o.name} not ready within 30 s\n${tail()}`)), 30_000);
    }),
  ]).finally(() => clearTimeout(timer));

  let refs = 0;
  const send = (command: ConsoleCommand) => {
    const ref = ++refs;
    const answered = new Promise<ReplyLine>((r) => replies.set(ref, r));
    child.stdin.write(`${JSON.stringify({ ...command, ref })}\n`);
    return answered;
  };
  return {
    name: o.name,
    consoleId,
    changes,
    teamStates,
    teamStatesAt,
    incidents,
    alarms,
    sawAt: (id, status, since = 0) => changes.find((c) => c.id === id && c.status === status && c.at >= since)?.at,
    send,
    async invoke(name, args) {
      const r = await send({ invoke: name, args });
      if (!r.ok) throw new Error(`${o.name}: ${name} failed: ${r.error}`);
      return r.value as never;
    },
    alive,
    kill,
    stop,
    tail,
  };
}

/** What reached a platform: the post's id is its Idempotency-Key on the webhook, its `(post …)` tag elsewhere. */
export interface Arrival {
  post: string;
  at: number;
}

export interface ChannelPeer {
  channel: TeamChannel;
  url: string;
  arrivals: Arrival[];
  /** Answers that said 2xx: what the platform published if it commits a post when it answers. */
  accepted: Arrival[];
  /** Holds each answer until the promise it returns settles (undefined: answer at once). Set freely. */
  hold: (a: Arrival) => Promise<void> | undefined;
  /** Posts answered 400 (a post the platform refuses: the entry fails for the operator). */
  refuse: Set<string>;
  close(): Promise<void>;
}

/** Every draft's text carries its key as `(post <key>)`, so a keyless platform's body still names the post. */
export const tagged = (key: string, text: string) => `${text} (post ${key})`;
const postOf = (headers: Record<string, string | string[] | undefined>, body: string) =>
  (headers['idempotency-key'] as string | undefined) ?? /\(post ([^)\s]+)\)/.exec(body)?.[1] ?? 'untagged';

const ANSWER: Record<TeamChannel, Exclude<Reply, 'hang' | 'close'>> = {
  webhook: { status: 200 },
  slack: { status: 200, body: 'ok' },
};

export async function startChannelPeer(channel: TeamChannel): Promise<ChannelPeer> {
  const p: Omit<ChannelPeer, 'url' | 'close'> = {
    channel,
    arrivals: [],
    accepted: [],
    hold: () => undefined,
    refuse: new Set(),
  };
  const answer = (a: Arrival): Reply => {
    if (p.refuse.has(a.post)) return { status: 400, body: 'refused by the test' };
    p.accepted.push({ post: a.post, at: Date.now() });
    return ANSWER[channel];
  };
  const peer = await startPeer((req) => {
    const a = { post: postOf(req.headers, req.body), at: Date.now() };
    p.arrivals.push(a);
    const held = p.hold(a);
    return held ? held.then(() => answer(a)) : answer(a);
  });
  return Object.assign(p, { url: peer.url, close: () => peer.close() });
}
