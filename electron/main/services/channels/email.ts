/**
 * E-mail to attendees over SMTP (nodemailer): To = From, attendees in Bcc so no attendee sees another's
 * address, in batches (`batchSize`, default 50) because SMTP servers cap the recipients of one message.
 * Each delivered batch is recorded (DeliveryProgress) before the next, so a retry after a failure half-way
 * sends only the batches still missing: nobody gets the same e-mail twice. The Message-ID is derived from the
 * idempotency key and the batch; `X-Onair-Idempotency-Key` carries the key itself.
 * Off loopback, authentication requires STARTTLS (requireTLS) so the password never crosses the wire in clear.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import {
  ChannelError,
  DEFAULT_TIMEOUT_MS,
  type AdapterOptions,
  type ChannelAdapter,
  type Credentials,
} from './channel-adapter';
import { parseRecipients, plainText } from './format';
import { probe, requireCreds } from './http';
import { peerMessage } from './redact';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);
/** Connection-level failures worth retrying; EAUTH, ETLS, EENVELOPE/EMESSAGE 5xx are not. */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPROTOCOL',
]);

export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'onair.invalid';
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<onair.${hash}@${domain}>`;
}

const DEFAULT_BATCH_SIZE = 50;

function batchSizeOf(creds: Credentials): number {
  const n = Number(creds.batchSize?.trim() || DEFAULT_BATCH_SIZE);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new ChannelError('email: recipients per message must be a whole number from 1 to 1000', false);
  return n;
}

function batchesOf<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** A batch is known by who is in it, so a changed attendee list never marks the wrong people as done. */
const partOf = (bcc: readonly string[]) =>
  `bcc:${createHash('sha256')
    .update([...bcc].sort().join('\n'))
    .digest('hex')
    .slice(0, 24)}`;

function transportOptions(creds: Credentials, timeoutMs: number): SMTPTransport.Options {
  const c = requireCreds('email', creds, ['host', 'from']);
  const secure = /^(true|1|yes)$/i.test(creds.secure?.trim() ?? '');
  const port = Number(creds.port?.trim() || (secure ? 465 : 587));
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new ChannelError('email: SMTP port is not a valid port', false);
  const auth = creds.user?.trim() ? { user: creds.user.trim(), pass: creds.pass ?? '' } : undefined;
  return {
    host: c.host,
    port,
    secure,
    requireTLS: !secure && !!auth && !LOOPBACK.has(c.host),
    auth,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  };
}

/** nodemailer error → ChannelError: SMTP 5xx and auth/TLS problems are permanent, 4xx and network are transient. */
function classifySmtpError(err: unknown, creds: Credentials): ChannelError {
  if (err instanceof ChannelError) return err;
  const e = err as { code?: string; responseCode?: number; message?: string };
  const code = e.responseCode;
  const retryable =
    e.code === 'EAUTH' || e.code === 'ETLS'
      ? false
      : code !== undefined && code >= 500
        ? false
        : code !== undefined && code >= 400
          ? true
          : e.code === undefined || TRANSIENT_CODES.has(e.code);
  const what = [e.code, code].filter(Boolean).join(' ') || 'SMTP error';
  const host = creds.host?.trim() || '(no host)';
  return new ChannelError(`email: ${what} from ${host}: ${peerMessage(e.message, creds)}`, retryable, code);
}

function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined, onAbort: () => void): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    onAbort();
    return Promise.reject(new ChannelError('email: send was aborted', true));
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(new ChannelError('email: send was aborted', true));
    };
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

export function createEmailAdapter(opts: AdapterOptions = {}): ChannelAdapter {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    id: 'email',
    async send(post, creds, signal, progress) {
      const options = transportOptions(creds, timeoutMs);
      const from = creds.from.trim();
      const fromAddress = (/<([^>]+)>/.exec(from)?.[1] ?? from).toLowerCase();
      const recipients = parseRecipients(creds.recipients);
      if (recipients.length === 0) throw new ChannelError('email: no attendee addresses configured', false);
      const batches = batchesOf(recipients, batchSizeOf(creds));
      const transporter = nodemailer.createTransport(options);
      let accepted = 0;
      let rejected = 0;
      let earlier = 0;
      let lastId = '';
      let lastResponse = '';
      try {
        for (const [n, bcc] of batches.entries()) {
          const part = partOf(bcc);
          if (progress?.isDone(part)) {
            earlier += bcc.length;
            continue;
          }
          const info = await abortable(
            transporter.sendMail({
              from,
              to: from,
              bcc,
              subject: post.subject?.trim() || post.eventName,
              text: plainText(post),
              messageId: messageIdFor(
                batches.length > 1 ? `${post.idempotencyKey}#${n + 1}` : post.idempotencyKey,
                from,
              ),
              headers: { 'X-Onair-Idempotency-Key': post.idempotencyKey.replace(/[\r\n]/g, '') },
            }),
            signal,
            () => transporter.close(),
          );
          progress?.markDone(part);
          // Count attendees only: the From address is also the To of every batch.
          const isAttendee = (a: string | { address: string }) =>
            (typeof a === 'string' ? a : a.address).toLowerCase() !== fromAddress;
          accepted += info.accepted.filter(isAttendee).length;
          rejected += info.rejected.filter(isAttendee).length;
          lastId = info.messageId;
          lastResponse = info.response;
        }
        const parts = batches.length > 1 ? ` in ${batches.length} messages` : '';
        const before = earlier ? `; ${earlier} had it from an earlier attempt` : '';
        return {
          channel: 'email',
          remoteId: lastId || undefined,
          detail: `${accepted} of ${accepted + rejected} attendees accepted${parts}${before}; ${peerMessage(lastResponse, creds, 120)}`,
          at: Date.now(),
        };
      } catch (err) {
        throw classifySmtpError(err, creds);
      } finally {
        transporter.close();
      }
    },
    /** transporter.verify(): connects, upgrades TLS and authenticates without sending a message. */
    testConnection(creds) {
      return probe(async () => {
        const options = transportOptions(creds, timeoutMs);
        const transporter = nodemailer.createTransport(options);
        try {
          await transporter.verify();
          return `SMTP ${options.host}:${options.port} ready; ${parseRecipients(creds.recipients).length} attendees configured`;
        } catch (err) {
          throw classifySmtpError(err, creds);
        } finally {
          transporter.close();
        }
      });
    },
  };
}
