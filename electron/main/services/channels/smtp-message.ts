/**
 * One e-mail over one SMTP connection, with the two waits RFC 5321 §4.5.3.2 keeps apart.
 *
 * Up to the end-of-data dot nothing is delivered: a server that drops the connection before the dot must
 * discard the message, so any failure there (connect, greeting, TLS, AUTH, MAIL, RCPT, DATA, the data
 * itself) is safe to retry. The whole dialogue up to the dot gets `dialogueMs` (default 5 min, the RFC's
 * minimum for the greeting, MAIL and RCPT replies). Once the dot is written the server may deliver at any
 * moment, and the RFC asks the client to wait at least 10 minutes for the final reply (§4.5.3.2.6): giving up
 * sooner is what re-sent e-mails that had arrived. A reply that never comes is 'no-reply': the outcome is
 * unknown and the message must not be sent again blindly.
 *
 * `beforeDot` runs synchronously just before the dot is written, so the caller can record the message as in
 * doubt first; if it throws, the dot is never written and the server discards the message.
 * nodemailer's own timers stay as real-time backstops above these (the clock-driven ones decide).
 */
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import type { Clock, Disposable } from '../../../../shared/clock';

export const DEFAULT_DIALOGUE_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_FINAL_REPLY_TIMEOUT_MS = 10 * 60_000;

export interface SmtpMessage {
  connection: SMTPConnection.Options;
  auth?: SMTPConnection.Credentials;
  envelope: { from: string; to: string[] };
  raw: Buffer;
  beforeDot(): void;
  clock: Clock;
  dialogueMs: number;
  finalReplyMs: number;
  signal?: AbortSignal;
}

export type MessageOutcome =
  | { kind: 'accepted'; info: SMTPConnection.SentMessageInfo }
  /** Nothing was delivered: before the dot, or refused with a reply code after it. */
  | { kind: 'not-delivered'; err: unknown; afterDot: boolean }
  /** Past the dot, and no reply: it may or may not have been delivered. */
  | { kind: 'no-reply'; why: string };

const timeoutError = (what: string) => Object.assign(new Error(what), { code: 'ETIMEDOUT' });

/**
 * What a failure means for a message: before the end-of-data dot it was not delivered; after it, a reply code
 * is the server's verdict, and anything else (a timeout, a dropped connection) leaves us not knowing.
 */
export function outcomeOfFailure(err: unknown, dotWritten: boolean): MessageOutcome {
  const why = (err as { message?: string } | undefined)?.message ?? 'connection lost';
  if (!dotWritten) return { kind: 'not-delivered', err, afterDot: false };
  if ((err as { responseCode?: number } | undefined)?.responseCode)
    return { kind: 'not-delivered', err, afterDot: true };
  return { kind: 'no-reply', why };
}

export function sendOneMessage(m: SmtpMessage): Promise<MessageOutcome> {
  return new Promise<MessageOutcome>((resolve) => {
    const conn = new SMTPConnection({
      ...m.connection,
      greetingTimeout: m.dialogueMs + 60_000,
      socketTimeout: m.finalReplyMs + 60_000,
      logger: false,
    });
    let dotWritten = false;
    let settled = false;
    let timer: Disposable | undefined;
    const settle = (outcome: MessageOutcome) => {
      if (settled) return;
      settled = true;
      timer?.dispose();
      m.signal?.removeEventListener('abort', onAbort);
      conn.close();
      resolve(outcome);
    };
    const lost = (err: unknown) => settle(outcomeOfFailure(err, dotWritten));
    const onAbort = () => lost(new Error('send was aborted'));
    timer = m.clock.setTimer(m.dialogueMs, () =>
      lost(timeoutError(`no reply from the SMTP server within ${m.dialogueMs} ms`)),
    );

    let pushed = false;
    const message = new Readable({
      read() {
        if (!pushed) {
          pushed = true;
          this.push(m.raw);
          return;
        }
        try {
          m.beforeDot();
        } catch (err) {
          this.destroy(err instanceof Error ? err : new Error('not sent'));
          return;
        }
        dotWritten = true;
        timer?.dispose();
        timer = m.clock.setTimer(m.finalReplyMs, () =>
          lost(new Error(`no reply within ${m.finalReplyMs} ms after the end of data`)),
        );
        this.push(null); // the dot follows the data
      },
    });

    conn.on('error', lost); // 'on': a second error event without a listener would throw
    conn.once('end', () => lost(new Error('the SMTP server closed the connection')));
    if (m.signal?.aborted) return onAbort();
    m.signal?.addEventListener('abort', onAbort, { once: true });
    conn.connect(() => {
      const send = () =>
        conn.send(m.envelope, message, (err, info) => (err ? lost(err) : settle({ kind: 'accepted', info })));
      // As nodemailer's own transport: log in only where the server offers AUTH.
      if (m.auth && (conn as { allowsAuth?: boolean }).allowsAuth)
        conn.login(m.auth, (err) => (err ? lost(err) : send()));
      else send();
    });
  });
}
