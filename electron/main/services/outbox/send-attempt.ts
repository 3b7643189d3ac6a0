/**
 * One send of one outbox entry: the adapter call under the outbox's own deadline, with its parts recorded
 * as it goes. The deadline is a backstop above every adapter's own timeouts (which say whether their request
 * got out); it restarts whenever the adapter records progress, so a long e-mail list is not cut off half-way.
 *
 * When the backstop fires, the adapter is aborted and given a moment to say how far it got: an adapter that
 * had not sent anything yet makes it a plain retry, one that had (or says nothing) makes it an unknown
 * outcome. Once the attempt is over, markSending refuses, so a late adapter cannot start a part that the next
 * attempt might send too.
 */
import type { DeliveryReceipt } from '../../../../shared/channels';
import type { Clock, Disposable } from '../../../../shared/clock';
import { REHEARSAL_NOT_SENT, type OutboxEntryView } from '../../../../shared/domain/broadcast/outbox-entry';
import {
  ChannelError,
  type ChannelAdapter,
  type Credentials,
  type DeliveryProgress,
  type OutgoingPost,
} from '../channels/channel-adapter';
import type { OutboxStore } from './outbox-store';

/** How long an aborted adapter may take to report whether its request had left. */
const ABORT_GRACE_MS = 1000;

export interface AttemptDeps {
  repo: OutboxStore;
  clock: Clock;
  sendTimeoutMs: number;
}

export interface Attempt {
  receipt: DeliveryReceipt;
  /** Parts that went past their point of no return without an answer (now or in an earlier attempt). */
  inDoubt: ReadonlyMap<string, readonly string[]>;
}

/**
 * A rehearsal's post is delivered to the sandbox: the entry keeps the text rendered for its channel, and this
 * receipt says no channel saw it. Nothing upstream can make it reach a real person.
 */
export function sandboxReceipt(entry: Pick<OutboxEntryView, 'channel' | 'text'>, at: number): DeliveryReceipt {
  return {
    channel: entry.channel,
    remoteId: 'sandbox',
    detail: `${REHEARSAL_NOT_SENT} (${entry.text.length} characters kept in the sandbox)`,
    at,
  };
}

export async function attemptSend(
  d: AttemptDeps,
  adapter: ChannelAdapter,
  entry: OutboxEntryView,
  creds: Credentials,
): Promise<Attempt> {
  const { repo, clock, sendTimeoutMs } = d;
  const id = entry.id;
  const done = new Set(await repo.partsDone(id));
  const inDoubt = new Map(Object.entries(await repo.partsSending(id)).filter(([part]) => !done.has(part)));
  let over = false;
  let deadline: Disposable | undefined;
  let restartDeadline = () => undefined as void;
  // The marks are written one after another, in the order the adapter made them; the attempt is over only
  // when the last one is stored.
  let writes: Promise<void> = Promise.resolve();
  const record = (write: () => Promise<void>) => (writes = writes.then(write));
  const progress: DeliveryProgress = {
    isDone: (part) => done.has(part),
    isUnknown: (part) => inDoubt.has(part),
    markSending(part, recipients) {
      if (over)
        return Promise.reject(
          new ChannelError(`${entry.channel}: this send attempt is over; nothing more may go out`, true),
        );
      inDoubt.set(part, [...recipients]);
      restartDeadline();
      return record(() => repo.markPartSending(id, part, recipients));
    },
    markDone(part) {
      done.add(part);
      inDoubt.delete(part);
      restartDeadline();
      void record(() => repo.markPartDone(id, part));
    },
    markRefused(part) {
      inDoubt.delete(part);
      void record(() => repo.clearPartSending(id, part));
    },
  };
  const abort = new AbortController();
  const send = new Promise<DeliveryReceipt>((resolve) =>
    resolve(adapter.send(toPost(entry), creds, abort.signal, progress)),
  );

  return new Promise<Attempt>((resolve, reject) => {
    const expire = () => {
      over = true;
      abort.abort();
      const why = `${entry.channel}: send did not finish within ${sendTimeoutMs} ms`;
      // Parts record their own doubt; for a post in one piece, silence means it may be out.
      const unknown = () => (adapter.tracksParts ? new ChannelError(why, true) : ChannelError.maybeDelivered(why));
      const grace = clock.setTimer(ABORT_GRACE_MS, () => reject(unknown()));
      send.then(
        (receipt) => {
          grace.dispose();
          writes.then(() => resolve({ receipt, inDoubt }), reject);
        },
        (err: unknown) => {
          grace.dispose();
          const notSent = err instanceof ChannelError && !err.maybeDelivered;
          reject(notSent ? new ChannelError(why, true) : unknown());
        },
      );
    };
    restartDeadline = () => {
      if (over) return;
      deadline?.dispose();
      deadline = clock.setTimer(sendTimeoutMs, expire);
    };
    restartDeadline();
    send.then(
      (receipt) => {
        if (over) return;
        over = true;
        deadline?.dispose();
        writes.then(() => resolve({ receipt, inDoubt }), reject);
      },
      (err: unknown) => {
        if (over) return;
        over = true;
        deadline?.dispose();
        writes.then(() => reject(err), reject);
      },
    );
  });
}

function toPost(e: OutboxEntryView): OutgoingPost {
  return {
    idempotencyKey: e.idempotencyKey,
    channel: e.channel,
    subject: e.subject,
    text: e.text,
    link: e.link,
    incidentId: e.incidentId,
    eventName: e.eventName,
    lang: e.lang,
    createdAt: e.createdAt,
    phase: e.phase,
    ...(e.attachments ? { attachments: e.attachments } : {}),
    ...(e.variants ? { variants: e.variants } : {}),
  };
}
