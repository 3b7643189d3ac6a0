/**
 * Copies what this console ingests (sessions, chat, health) to the team database, where every console watching
 * the same source sends the same rows and each is stored once (postgres/team-ingest-store.ts).
 *
 * The copy never holds ingest up: the listener only queues rows, and a batch is written every `flushMs`, or at
 * once when `batchRows` wait. While the database is away the rows wait in order and the console says how many;
 * the batches go out when it answers again. The queue is bounded: past `maxQueued` rows, a session's new rows
 * are not kept in memory but remembered as a gap of its time line, which is read back from the local store
 * (ingest has stored every row before telling us) once the queue has drained, and sent like the rest. Until a
 * gap is filled, the session's later rows join it, so the copy stays in order. A console restarted mid-event
 * lost its queue: the session it resumes is read back whole. A row sent twice (a back-fill overlapping what
 * was queued or what another console stored, a retry) is a conflict the team database ignores.
 *
 * A row PostgreSQL refuses for its content (not for being away) must not block those behind it: a refused batch
 * is halved until the refused rows are alone, and those are counted, logged and left to the local store.
 */
import type pg from 'pg';
import type { Clock, Disposable } from '../../../../shared/clock';
import type { ChatMessage, HealthSample } from '../../../../shared/types';
import type { LiveEventsRepo } from '../db/live-events-repo';
import type { SessionRecord } from '../db/sessions-repo';
import type { Ingest } from '../ingest/ingest';
import { TIME_WINDOW } from '../ingest/time-window';
import {
  teamIngestStore,
  type IngestWriteResult,
  type TeamIngestRow,
  type TeamIngestStore,
  type TeamSession,
} from '../postgres/team-ingest-store';
import { messageOf } from '../../../../shared/error-message';

type IngestListener = Parameters<Ingest['addListener']>[0];

export const TEAM_INGEST_FLUSH_MS = 250;
const TEAM_INGEST_BATCH_ROWS = 500;
/** About two minutes of twenty events' chat and signals at their busiest: a few MB of rows. */
const TEAM_INGEST_MAX_QUEUED = 50_000;
/** How soon a write is tried again while the team database does not answer. */
export const TEAM_INGEST_RETRY_MS = 1000;
/** A gap is read back from the local store this much of its time line at a time (twice as much after none). */
const BACKFILL_SPAN_MS = 10_000;

interface TeamIngestStats {
  /** Rows new to the team database (the other consoles stored the rest first). */
  sessions: number;
  chat: number;
  health: number;
  /** Strings stored with a NUL or a lone surrogate replaced by U+FFFD. */
  repaired: number;
  /** Rows the team database refused for their content: they stay in this console's store only. */
  refused: number;
  /** Rows read back from the local store after the queue overflowed. */
  backfilled: number;
}

export interface TeamIngestCopy {
  listener: IngestListener;
  /** Rows waiting for the team database: queued, and left in gaps to read back. */
  waiting(): number;
  stats(): TeamIngestStats;
  /** Writes what waits now; resolves when the queue is empty or a write failed (a retry is then scheduled). */
  flush(): Promise<void>;
  /** Writes what is queued if the database answers, then stops; rows ingested later are not copied. */
  close(): Promise<void>;
}

export interface TeamIngestDeps {
  store: Pick<TeamIngestStore, 'write'>;
  local: Pick<LiveEventsRepo, 'chatReceivedBetween' | 'healthBetween' | 'recentChat' | 'recentHealth' | 'chatCount'>;
  /** Marks our own posts in chat read back from the local store (which does not keep the mark). */
  markOwn(messages: ChatMessage[]): ChatMessage[];
  clock: Clock;
  onWaiting(rows: number): void;
  log(line: string): void;
  flushMs?: number;
  batchRows?: number;
  maxQueued?: number;
}

/** The session's row in the team database; the source's name is the id's first part (ingest's sessionIdFor). */
function teamSession(s: SessionRecord): TeamSession {
  const suffix = `/${s.scenario ?? 'live'}/${s.startedAt}`;
  return {
    id: s.id,
    source: s.id.endsWith(suffix) ? s.id.slice(0, -suffix.length) : s.id,
    scenario: s.scenario,
    eventName: s.eventName,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    speed: s.speed,
    rehearsal: s.rehearsal,
  };
}

/** A stretch of a session's time line to read back from the local store: `[from, to]`, about `rows` rows. */
interface Gap {
  from: number;
  to: number;
  rows: number;
  span: number;
}

/** PostgreSQL refused the rows themselves (data exception, integrity, a limit): sending them again cannot help. */
const refusedForContent = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23|54)/.test(code);
};

export function copyIngestToTeam(d: TeamIngestDeps): TeamIngestCopy {
  const flushMs = d.flushMs ?? TEAM_INGEST_FLUSH_MS;
  const batchRows = d.batchRows ?? TEAM_INGEST_BATCH_ROWS;
  const maxQueued = d.maxQueued ?? TEAM_INGEST_MAX_QUEUED;
  /** Oldest first; a pass writes from the head while the listener appends. */
  const queue: TeamIngestRow[] = [];
  const gaps = new Map<string, Gap>();
  const stats: TeamIngestStats = { sessions: 0, chat: 0, health: 0, repaired: 0, refused: 0, backfilled: 0 };
  let timer: Disposable | undefined;
  let retry: Disposable | undefined;
  let writing: Promise<void> | undefined;
  /** Why the last write failed, while the database is away. */
  let failing: string | undefined;
  let closed = false;
  let reported = 0;

  const waiting = () => queue.length + [...gaps.values()].reduce((n, g) => n + g.rows, 0);
  /** Told while the database is away or a gap is left: a few rows between two batches are not news. */
  function report(): void {
    const n = failing || gaps.size ? waiting() : 0;
    if (n !== reported) d.onWaiting((reported = n));
  }

  function schedule(): void {
    // A pass under way takes what is queued meanwhile; while the database is away, the retry paces the writes.
    if (writing || retry) return;
    if (queue.length >= batchRows) void flush();
    else timer ??= d.clock.setTimer(flushMs, () => void flush());
  }

  const rowTs = (r: TeamIngestRow) => (r.kind === 'chat' ? r.message.ts : r.kind === 'health' ? r.sample.ts : 0);

  function add(sessionId: string, rows: TeamIngestRow[]): void {
    if (closed || !rows.length) return;
    const gap = gaps.get(sessionId);
    if (!gap && queue.length + rows.length <= maxQueued) {
      queue.push(...rows);
      report();
      return schedule();
    }
    let [from, to] = [Infinity, -Infinity];
    for (const r of rows) [from, to] = [Math.min(from, rowTs(r)), Math.max(to, rowTs(r))];
    if (!gap)
      d.log(
        `team: ${queue.length} ingested rows wait for the team database; the rest of ${sessionId} is read back from this console's store later`,
      );
    widen(sessionId, from, to, rows.length);
  }

  function widen(sessionId: string, from: number, to: number, rows: number): void {
    const gap = gaps.get(sessionId);
    if (gap) {
      gap.from = Math.min(gap.from, from);
      gap.to = Math.max(gap.to, to);
      gap.rows += rows;
    } else gaps.set(sessionId, { from, to, rows, span: BACKFILL_SPAN_MS });
    report();
  }

  /**
   * A session the local store already holds rows of (this console restarted mid-event): what it had not copied
   * yet was lost with its queue, so all of it is read back. The time window lets a row be stamped up to a day
   * before the start (a lobby opening early); an empty stretch doubles the next read.
   */
  function resume(s: SessionRecord): void {
    const last = [...d.local.recentChat(s.id, 1), ...d.local.recentHealth(s.id, 1)];
    if (!last.length) return;
    d.log(`team: copying again what this console stored of ${s.id} (a restart loses what was queued)`);
    widen(s.id, s.startedAt - TIME_WINDOW.beforeStartMs, Math.max(...last.map((x) => x.ts)), d.local.chatCount(s.id));
  }

  /** A session's row is never left to a gap: the chat and health of it need it first. */
  function queueSession(s: SessionRecord): void {
    if (closed) return;
    queue.push({ kind: 'session', session: teamSession(s) });
    report();
    schedule();
  }

  const chatRows = (sessionId: string, messages: ChatMessage[], receivedAt: (i: number) => number): TeamIngestRow[] =>
    messages.map((message, i) => ({ kind: 'chat', sessionId, message, receivedAt: receivedAt(i) }));
  const healthRows = (sessionId: string, samples: HealthSample[]): TeamIngestRow[] =>
    samples.map((sample) => ({ kind: 'health', sessionId, sample }));

  /** Queues the next stretch of the first gap from the local store; false when there is no gap. */
  function refill(): boolean {
    const first = gaps.entries().next();
    if (first.done) return false;
    const [sessionId, gap] = first.value;
    const end = Math.min(gap.from + gap.span, gap.to + 1);
    const stored = d.local.chatReceivedBetween(sessionId, gap.from, end);
    const rows = [
      // When this console received each, as if it had been queued then, not when it is read back.
      ...chatRows(sessionId, d.markOwn(stored.map((c) => c.message)), (i) => stored[i].receivedAt),
      ...healthRows(sessionId, d.local.healthBetween(sessionId, gap.from, end)),
    ];
    queue.push(...rows);
    stats.backfilled += rows.length;
    gap.span = rows.length ? BACKFILL_SPAN_MS : gap.span * 2;
    gap.rows = Math.max(0, gap.rows - rows.length);
    if (end > gap.to) gaps.delete(sessionId);
    else gap.from = end;
    return true;
  }

  function count(r: IngestWriteResult): void {
    stats.sessions += r.sessions;
    stats.chat += r.chat;
    stats.health += r.health;
    stats.repaired += r.repaired;
  }

  async function write(rows: TeamIngestRow[]): Promise<void> {
    try {
      count(await d.store.write(rows));
    } catch (err) {
      if (!refusedForContent(err)) throw err;
      if (rows.length > 1) {
        const half = Math.ceil(rows.length / 2);
        await write(rows.slice(0, half));
        return write(rows.slice(half));
      }
      stats.refused++;
      d.log(
        `team: the team database refused an ingested ${rows[0].kind} row (${messageOf(err)}); it stays in this console's store`,
      );
    }
  }

  async function pass(): Promise<void> {
    try {
      while (queue.length || refill()) {
        const batch = queue.slice(0, batchRows);
        if (!batch.length) continue; // an empty stretch of a gap
        await write(batch);
        queue.splice(0, batch.length); // the listener only appends meanwhile
        if (failing) d.log(`team: the team database answers again; copying ${waiting()} ingested rows that waited`);
        failing = undefined;
        report();
      }
    } catch (err) {
      if (!failing) d.log(`team: ${waiting()} ingested rows wait for the team database (${messageOf(err)})`);
      failing = messageOf(err);
      report();
      if (!closed)
        retry ??= d.clock.setTimer(TEAM_INGEST_RETRY_MS, () => {
          retry = undefined;
          void flush();
        });
    }
  }

  function flush(): Promise<void> {
    timer?.dispose();
    timer = undefined;
    writing ??= pass().finally(() => (writing = undefined));
    return writing;
  }

  return {
    listener: {
      onSession: (s) => {
        queueSession(s);
        if (!closed) resume(s);
      },
      onEnded: queueSession,
      onChat: (messages, s) => {
        const receivedAt = d.clock.now();
        add(
          s.id,
          chatRows(s.id, messages, () => receivedAt),
        );
      },
      onHealth: (samples, s) => add(s.id, healthRows(s.id, samples)),
    },
    waiting,
    stats: () => ({ ...stats }),
    flush,
    async close() {
      closed = true;
      retry?.dispose();
      await writing;
      if (!failing && queue.length) await flush();
      timer?.dispose();
    },
  };
}

/** The copy into the team database behind `pool` (the console's team link, team-link.ts). */
export function teamIngestCopy(
  o: Omit<TeamIngestDeps, 'store'> & { pool: pg.Pool; consoleId: string },
): TeamIngestCopy {
  return copyIngestToTeam({ ...o, store: teamIngestStore(o.pool, o.consoleId) });
}
