/**
 * The team's outbox, with a waiting room on this console for the posts queued while the team database is
 * away (PostgreSQL restarted, the network cut): the operator's update is accepted, kept in this console's
 * SQLite (it survives a restart), shown as waiting, and handed to the team's outbox in order as soon as the
 * database answers again. The idempotency key makes the hand-over safe to repeat: a post handed over twice
 * (the database took it, then the answer was lost) is stored once, so it is sent once.
 *
 * Only an unreachable database sends a post to the waiting room; any other refusal (a constraint, a bug) is
 * the caller's error, as before. Nothing waiting is sent from here: sending needs the team's claim, so that
 * no two consoles send one post.
 */
import type { Clock, Disposable } from '../../../../shared/clock';
import type { OutboxEntryView } from '../../../../shared/domain/broadcast/outbox-entry';
import type { WaitingPost, WaitingPostsRepo } from '../db/waiting-posts-repo';
import type { NewOutboxEntry, OutboxStore, StoredEntry } from '../outbox/outbox-store';

const HANDOVER_RETRY_MS = 1000;
export const WAITING_FOR_TEAM = 'waiting on this console for the team database';

/** Errors that mean the database cannot be reached now, as node-postgres and PostgreSQL report them. */
function isUnreachable(err: unknown): boolean {
  const { code, message = '' } = (err ?? {}) as { code?: unknown; message?: string };
  if (typeof code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)) return true;
    // Class 08: connection exception; 57P01-03: the server is shutting down or starting up.
    if (code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code)) return true;
  }
  return /Connection terminated|connection timeout|Connection ended|cannot connect to the team database/i.test(message);
}

/** A waiting post as the outbox views show it: queued, its id negative (it has no team id yet). */
const viewOf = ({ seq, entry: e }: WaitingPost): OutboxEntryView => ({
  id: -seq,
  idempotencyKey: e.idempotencyKey,
  ...(e.sessionId !== undefined && { sessionId: e.sessionId }),
  ...(e.incidentId !== undefined && { incidentId: e.incidentId }),
  ...(e.round !== undefined && { round: e.round }),
  channel: e.channel,
  phase: e.phase,
  status: 'queued',
  attempts: 0,
  nextAttemptAt: e.nextAttemptAt,
  lastError: WAITING_FOR_TEAM,
  createdAt: e.createdAt,
  updatedAt: e.createdAt,
  eventName: e.eventName,
  text: e.text,
  ...(e.subject !== undefined && { subject: e.subject }),
  ...(e.link !== undefined && { link: e.link }),
  lang: e.lang,
  ...(e.attachments && { attachments: e.attachments }),
  ...(e.variants && { variants: e.variants }),
  ...(e.rehearsal && { rehearsal: true as const }),
});

export function waitingOutboxStore(
  team: OutboxStore,
  waiting: WaitingPostsRepo,
  o: {
    clock: Clock;
    log: (line: string) => void;
    /** How many posts wait here now: for the header. */
    onWaiting(count: number): void;
  },
): OutboxStore & Disposable {
  let retry: Disposable | undefined;
  let handingOver: Promise<void> | undefined;
  let disposed = false;

  const keep = (entries: NewOutboxEntry[]): StoredEntry[] => {
    const kept = waiting.add(entries, o.clock.now());
    o.onWaiting(waiting.count());
    scheduleHandover();
    return kept.map((p) => ({ entry: viewOf(p), created: true }));
  };

  function scheduleHandover(): void {
    if (disposed || retry) return;
    retry = o.clock.setTimer(HANDOVER_RETRY_MS, () => {
      retry = undefined;
      void handOver();
    });
  }

  /** Hands every waiting post to the team's outbox, oldest first; on failure, again in a second. */
  function handOver(): Promise<void> {
    handingOver ??= (async () => {
      const posts = waiting.list();
      if (!posts.length) return;
      try {
        await team.insertMany(posts.map((p) => p.entry));
        waiting.remove(posts.map((p) => p.entry.idempotencyKey));
        o.log(`team: ${posts.length} posts queued while the team database was away are in the team's outbox now`);
      } catch (err) {
        if (!isUnreachable(err)) o.log(`team: waiting posts not handed over (${String(err)})`);
        scheduleHandover();
      } finally {
        o.onWaiting(waiting.count());
      }
    })().finally(() => (handingOver = undefined));
    return handingOver;
  }

  const withWaiting = async (read: Promise<OutboxEntryView[]>, pick: (v: OutboxEntryView) => boolean) => [
    ...waiting.list().map(viewOf).filter(pick).reverse(),
    ...(await read),
  ];

  const waitingView = (pick: (v: OutboxEntryView) => boolean) => waiting.list().map(viewOf).find(pick);

  if (waiting.count()) scheduleHandover(); // left from before a restart
  return {
    ...team,
    async insertMany(entries) {
      // Behind posts already waiting: the audience reads them in the order they were written.
      if (waiting.count()) {
        const kept = keep(entries);
        await handOver();
        if (waiting.count()) return kept;
        // Handed over with the rest: the team's entries, with their team ids.
        return Promise.all(
          kept.map(async (k) => ({ entry: (await team.byKey(k.entry.idempotencyKey)) ?? k.entry, created: true })),
        );
      }
      try {
        return await team.insertMany(entries);
      } catch (err) {
        if (!isUnreachable(err)) throw err;
        o.log(`team: the team database is away; ${entries.length} posts wait on this console`);
        return keep(entries);
      }
    },
    byId: async (id) => (id < 0 ? waitingView((v) => v.id === id) : team.byId(id)),
    byKey: async (key) => (await team.byKey(key)) ?? waitingView((v) => v.idempotencyKey === key),
    byIncident: (id) => withWaiting(team.byIncident(id), (v) => v.incidentId === id),
    bySession: (id) => withWaiting(team.bySession(id), (v) => v.sessionId === id),
    all: (limit) => withWaiting(team.all(limit), () => true),
    dispose() {
      disposed = true;
      retry?.dispose();
    },
  };
}
