/**
 * One console, several live events: an agency's control room. Each event is a workspace of its own, a whole
 * Onair (createOnair) with its own data folder, SQLite file, sources, incidents, playbooks, silence timers,
 * channels and status page, so one event's trouble (a flood, a dead source) never reaches another's. The
 * console starts with its main workspace in its own data folder; the others live in `events/<id>/` and are
 * listed in `desk.json`, so a restart watches them all again.
 *
 * The desk is every workspace's line (`deskLine`), and in a team the events other consoles watch
 * (`teamEvents`). Every second it is read again, and when it changed, `desk.changed` goes out on every
 * workspace's hub: each window shows the whole desk, whichever event it is open on.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, Disposable } from '../../../../shared/clock';
import type { DeskEvent, DeskSource } from '../../../../shared/contract';
import { inDeskOrder } from '../../../../shared/domain/desk';
import { systemClock } from '../clock';
import { fail } from '../dispatch';
import { MAIN_WORKSPACE, type DeskPort } from '../handlers/desk-handlers';
import { createOnair, type Onair, type OnairOptions } from '../onair';
import { nodeSecretBox } from '../secrets/secret-box';
import type { SourceChoice } from '../source-control';
import { teamDatabaseUrl } from '../team/team-database-setting';
import { openTeamLink } from '../team/team-link';
import { messageOf } from '../../../../shared/error-message';

interface Workspace {
  id: string;
  onair: Onair;
}

export interface DeskHost {
  main: Onair;
  workspace(id: string): Onair | undefined;
  workspaces(): Workspace[];
  list(): Promise<DeskEvent[]>;
  open(source: DeskSource): Promise<DeskEvent>;
  close(id: string): Promise<void>;
  /** Called with the workspace's id when one closes, so its windows can be told. */
  onClosed(cb: (id: string) => void): void;
  closeAll(): Promise<void>;
}

export interface DeskHostOptions extends Omit<OnairOptions, 'desk' | 'source' | 'database'> {
  /** The team database as a connection string or 'sqlite' (createOnair's `database`); the desk opens its link. */
  database?: string;
  /** What the main workspace watches (createOnair's default without). */
  source?: SourceChoice;
}

const DESK_REFRESH_MS = 1000;
/** An agency's day is a dozen webinars; past this many, a second console is the better control room. */
const MAX_WORKSPACES = 30;

interface DeskFile {
  events: { id: string; source: DeskSource }[];
}

const choiceOf = (s: DeskSource): SourceChoice => (s.kind === 'simulator' ? { ...s, loop: true } : s);

export async function openDeskHost(o: DeskHostOptions): Promise<DeskHost> {
  const clock: Clock = o.clock ?? systemClock;
  const log = o.log ?? ((line: string) => console.log(line));
  const deskFile = join(o.dataDir, 'desk.json');
  const others = new Map<string, Onair>();
  const closedListeners: ((id: string) => void)[] = [];
  let shown = '';

  const port: DeskPort = {
    list: () => list(),
    open: (source) => open(source),
    close: (id) => close(id),
  };

  // One key and one team link for the whole desk, in the main data folder (a given team URL is sealed there for
  // next time): each workspace shares the link's connections.
  const secretBox = o.secretBox ?? nodeSecretBox(join(o.dataDir, 'secret.key'));
  const teamUrl = teamDatabaseUrl({
    dataDir: o.dataDir,
    box: secretBox,
    given: o.database ?? process.env.ONAIR_DATABASE,
  });
  const link = teamUrl ? await openTeamLink({ url: teamUrl, clock, log }) : undefined;
  const database = link ?? 'sqlite';
  const main = await createOnair({ ...o, secretBox, desk: port, database }).catch(async (err: unknown) => {
    await link?.close();
    throw err;
  });

  function save(): void {
    const file: DeskFile = {
      events: [...others].flatMap(([id, w]) => {
        const source = w.source.watched();
        return source ? [{ id, source }] : [];
      }),
    };
    writeFileSync(`${deskFile}.tmp`, JSON.stringify(file, null, 2), { mode: 0o600 });
    renameSync(`${deskFile}.tmp`, deskFile);
  }

  async function start(id: string, source: DeskSource): Promise<Onair> {
    const dataDir = join(o.dataDir, 'events', id);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const onair = await createOnair({
      ...o,
      dataDir,
      source: choiceOf(source),
      desk: port,
      secretBox,
      database,
      // The main workspace keeps the ports it was given; the others take any free one.
      simulatorPort: 0,
      statusPagePort: 0,
      unsubscribePort: 0,
      log: (line) => log(`[${id}] ${line}`),
    });
    others.set(id, onair);
    return onair;
  }

  async function list(): Promise<DeskEvent[]> {
    const here: DeskEvent[] = [
      { id: MAIN_WORKSPACE, where: 'here', ...main.deskLine() },
      ...[...others].map(([id, w]): DeskEvent => ({ id, where: 'here', ...w.deskLine() })),
    ];
    // In a team, the events other consoles run and this one does not watch.
    const keys = new Set([main, ...others.values()].map((w) => w.eventKey()));
    const elsewhere: DeskEvent[] =
      (await main.teamDesk?.(keys).catch((err: unknown) => {
        log(`desk: the team's events could not be read (${messageOf(err)})`);
        return [];
      })) ?? [];
    return [...inDeskOrder(here), ...inDeskOrder(elsewhere)];
  }

  async function refresh(): Promise<void> {
    const events = await list();
    // The lines carry their own read time: compare without it, or every second would be a change.
    const now = JSON.stringify(events.map(({ updatedAt: _, ...e }) => e));
    if (now === shown) return;
    shown = now;
    for (const w of [main, ...others.values()]) w.hub.emit('desk.changed', events);
  }

  async function open(source: DeskSource): Promise<DeskEvent> {
    if (others.size + 1 >= MAX_WORKSPACES)
      fail('conflict', `This console already watches ${MAX_WORKSPACES} events: open more on another console.`);
    const id = randomUUID().slice(0, 8);
    let onair: Onair;
    try {
      onair = await start(id, source);
    } catch (err) {
      fail('unavailable', `The event could not be opened: ${messageOf(err)}`);
    }
    save();
    log(`desk: watching one more event (${id})`);
    void refresh();
    return { id, where: 'here', ...onair.deskLine() };
  }

  async function close(id: string): Promise<void> {
    const w = others.get(id);
    if (!w) fail(id === MAIN_WORKSPACE ? 'conflict' : 'not-found', closeRefusal(id));
    others.delete(id);
    save();
    for (const cb of closedListeners) cb(id);
    await w.close();
    void refresh();
  }

  // The events the desk watched before the restart, each in its own folder.
  if (existsSync(deskFile)) {
    const { events } = JSON.parse(readFileSync(deskFile, 'utf8')) as DeskFile;
    for (const e of events)
      await start(e.id, e.source).catch((err: unknown) => log(`desk: event ${e.id} not reopened (${messageOf(err)})`));
  }

  let timer: Disposable | undefined;
  let closing = false;
  const tick = () => {
    if (closing) return;
    timer = clock.setTimer(
      DESK_REFRESH_MS,
      () =>
        void refresh()
          .catch(() => undefined)
          .finally(tick),
    );
  };
  tick();
  return {
    main,
    workspace: (id) => (id === MAIN_WORKSPACE ? main : others.get(id)),
    workspaces: () => [{ id: MAIN_WORKSPACE, onair: main }, ...[...others].map(([id, onair]) => ({ id, onair }))],
    list,
    open,
    close,
    onClosed: (cb) => void closedListeners.push(cb),
    async closeAll() {
      closing = true;
      timer?.dispose();
      for (const w of others.values()) await w.close();
      others.clear();
      await main.close();
      await link?.close();
    },
  };
}

const closeRefusal = (id: string) =>
  id === MAIN_WORKSPACE
    ? "The console's own event cannot be closed from the desk: switch its source instead."
    : `No event ${id} on this console.`;
