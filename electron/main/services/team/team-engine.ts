/**
 * Where the incident engine of the watched event runs in a team: on the console holding the event's lease
 * (postgres/engine-lease.ts, keyed by the session id, which every console watching the same source derives
 * alike). This module
 * - holds the lease for the session ingest is on, and tells the incident service whether it leads;
 * - on the holder, copies every incident and public update the engine stores to the team database, behind a
 *   queue: while the database is away the writes wait (and the console says how many), then go in order; a
 *   queue the lease was lost under is dropped, since the console that took over is the event's truth now;
 *   an update's posts go to the team's outbox only once what was queued before them is there (`guardingOutbox`);
 * - on a standby console, copies what the holder wrote into the local store as the team feed announces it,
 *   and shows it;
 * - when the lease comes here, first brings the local store up to what the team database holds, then resumes
 *   the engine from it (IncidentService.takeOver), so the deadlines keep firing where the last holder left off;
 * - hands the operator commands that change an incident (`FORWARDED`), taken on a standby console, to the
 *   engine's console through the team database, and answers with that console's reply: an action taken
 *   anywhere is applied once, by the engine, and every console shows its result. A command whose engine's
 *   console died running it is answered by the console taking the lease over: with an error, to check first.
 */
import type { Clock, Disposable } from '../../../../shared/clock';
import type { BroadcastRoundView } from '../../../../shared/domain/broadcast/broadcast-round';
import type { Incident } from '../../../../shared/domain/incident';
import type { IncidentsRepo } from '../db/incidents-repo';
import type { RoundsRepo } from '../db/rounds-repo';
import type { SessionsRepo } from '../db/sessions-repo';
import type { CommandName, Reply } from '../../../../shared/contract';
import type { Dispatcher } from '../dispatch';
import type { OutboxStore } from '../outbox/outbox-store';
import type { IncidentService } from '../incidents/incident-service';
import { holdEngineLease, type EngineLease, type LeaseState } from '../postgres/engine-lease';
import type { TeamCommandsStore } from '../postgres/team-commands-store';
import type { Fence, StoredIncident, TeamIncidentsStore } from '../postgres/team-incidents-store';
import { messageOf } from '../../../../shared/error-message';

type EngineRole = 'here' | 'standby';

export interface TeamEngine {
  /** Whether the engine runs on this console now. */
  leads(): boolean;
  /** The incidents repo the incident service uses: saving also copies to the team database. */
  publishing(incidents: IncidentsRepo): IncidentsRepo;
  /** The rounds repo the broadcast service uses: inserting also copies to the team database. */
  publishingRounds(rounds: RoundsRepo): RoundsRepo;
  /**
   * The outbox store the outbox uses: while the engine is here, posts are stored only once what the engine
   * queued before them for the team database (the post's round above all) is there, or cannot go now.
   */
  guardingOutbox(store: OutboxStore): OutboxStore;
  /**
   * The dispatcher the consoles talk to: on standby, the commands that change an incident go to the engine's
   * console; everything else, and everything while the engine is here, to `local`.
   */
  forwarding(local: Dispatcher): Dispatcher;
  /** Ingest started (or resumed) session `id`: compete for its engine. */
  watch(sessionId: string): void;
  /** The team feed announced `change` (`incident:<id>`, `round:<id>`, `command:<id>`, `reply:<id>`); undefined: re-read everything. */
  changed(change?: string): void;
  close(): Promise<void>;
}

export interface TeamEngineDeps {
  url: string;
  consoleId: string;
  store: TeamIncidentsStore;
  commands: TeamCommandsStore;
  /** The local store, written directly (not through `publishing`) when copying the holder's writes. */
  local: { incidents: IncidentsRepo; rounds: RoundsRepo; sessions: Pick<SessionsRepo, 'byId' | 'upsert' | 'end'> };
  /** The incident service, as far as the engine drives it: showing a copied incident, resuming on take-over. */
  incidents: () => Pick<IncidentService, 'mirrored' | 'takeOver'>;
  clock: Clock;
  onRole(role: EngineRole, waiting: number): void;
  log: (line: string) => void;
}

const FLUSH_RETRY_MS = 1000;
/** The commands that change an incident: on standby they run on the engine's console. */
const FORWARDED: ReadonlySet<CommandName> = new Set<CommandName>([
  'incident.open',
  'incident.transition',
  'incident.keepOpen',
  'broadcast.send',
]);
/** How long a standby console waits for the engine's console to answer a command. */
const FORWARD_TIMEOUT_MS = 10_000;
/** The answer to a command whose engine's console died after claiming it, given by the console taking over. */
const ABANDONED: Reply<unknown> = {
  ok: false,
  error: {
    code: 'unavailable',
    message:
      "The console running this event's engine stopped while taking this action. Check the incident before you try again: it may have been taken.",
  },
};

type Write =
  { kind: 'incident'; incident: Incident; sessionId: string | null } | { kind: 'round'; round: BroadcastRoundView };
const keyOf = (w: Write) => (w.kind === 'incident' ? `i:${w.incident.id}` : `r:${w.round.incidentId}:${w.round.round}`);

export function createTeamEngine(d: TeamEngineDeps): TeamEngine {
  let sessionId: string | undefined;
  let lease: EngineLease | undefined;
  let role: EngineRole = 'standby';
  /** Writes waiting for the team database, oldest first; a newer write of the same thing replaces its value. */
  const queue = new Map<string, Write>();
  /** Per thing written: the count of the write queued last, and of the newest one the team database holds. */
  const queuedAt = new Map<string, number>();
  const storedAt = new Map<string, number>();
  let writes = 0;
  let flushing = false;
  let pass: Promise<void> = Promise.resolve();
  let retry: Disposable | undefined;
  let closed = false;
  let localDispatcher: Dispatcher | undefined;
  /** Commands handed to the engine's console, waiting for its reply. */
  const waiting = new Map<number, (reply: Reply<unknown>) => void>();
  let running = false;
  /** A command was announced while a pass ran: claim again when it ends. */
  let runAgain = false;
  /** The lease (session and epoch) under which the commands a dead holder left claimed were answered last. */
  let swept: string | undefined;
  const leaseOf = (f: Fence) => `${f.key}#${f.epoch}`;

  const report = () => d.onRole(role, queue.size);

  function fence(): Fence | undefined {
    const s = lease?.state();
    return sessionId && s?.held && s.epoch !== undefined ? { key: sessionId, epoch: s.epoch } : undefined;
  }

  function enqueue(w: Write): void {
    if (role !== 'here') return;
    const key = keyOf(w);
    queue.delete(key); // to the back: the order of the writes is kept
    queue.set(key, w);
    queuedAt.set(key, ++writes);
    report();
    void flush();
  }

  /** Starts a pass over the queue unless one runs; resolves when the pass running now ends. */
  function flush(): Promise<void> {
    if (!flushing && !closed) pass = flushPass();
    return pass;
  }

  async function flushPass(): Promise<void> {
    flushing = true;
    try {
      for (const [key, w] of queue) {
        const f = fence();
        if (!f) return; // no confirmed lease (the database is away): keep waiting
        const n = queuedAt.get(key) ?? 0;
        const kept =
          w.kind === 'incident'
            ? await d.store.saveIncident(f, w.incident, w.sessionId)
            : await d.store.saveRound(f, w.round);
        if (!kept) {
          d.log(`team: ${queue.size} writes dropped: another console runs this event's engine now`);
          queue.clear();
          return;
        }
        storedAt.set(key, n);
        if (queue.get(key) === w) queue.delete(key);
      }
    } catch (err) {
      d.log(`team: ${queue.size} writes wait for the team database (${messageOf(err)})`);
      retry ??= d.clock.setTimer(FLUSH_RETRY_MS, () => {
        retry = undefined;
        void flush();
      });
    } finally {
      flushing = false;
      report();
    }
    if (queue.size && fence()) void flush(); // written to while this pass ran
  }

  /**
   * Until the writes queued so far (or newer ones of the same things) are in the team database; at once when
   * they cannot go now (no confirmed lease, the database away, or the lease lost and the queue dropped).
   */
  async function written(): Promise<void> {
    const wanted = [...queue.keys()].map((key) => [key, queuedAt.get(key) ?? 0] as const);
    const waiting = () => wanted.some(([key, n]) => queue.has(key) && (storedAt.get(key) ?? 0) < n);
    while (waiting() && fence() && !retry && !closed) await flush();
  }

  /** Stores the team's copy of an incident here, unless the local one is newer; true when it was stored. */
  async function adopt({ incident, sessionId: of }: StoredIncident): Promise<boolean> {
    const filedUnder = await knownSession(of);
    const mine = d.local.incidents.byId(incident.id)?.incident;
    if (mine && mine.updatedAt > incident.updatedAt) return false;
    d.local.incidents.save(incident, filedUnder);
    return true;
  }

  /**
   * Session `of`, made known to the local store, which files each incident under a session it holds: one this
   * console never watched (an incident carried over from it) is copied from the team's sessions. Without it
   * there (the engine's ingest copy is behind), the incident is filed under no session.
   */
  async function knownSession(of: string | null): Promise<string | null> {
    if (of === null || d.local.sessions.byId(of)) return of;
    const team = await d.store.session(of);
    if (!team) return null;
    d.local.sessions.upsert(team);
    if (team.endedAt !== undefined) d.local.sessions.end(team.id, team.endedAt);
    return of;
  }

  /**
   * Whether a team incident is part of event `sid`: its own, or carried into it (as `ofSession` reads them).
   * The team's other events share the database, and the feed announces their incidents too.
   */
  const partOf = ({ incident, sessionId: of }: StoredIncident, sid: string) =>
    of === sid || incident.carriedOver?.intoSessionId === sid;

  /** Copies what the team database holds for the session into the local store. */
  async function pull(sid: string): Promise<string[]> {
    const changed: string[] = [];
    for (const found of await d.store.ofSession(sid)) {
      const { incident } = found;
      await adopt(found);
      await pullRounds(incident.id);
      changed.push(incident.id);
    }
    return changed;
  }

  async function pullRounds(incidentId: string): Promise<void> {
    const theirs = await d.store.rounds(incidentId);
    // Read after the await: two pulls of one incident (its change and its round's, announced together) both
    // insert what neither saw otherwise. From here on nothing yields until the rounds are stored.
    const have = new Set(d.local.rounds.list(incidentId).map((r) => r.round));
    for (const r of theirs) {
      if (have.has(r.round)) d.local.rounds.updateChecklist(r);
      else d.local.rounds.insert(r);
    }
  }

  async function onLease(s: LeaseState, sid: string): Promise<void> {
    if (s.held && role === 'standby' && s.epoch !== undefined) {
      await pull(sid); // what the last holder wrote, before the engine resumes from it
      if (sessionId !== sid || !fence()) return;
      role = 'here';
      d.log(`team: the incident engine of ${sid} runs on this console now (epoch ${s.epoch})`);
      d.incidents().takeOver();
      void runCommands().catch((err: unknown) => d.log(`team: commands not run (${messageOf(err)})`));
    } else if (!s.held && role === 'here') {
      role = 'standby';
      queue.clear();
      d.log(`team: another console runs the incident engine of ${sid}; this one is on standby`);
      for (const id of await pull(sid)) d.incidents().mirrored(id);
    } else if (s.held && role === 'here') {
      void flush(); // the lease is confirmed again: send what waited
      // Taken again under a new epoch: a console may have held it in between, and died mid-command.
      const f = fence();
      if (f && leaseOf(f) !== swept)
        void runCommands().catch((err: unknown) => d.log(`team: commands not run (${messageOf(err)})`));
    }
    report();
  }

  /** Runs the commands standby consoles handed over, one after another, and stores each reply. */
  async function runCommands(): Promise<void> {
    if (running) return void (runAgain = true);
    running = true;
    try {
      do {
        runAgain = false;
        if (role !== 'here' || !sessionId || !localDispatcher) return;
        await answerAbandoned();
        const f = fence();
        if (!f) return; // the lease is not confirmed: the commands wait for whoever holds it
        for (const c of await d.commands.claimPending(f)) {
          const reply = await localDispatcher.dispatch(c.name, c.args);
          // What it changed reaches the team database before its console hears it was done: otherwise this
          // console could die in between, and its successor resume without what the operator was told.
          await written();
          await d.commands.answer(c.id, reply, d.clock.now());
        }
      } while (runAgain);
    } finally {
      running = false;
    }
  }

  /**
   * Once per lease epoch, before this console claims a command under it: the commands left 'running' were
   * claimed under an earlier epoch, by a console that is gone (or by this one, which failed to store the
   * reply), and nobody will answer them. None is still being run here: this console claims only in a pass,
   * and its passes run one at a time.
   */
  async function answerAbandoned(): Promise<void> {
    const f = fence();
    if (!f || leaseOf(f) === swept) return;
    const ids = await d.commands.answerAbandoned(f, ABANDONED, d.clock.now());
    swept = leaseOf(f);
    if (ids.length) d.log(`team: answered ${ids.length} commands the engine's last console left unanswered`);
  }

  async function forward(name: string, args: unknown, sid: string): Promise<Reply<unknown>> {
    const id = await d.commands.submit({ sessionId: sid, name, args, from: d.consoleId, now: d.clock.now() });
    const answered = new Promise<Reply<unknown>>((resolve) => {
      const timer = d.clock.setTimer(FORWARD_TIMEOUT_MS, () => {
        waiting.delete(id);
        resolve({
          ok: false,
          error: {
            code: 'unavailable',
            message: `The console running this event's engine did not answer within ${FORWARD_TIMEOUT_MS / 1000} s. Check the incident there before you try again: the action may still have been taken.`,
          },
        });
      });
      waiting.set(id, (reply) => {
        timer.dispose();
        waiting.delete(id);
        resolve(reply);
      });
    });
    // The engine's console may have answered, and the feed announced it, before the database's word that the
    // command was stored reached here: that announcement found no one waiting, so the reply is read once now.
    collect(id).catch((err: unknown) => d.log(`team: the reply to command ${id} not read yet (${messageOf(err)})`));
    return answered;
  }

  /** Reads the reply of a command this console is waiting for (all of them, without an id). */
  async function collect(id?: number): Promise<void> {
    for (const wanted of id === undefined ? [...waiting.keys()] : [id]) {
      const reply = waiting.has(wanted) && (await d.commands.reply(wanted));
      if (reply) waiting.get(wanted)?.(reply); // unless another read of it came first
    }
  }

  async function applyRemote(change: string): Promise<void> {
    const [kind, id] = [change.slice(0, change.indexOf(':')), change.slice(change.indexOf(':') + 1)];
    if (kind === 'command') return runCommands();
    if (kind === 'reply') return collect(Number(id));
    const sid = sessionId;
    if (role === 'here' || !sid) return; // the engine's own writes: nothing to copy
    if (kind === 'incident') {
      const found = await d.store.incident(id);
      if (!found || !partOf(found, sid) || !(await adopt(found))) return;
    } else if (kind === 'round') {
      const mine = d.local.incidents.byId(id);
      const found = mine ?? (await d.store.incident(id));
      if (!found || !partOf(found, sid)) return;
      if (!mine) await adopt(found); // announced before its incident reached here: its rounds need it
      await pullRounds(id);
    } else return;
    d.incidents().mirrored(id);
  }

  return {
    leads: () => role === 'here',
    publishing: (incidents) => ({
      ...incidents,
      save(i, sid) {
        incidents.save(i, sid);
        enqueue({ kind: 'incident', incident: i, sessionId: sid });
      },
    }),
    publishingRounds: (rounds) => ({
      ...rounds,
      insert(r) {
        rounds.insert(r);
        enqueue({ kind: 'round', round: r });
      },
      updateChecklist(r) {
        rounds.updateChecklist(r);
        enqueue({ kind: 'round', round: r });
      },
    }),
    guardingOutbox: (store) => ({
      ...store,
      // The posts of a round would go to the team's outbox at once, the round behind the engine's queue. Were
      // this console to die in between, its successor would not know the round and number its next one the
      // same: that one's posts would carry the same keys, which the outbox keeps for the dead console's posts.
      async insertMany(entries) {
        if (role === 'here') await written();
        return store.insertMany(entries);
      },
    }),
    watch(sid) {
      if (sid === sessionId) return;
      const previous = lease;
      sessionId = sid;
      role = 'standby';
      queue.clear();
      report();
      void previous?.close();
      lease = holdEngineLease({
        url: d.url,
        key: sid,
        holder: d.consoleId,
        clock: d.clock,
        log: d.log,
        onChange: (s) => {
          if (sessionId === sid)
            onLease(s, sid).catch((err: unknown) => d.log(`team: lease change not applied (${messageOf(err)})`));
        },
      });
      // A console joining an event late shows what the team holds of it at once, not at its next change.
      void pull(sid)
        .then((ids) => sessionId === sid && role === 'standby' && ids.forEach((id) => d.incidents().mirrored(id)))
        .catch((err: unknown) => d.log(`team: the team's incidents not read (${messageOf(err)})`));
    },
    forwarding(local) {
      localDispatcher = local;
      return {
        dispatch: (name, args) =>
          typeof name === 'string' && FORWARDED.has(name as CommandName) && role !== 'here' && sessionId
            ? forward(name, args, sessionId).catch((err: unknown) => ({
                ok: false as const,
                error: {
                  code: 'unavailable' as const,
                  message: `This console is on standby and cannot reach the team database to hand the action to the engine's console: ${messageOf(err)}`,
                },
              }))
            : local.dispatch(name, args),
      };
    },
    changed(change) {
      if (!sessionId) return;
      const sid = sessionId;
      const everything = async () => {
        await collect();
        if (role === 'here') return runCommands();
        for (const id of await pull(sid)) d.incidents().mirrored(id);
      };
      (change ? applyRemote(change) : everything()).catch((err: unknown) =>
        d.log(`team: could not read what the team changed (${messageOf(err)})`),
      );
    },
    async close() {
      closed = true;
      retry?.dispose();
      await lease?.close();
    },
  };
}
