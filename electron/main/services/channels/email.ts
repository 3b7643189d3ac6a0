/**
 * E-mail to attendees over SMTP: To = From, attendees in Bcc so no attendee sees another's address, in batches
 * (`batchSize`, default 50) because SMTP servers cap the recipients of one message. The Message-ID is derived
 * from the idempotency key and the batch; `X-Onair-Idempotency-Key` carries the key itself. Off loopback,
 * authentication requires STARTTLS (requireTLS) so the password never crosses the wire in clear.
 *
 * Nobody may get the same e-mail twice, and SMTP cannot recognise a resend, so every batch is recorded
 * through DeliveryProgress: as in doubt (with its recipients) right before its end-of-data dot, as done once
 * the server's 250 arrives. A retry or a restart after a crash sends only the batches never started; a batch
 * whose reply was lost (after up to 10 minutes, RFC 5321 §4.5.3.2.6) is left to the operator, and the batches
 * after it still go out.
 *
 * With an audience list (`audience` option, services/audience) the e-mail goes to the people on it with
 * e-mail consent and no opt-out, one personal message each (email-personal.ts: unsubscribe headers, text and
 * HTML parts); the typed `recipients` field then only adds extra recipients (the team's own test addresses).
 * Without one it is the Bcc batches below, to the typed list.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import { systemClock } from '../clock';
import {
  ChannelError,
  inMemoryProgress,
  DEFAULT_CONNECT_TIMEOUT_MS,
  type AdapterOptions,
  type ChannelAdapter,
  type Credentials,
  type OutgoingPost,
} from './channel-adapter';
import { parseRecipients, plainText } from './format';
import { probe, requireCreds } from './http';
import { peerMessage } from './redact';
import { sendPersonalEmails, type EmailAudience } from './email-personal';
import { DEFAULT_DIALOGUE_TIMEOUT_MS, DEFAULT_FINAL_REPLY_TIMEOUT_MS, sendOneMessage } from './smtp-session';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);
/** testConnection is a person waiting at the settings screen. */
const VERIFY_TIMEOUT_MS = 30_000;
/** Connection-level failures worth retrying; EAUTH, ETLS, EENVELOPE/EMESSAGE 5xx are not. */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPROTOCOL',
  'ESTREAM',
]);

export interface EmailOptions extends AdapterOptions {
  /** Everything up to the end-of-data dot (default 5 min); failing there delivers nothing. */
  dialogueTimeoutMs?: number;
  /** The wait for the reply to the dot (default 10 min, RFC 5321 §4.5.3.2.6); past it the batch is in doubt. */
  finalReplyTimeoutMs?: number;
  /** The audience list: e-mail goes to its consenting people (plus the typed extra recipients). */
  audience?: EmailAudience;
}

export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'onair.invalid';
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<onair.${hash}@${domain}>`;
}

const DEFAULT_BATCH_SIZE = 50;
/** Personal e-mails: batches sent at once, one SMTP connection each (servers commonly allow 10 per client). */
export const PERSONAL_CONNECTIONS = 4;

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

function connectionOptions(creds: Credentials, connectTimeoutMs: number) {
  const c = requireCreds('email', creds, ['host', 'from']);
  const secure = /^(true|1|yes)$/i.test(creds.secure?.trim() ?? '');
  const port = Number(creds.port?.trim() || (secure ? 465 : 587));
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new ChannelError('email: SMTP port is not a valid port', false);
  const auth = creds.user?.trim() ? { user: creds.user.trim(), pass: creds.pass ?? '' } : undefined;
  const connection: SMTPConnection.Options = {
    host: c.host,
    port,
    secure,
    requireTLS: !secure && !!auth && !LOOPBACK.has(c.host),
    connectionTimeout: connectTimeoutMs,
    dnsTimeout: connectTimeoutMs,
  };
  return { connection, auth };
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

/** The MIME text of one batch and its envelope (the From address, also the To, plus the batch in Bcc). */
async function compose(post: OutgoingPost, from: string, bcc: string[], messageId: string) {
  const mail = new MailComposer({
    from,
    to: from,
    bcc,
    subject: post.subject?.trim() || post.eventName,
    text: plainText(post),
    messageId,
    attachments: post.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
    headers: { 'X-Onair-Idempotency-Key': post.idempotencyKey.replace(/[\r\n]/g, '') },
  }).compile();
  const envelope = mail.getEnvelope();
  return { raw: await mail.build(), envelope: { from: envelope.from || from, to: envelope.to } };
}

export function createEmailAdapter(opts: EmailOptions = {}): ChannelAdapter {
  const clock = opts.clock ?? systemClock;
  const connectTimeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const dialogueMs = opts.dialogueTimeoutMs ?? DEFAULT_DIALOGUE_TIMEOUT_MS;
  const finalReplyMs = opts.finalReplyTimeoutMs ?? DEFAULT_FINAL_REPLY_TIMEOUT_MS;
  return {
    id: 'email',
    tracksParts: true,
    async send(post, creds, signal, outboxProgress) {
      const { connection, auth } = connectionOptions(creds, connectTimeoutMs);
      const from = creds.from.trim();
      const fromAddress = (/<([^>]+)>/.exec(from)?.[1] ?? from).toLowerCase();
      if (opts.audience) {
        const session = { connection, auth, clock, dialogueMs, finalReplyMs };
        const deps = {
          session,
          clock,
          batchSize: batchSizeOf(creds),
          connections: PERSONAL_CONNECTIONS,
          messageIdFor,
          classify: (e: unknown) => classifySmtpError(e, creds),
        };
        const progress = outboxProgress ?? inMemoryProgress();
        const { receipt, inDoubt } = await sendPersonalEmails(deps, post, creds, opts.audience, progress, signal);
        if (inDoubt && !outboxProgress) throw ChannelError.maybeDelivered(`email: ${receipt.detail}`);
        return receipt;
      }
      const recipients = parseRecipients(creds.recipients);
      if (recipients.length === 0) throw new ChannelError('email: no attendee addresses configured', false);
      const batches = batchesOf(recipients, batchSizeOf(creds));
      const progress = outboxProgress ?? inMemoryProgress();
      const isAttendee = (a: string | { address: string }) =>
        (typeof a === 'string' ? a : a.address).toLowerCase() !== fromAddress;
      let accepted = 0;
      let rejected = 0;
      let earlier = 0;
      let lastId = '';
      let lastResponse = '';
      const inDoubt: string[] = [];
      for (const [n, bcc] of batches.entries()) {
        const part = partOf(bcc);
        const which = batches.length > 1 ? `message ${n + 1} of ${batches.length}` : 'the message';
        if (progress.isDone(part)) {
          earlier += bcc.length;
          continue;
        }
        if (progress.isUnknown(part)) {
          inDoubt.push(`${which}: cut off earlier, before its reply`);
          continue;
        }
        const messageId = messageIdFor(
          batches.length > 1 ? `${post.idempotencyKey}#${n + 1}` : post.idempotencyKey,
          from,
        );
        const { raw, envelope } = await compose(post, from, bcc, messageId);
        const outcome = await sendOneMessage({
          connection,
          auth,
          envelope,
          raw,
          beforeDot: () => progress.markSending(part, bcc),
          clock,
          dialogueMs,
          finalReplyMs,
          signal,
        });
        if (outcome.kind === 'no-reply') {
          inDoubt.push(`${which}: ${outcome.why}`);
          continue; // the batches after it are still safe to send
        }
        if (outcome.kind === 'not-delivered') {
          if (outcome.afterDot) progress.markRefused(part);
          throw classifySmtpError(outcome.err, creds);
        }
        progress.markDone(part);
        // Count attendees only: the From address is also the To of every batch.
        accepted += outcome.info.accepted.filter(isAttendee).length;
        rejected += outcome.info.rejected.filter(isAttendee).length;
        lastId = messageId;
        lastResponse = outcome.info.response;
      }
      const parts = batches.length > 1 ? ` in ${batches.length} messages` : '';
      const before = earlier ? `; ${earlier} had it from an earlier attempt` : '';
      const doubt = inDoubt.length ? `; outcome unknown for ${inDoubt.join('; ')}` : '';
      const reply = lastResponse ? `; ${peerMessage(lastResponse, creds, 120)}` : '';
      const detail = `${accepted} of ${accepted + rejected} attendees accepted${parts}${before}${doubt}${reply}`;
      // Without an outbox to hand the doubt to, say it the only way there is.
      if (inDoubt.length && !outboxProgress) throw ChannelError.maybeDelivered(`email: ${detail}`);
      return { channel: 'email', remoteId: lastId || undefined, detail, at: Date.now() };
    },
    /** transporter.verify(): connects, upgrades TLS and authenticates without sending a message. */
    testConnection(creds) {
      return probe(async () => {
        const { connection, auth } = connectionOptions(creds, connectTimeoutMs);
        const transporter = nodemailer.createTransport({
          ...connection,
          auth,
          greetingTimeout: VERIFY_TIMEOUT_MS,
          socketTimeout: VERIFY_TIMEOUT_MS,
        });
        try {
          await transporter.verify();
          const extra = parseRecipients(creds.recipients).length;
          const who = opts.audience
            ? `the audience list${extra ? ` plus ${extra} extra recipients` : ''}`
            : `${extra} attendees configured`;
          return `SMTP ${connection.host}:${connection.port} ready; ${who}`;
        } catch (err) {
          throw classifySmtpError(err, creds);
        } finally {
          transporter.close();
        }
      });
    },
  };
}
