/**
 * Test wiring for the outbox: a real SQLite temp file, real channel adapters, a fake clock, and a recorder
 * that lets a test await a state change instead of sleeping. `repo` reads and writes the same file directly,
 * for a test to set up or inspect rows.
 */
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startPeer, type Peer, type Reply } from '../../../../tests/support/http-peer';
import type { ChannelId } from '../../../../shared/channels';
import { fakeClock } from '../../../../tests/support/fake-clock';
import { tempDir } from '../../../../tests/support/temp-dir';
import type { Credentials } from '../channels/channel-adapter';
import { createEmailAdapter } from '../channels/email';
import { createSmsAdapter } from '../channels/sms';
import { createStatusPageAdapter } from '../channels/status-page';
import { createDiscordAdapter, createSlackAdapter, createWebhookAdapter } from '../channels/webhooks';
import { createXAdapter } from '../channels/x';
import { openDatabase } from '../db/open';
import { outboxRepo } from '../db/outbox-repo';
import { sqliteOutboxStore } from '../db/outbox-store-sqlite';
import { createOutbox, type OutboxDeps } from './outbox';
import type { OutboxDraft, OutboxEntryView } from '../../../../shared/domain/broadcast/outbox-entry';

export const T0 = 1_700_000_000_000;

function changeRecorder() {
  const seen: OutboxEntryView[] = [];
  const waiters: { pred: (e: OutboxEntryView) => boolean; resolve: (e: OutboxEntryView) => void }[] = [];
  return {
    seen,
    onChange(e: OutboxEntryView) {
      seen.push(e);
      for (const w of [...waiters]) {
        if (w.pred(e)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(e);
        }
      }
    },
    /** Resolves on the next change matching `pred`; register it before triggering the change. */
    next(pred: (e: OutboxEntryView) => boolean, what = 'an outbox change'): Promise<OutboxEntryView> {
      return new Promise((resolve, reject) => {
        // A failure guard only (the test never waits on it when things work).
        const guard = setTimeout(
          () =>
            reject(
              new Error(
                `timed out waiting for ${what}; saw ${JSON.stringify(seen.map((s) => [s.channel, s.status, s.lastError]))}`,
              ),
            ),
          5000,
        );
        waiters.push({ pred, resolve: (e) => (clearTimeout(guard), resolve(e)) });
      });
    },
  };
}

export interface KitOptions extends Partial<Pick<OutboxDeps, 'maxAttempts' | 'sendTimeoutMs' | 'backoff' | 'log'>> {
  creds?: Partial<Record<ChannelId, Credentials | null>>;
  credentials?: OutboxDeps['credentials'];
  /** The HTTP adapters' wait for an answer (default 30 s, on the fake clock). */
  adapterTimeoutMs?: number;
}

function outboxKit(opts: KitOptions = {}) {
  const dir = tempDir('onair-outbox-');
  const db = openDatabase({ file: join(dir, 'onair.sqlite') });
  const repo = outboxRepo(db);
  const clock = fakeClock(T0);
  const changes = changeRecorder();
  // The adapters' own timeouts run on the same fake clock as the outbox's; a test only sees them fire
  // when it advances the clock past them.
  const net = { timeoutMs: opts.adapterTimeoutMs ?? 30_000, clock };
  const adapters = {
    email: createEmailAdapter(net),
    sms: createSmsAdapter(net),
    x: createXAdapter(net),
    slack: createSlackAdapter(net),
    discord: createDiscordAdapter(net),
    webhook: createWebhookAdapter(net),
    'status-page': createStatusPageAdapter({
      dir: join(dir, 'status'),
      baseUrl: 'http://127.0.0.1/status',
      now: clock.now,
    }),
  };
  const deps: OutboxDeps = {
    repo: sqliteOutboxStore(db),
    adapters,
    credentials: opts.credentials ?? ((ch) => opts.creds?.[ch] ?? null),
    clock,
    onChange: changes.onChange,
    maxAttempts: opts.maxAttempts,
    sendTimeoutMs: opts.sendTimeoutMs ?? 20_000,
    backoff: opts.backoff,
    log: opts.log,
  };
  const outbox = createOutbox(deps);
  const draft = (channel: ChannelId, over: Partial<OutboxDraft> = {}): OutboxDraft => ({
    idempotencyKey: `inc-1:0:${channel}`,
    incidentId: 'inc-1',
    sessionId: 'sess-1',
    round: 0,
    channel,
    phase: 'acknowledge',
    lang: 'en',
    subject: 'Audio problem',
    text: 'We hear you: the audio dropped. Update within 5 minutes.',
    eventName: 'Spring Launch',
    ...over,
  });
  const receipts = () =>
    db.prepare('SELECT outbox_id, channel, remote_id FROM delivery_receipts ORDER BY outbox_id').all();
  return { dir, db, repo, clock, changes, outbox, deps, draft, receipts };
}

/**
 * Per-file test scope: real peers and kits that are torn down after each test (peers close first, so a
 * hung send ends before the outbox's stop() waits for it).
 */
export function outboxTestScope() {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  return {
    cleanup,
    /** A peer answering from a list (the last answer repeats) or by request number. */
    async peer(replies: Reply[] | ((n: number) => Reply | Promise<Reply>)): Promise<Peer> {
      let n = 0;
      const p = await startPeer(() =>
        typeof replies === 'function' ? replies(n++) : (replies[n++] ?? replies[replies.length - 1]),
      );
      cleanup.push(() => p.close());
      return p;
    },
    kit(opts: KitOptions = {}) {
      const k = outboxKit(opts);
      cleanup.unshift(async () => {
        await k.outbox.stop();
        k.db.close();
      });
      return k;
    },
  };
}
