/**
 * Each channel's real delivery state, folded from the outbox's state changes (the same views `outbox.changed`
 * carries): a claimed entry that comes back queued with an error, or fails, is a failed attempt; one that is
 * sent is a success. Posts not delivered yet are held with their playbook deadline, and one clock timer wakes
 * the tracker when an alarm can change with time alone (a failing run reaching 2 minutes, a deadline passing).
 *
 * On start the state is seeded from the outbox rows of the last hours, so a restart does not make a failing
 * channel look calm; older rows (a past event's) are history, not an alarm. A rehearsal's posts never reach a
 * channel, so they say nothing of its health and are left out.
 */
import { CHANNEL_IDS, type ChannelId } from '../../../../shared/channels';
import type { Clock, Disposable } from '../../../../shared/clock';
import {
  emptyHealth,
  evaluate,
  nextAlarmChangeAt,
  recordAttempt,
  type ChannelHealth,
  type ChannelTestResult,
  type PendingPost,
} from '../../../../shared/domain/broadcast/channel-health';
import type { OutboxEntryView } from '../../../../shared/domain/broadcast/outbox-entry';

const SEED_WINDOW_MS = 6 * 60 * 60_000;

export interface ChannelHealthDeps {
  clock: Clock;
  /** Recent outbox entries (any order) to seed from. */
  seed?: readonly OutboxEntryView[];
  /** The playbook deadline of the post's incident (its first-update deadline after the post was created). */
  deadlineMs(entry: OutboxEntryView): number | undefined;
  onChange?(health: ChannelHealth[]): void;
}

export interface ChannelHealthTracker {
  /** Feed every outbox state change here. */
  observe(entry: OutboxEntryView): void;
  list(): ChannelHealth[];
  /** Records a test message's outcome; it changes neither the run of failures nor any alarm. */
  recordTest(channel: ChannelId, result: ChannelTestResult): void;
  dispose(): void;
}

const undelivered = (e: OutboxEntryView) => e.status === 'queued' || e.status === 'sending' || e.status === 'failed';

export function createChannelHealth(d: ChannelHealthDeps): ChannelHealthTracker {
  const health = new Map<ChannelId, ChannelHealth>(CHANNEL_IDS.map((c) => [c, emptyHealth(c)]));
  const lastStatus = new Map<number, OutboxEntryView['status']>();
  const pending = new Map<number, { channel: ChannelId; post: PendingPost }>();
  let shown = '';
  let timer: Disposable | undefined;
  let disposed = false;

  const pendingOf = (c: ChannelId) => [...pending.values()].filter((p) => p.channel === c).map((p) => p.post);

  function apply(e: OutboxEntryView): void {
    const prev = lastStatus.get(e.id);
    lastStatus.set(e.id, e.status);
    const h = health.get(e.channel)!;
    const retried = e.status === 'queued' && prev === 'sending' && e.lastError !== undefined;
    const failed = e.status === 'failed' && prev !== 'failed';
    if (retried || failed)
      health.set(e.channel, recordAttempt(h, { ok: false, at: e.updatedAt, reason: e.lastError ?? 'failed' }));
    else if (e.status === 'sent' && prev !== 'sent')
      health.set(e.channel, recordAttempt(h, { ok: true, at: e.sentAt ?? e.updatedAt }));
    if (undelivered(e)) {
      const ms = d.deadlineMs(e);
      pending.set(e.id, {
        channel: e.channel,
        post: {
          ...(e.incidentId ? { incidentId: e.incidentId } : {}),
          createdAt: e.createdAt,
          ...(ms !== undefined ? { deadlineAt: e.createdAt + ms } : {}),
        },
      });
    } else pending.delete(e.id);
    if (e.status === 'sent' || e.status === 'skipped') lastStatus.delete(e.id);
  }

  function list(): ChannelHealth[] {
    const now = d.clock.now();
    return CHANNEL_IDS.map((c) => evaluate(health.get(c)!, pendingOf(c), now));
  }

  function publish(): void {
    if (disposed) return;
    const now = d.clock.now();
    const views = list();
    const key = JSON.stringify(views);
    if (key !== shown) {
      shown = key;
      try {
        d.onChange?.(views);
      } catch {
        // A failing listener must not stop the tracker.
      }
    }
    timer?.dispose();
    const next = CHANNEL_IDS.map((c) => nextAlarmChangeAt(health.get(c)!, pendingOf(c), now)).filter(
      (t): t is number => t !== undefined,
    );
    timer = next.length ? d.clock.setTimer(Math.min(...next) - now, publish) : undefined;
  }

  const since = d.clock.now() - SEED_WINDOW_MS;
  for (const e of [...(d.seed ?? [])]
    .filter((x) => x.updatedAt >= since && !x.rehearsal)
    .sort((a, b) => a.updatedAt - b.updatedAt)) {
    // A seeded row was claimed at least once when it has attempts; its error is its last failure.
    if (e.attempts > 0 && e.status === 'queued') lastStatus.set(e.id, 'sending');
    apply(e);
  }
  shown = JSON.stringify(list());
  publish();

  return {
    observe(e) {
      if (e.rehearsal) return;
      apply(e);
      publish();
    },
    list,
    recordTest(channel, result) {
      health.set(channel, { ...health.get(channel)!, lastTest: result });
      publish();
    },
    dispose() {
      disposed = true;
      timer?.dispose();
    },
  };
}
