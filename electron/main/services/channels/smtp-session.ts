/**
 * E-mails over one SMTP connection, one after the other (as nodemailer's pool does), with the two waits
 * RFC 5321 §4.5.3.2 keeps apart.
 *
 * Up to each end-of-data dot nothing is delivered: a server that drops the connection before the dot must
 * discard the message, so any failure there (connect, greeting, TLS, AUTH, MAIL, RCPT, DATA, the data
 * itself) is safe to retry. The dialogue up to the dot gets `dialogueMs` (default 5 min, the RFC's minimum
 * for the greeting, MAIL and RCPT replies). Once the dot is written the server may deliver at any moment, and
 * the RFC asks the client to wait at least 10 minutes for the final reply (§4.5.3.2.6): giving up sooner is
 * what re-sent e-mails that had arrived. A reply that never comes is 'no-reply': the outcome is unknown and
 * the message must not be sent again blindly.
 *
 * Personal e-mails (each with its own unsubscribe link) need one message per recipient; one connection per
 * batch keeps that from costing a TCP and SMTP handshake per attendee. After any outcome other than
 * 'accepted' the session is closed: the caller opens a new one if it goes on. nodemailer's own timers stay as
 * real-time backstops above these (the clock-driven ones decide).
 */
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import type { Clock, Disposable } from '../../../../shared/clock';

export const DEFAULT_DIALOGUE_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_FINAL_REPLY_TIMEOUT_MS = 10 * 60_000;

export type MessageOutcome =
  | { kind: 'accepted'; info: SMTPConnection.SentMessageInfo }
  /** Nothing was delivered: before the dot, or refused with a reply code after it. */
  | { kind: 'not-delivered'; err: unknown; afterDot: boolean }
  /** Past the dot, and no reply: it may or may not have been delivered. */
  | { kind: 'no-reply'; why: string };

/**
 * What a failure means for a message: before the end-of-data dot it was not delivered; after it, a reply code
 * is the server's verdict, and anything else (a timeout, a dropped connection) leaves us not knowing.
 */
function outcomeOfFailure(err: unknown, dotWritten: boolean): MessageOutcome {
  const why = (err as { message?: string } | undefined)?.message ?? 'connection lost';
  if (!dotWritten) return { kind: 'not-delivered', err, afterDot: false };
  if ((err as { responseCode?: number } | undefined)?.responseCode)
    return { kind: 'not-delivered', err, afterDot: true };
  return { kind: 'no-reply', why };
}

export interface SmtpSessionOptions {
  connection: SMTPConnection.Options;
  auth?: SMTPConnection.Credentials;
  clock: Clock;
  dialogueMs: number;
  finalReplyMs: number;
  signal?: AbortSignal;
}

export interface SmtpSession {
  /**
   * `beforeDot` runs right before this message's dot, and the dot waits for it, so the caller can record the
   * message as in doubt first; if it throws (or rejects), the dot is never written and the server discards the message.
   */
  send(
    envelope: { from: string; to: string[] },
    raw: Buffer,
    beforeDot: () => void | Promise<void>,
  ): Promise<MessageOutcome>;
  close(): void;
}

const timeoutError = (what: string) => Object.assign(new Error(what), { code: 'ETIMEDOUT' });

/** One e-mail on a connection of its own. */
export async function sendOneMessage(
  m: SmtpSessionOptions & { envelope: { from: string; to: string[] }; raw: Buffer; beforeDot(): void | Promise<void> },
): Promise<MessageOutcome> {
  const session = openSmtpSession(m);
  try {
    return await session.send(m.envelope, m.raw, m.beforeDot);
  } finally {
    session.close();
  }
}

export function openSmtpSession(o: SmtpSessionOptions): SmtpSession {
  const conn = new SMTPConnection({
    ...o.connection,
    greetingTimeout: o.dialogueMs + 60_000,
    socketTimeout: o.finalReplyMs + 60_000,
    logger: false,
  });
  let broken: unknown;
  let onLost: ((err: unknown) => void) | undefined;
  const lostAll = (err: unknown) => {
    broken ??= err;
    onLost?.(err);
  };
  conn.on('error', lostAll);
  conn.once('end', () => lostAll(new Error('the SMTP server closed the connection')));
  const onAbort = () => lostAll(new Error('send was aborted'));
  o.signal?.addEventListener('abort', onAbort, { once: true });
  if (o.signal?.aborted) broken = new Error('send was aborted');

  let ready: Promise<void> | undefined;
  const connect = () =>
    (ready ??= new Promise<void>((resolve, reject) => {
      onLost = reject;
      conn.connect(() => {
        // Many messages on one connection: without TCP_NODELAY the small write of each end-of-data dot waits
        // for the ACK of the data before it (Nagle), which the server delays by up to 40 ms (delayed ACK).
        (conn as unknown as { _socket?: { setNoDelay?(on: boolean): void } })._socket?.setNoDelay?.(true);
        if (o.auth && (conn as { allowsAuth?: boolean }).allowsAuth)
          conn.login(o.auth, (err) => (err ? reject(err) : resolve()));
        else resolve();
      });
    }));

  const close = () => {
    o.signal?.removeEventListener('abort', onAbort);
    onLost = undefined;
    conn.close();
  };

  return {
    close,
    send(envelope, raw, beforeDot) {
      return new Promise<MessageOutcome>((resolve) => {
        let dotWritten = false;
        let settled = false;
        let timer: Disposable | undefined;
        const settle = (outcome: MessageOutcome) => {
          if (settled) return;
          settled = true;
          timer?.dispose();
          onLost = undefined;
          if (outcome.kind !== 'accepted') {
            broken ??= new Error('session closed after a failed message');
            close();
          }
          resolve(outcome);
        };
        const lost = (err: unknown) => settle(outcomeOfFailure(err, dotWritten));
        if (broken) return lost(broken);
        timer = o.clock.setTimer(o.dialogueMs, () =>
          lost(timeoutError(`no reply from the SMTP server within ${o.dialogueMs} ms`)),
        );
        let pushed = false;
        const message = new Readable({
          read() {
            if (!pushed) {
              pushed = true;
              this.push(raw);
              return;
            }
            new Promise<void>((resolve) => resolve(beforeDot())).then(
              () => {
                dotWritten = true;
                timer?.dispose();
                timer = o.clock.setTimer(o.finalReplyMs, () =>
                  lost(new Error(`no reply within ${o.finalReplyMs} ms after the end of data`)),
                );
                this.push(null);
              },
              (err: unknown) => this.destroy(err instanceof Error ? err : new Error('not sent')),
            );
          },
        });
        connect().then(() => {
          if (settled) return;
          onLost = lost;
          conn.send(envelope, message, (err, info) => (err ? lost(err) : settle({ kind: 'accepted', info })));
        }, lost);
      });
    },
  };
}
