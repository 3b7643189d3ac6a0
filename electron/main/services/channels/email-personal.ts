/**
 * E-mail to the audience list: one message per person, so each carries that person's own unsubscribe link
 * (`List-Unsubscribe` with an https one-click URL and a mailto, `List-Unsubscribe-Post: List-Unsubscribe=One-Click`,
 * RFC 8058), `Auto-Submitted: auto-generated` (RFC 3834: no out-of-office replies back to the organiser), and a
 * plain-text and an HTML part (multipart/alternative).
 *
 * Exactly-once stays as email.ts has it, per batch: the recipients come from the post's snapshot of the list
 * (the same people in the same order on every attempt), a batch of `batchSize` people goes over one SMTP
 * connection (a few batches at once, `connections`), and DeliveryProgress marks the batch as in doubt right before its first message's dot and done
 * after its last. A connection lost before a dot half-way through a batch records how many of the batch were
 * delivered (part `<batch>@<n>`), so the retry goes on from there. A crash or a lost reply inside a batch leaves
 * that batch in doubt with its recipients, for the operator: at most one batch, never an e-mail twice.
 * Anybody who opted out since the snapshot (or during this send) is skipped right before their message.
 *
 * Language: a person whose language has a variant of the post (`post.variants`, rendered from the template)
 * gets that text and subject; everyone else the main text. Only the words change: batches, part names and
 * DeliveryProgress marks are the same as for a post in one language.
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { DeliveryReceipt } from '../../../../shared/channels';
import type { Clock } from '../../../../shared/clock';
import { ChannelError, type Credentials, type DeliveryProgress, type OutgoingPost } from './channel-adapter';
import { parseRecipients, plainText, safeLink, titleOf } from './format';
import { peerMessage } from './redact';
import { openSmtpSession, type SmtpSessionOptions } from './smtp-session';

/** One person the e-mail goes to. */
interface EmailRecipient {
  address: string;
  /** Absent for the typed extra recipients (the team): they get a mailto unsubscribe only. */
  personId?: number;
  /** The person's one-click unsubscribe URL. */
  unsubscribeUrl?: string;
  /** Opted out since the post's list was fixed: skipped. */
  optedOut?: boolean;
  /** The person's language (from the list), for the post's variant in it. */
  language?: string;
}

/** Where the e-mail adapter finds its recipients (services/audience implements it). */
export interface EmailAudience {
  /** The post's recipients, the same people in the same order on every call for one key. */
  recipients(postKey: string): EmailRecipient[];
  /** Checked right before each message: an opt-out during a long send is honoured. */
  isOptedOut(personId: number): boolean;
}

interface Deps {
  session: Omit<SmtpSessionOptions, 'signal'>;
  clock: Clock;
  batchSize: number;
  /** Batches sent at once, each over its own connection. */
  connections: number;
  messageIdFor(key: string, from: string): string;
  classify(err: unknown): ChannelError;
}

const partOf = (to: readonly string[]) =>
  `to:${createHash('sha256')
    .update([...to].join('\n'))
    .digest('hex')
    .slice(0, 24)}`;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The HTML part: the same words as the text part, paragraphs and the link made clickable. */
function htmlOf(post: OutgoingPost, unsubscribeUrl: string | undefined): string {
  const link = safeLink(post.link);
  const paragraphs = post.text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const more = link && !post.text.includes(link) ? `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : '';
  const unsub = unsubscribeUrl
    ? `<p style="font-size:12px;color:#666"><a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a></p>`
    : '';
  return `<!doctype html><html lang="${escapeHtml(post.lang)}"><head><meta charset="utf-8"><title>${escapeHtml(
    titleOf(post),
  )}</title></head><body>\n${paragraphs}\n${more}\n${unsub}\n</body></html>`;
}

function textOf(post: OutgoingPost, unsubscribeUrl: string | undefined): string {
  const body = plainText(post);
  return unsubscribeUrl ? `${body}\n\n--\nUnsubscribe: ${unsubscribeUrl}` : body;
}

/** The post as this person reads it: the variant of their language when there is one, else the main text. */
export function postFor(post: OutgoingPost, language: string | undefined): OutgoingPost {
  const v = language && language !== post.lang ? post.variants?.[language] : undefined;
  return v ? { ...post, lang: language!, subject: v.subject ?? post.subject, text: v.text } : post;
}

async function composePersonal(post: OutgoingPost, from: string, r: EmailRecipient, messageId: string) {
  const fromAddress = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const mailto = `mailto:${fromAddress}?subject=unsubscribe`;
  const unsubscribe = r.unsubscribeUrl ? `<${r.unsubscribeUrl}>, <${mailto}>` : `<${mailto}>`;
  const headers: Record<string, string> = {
    'X-Onair-Idempotency-Key': post.idempotencyKey.replace(/[\r\n]/g, ''),
    'Auto-Submitted': 'auto-generated',
    'List-Unsubscribe': unsubscribe,
  };
  // RFC 8058 §3.1: the POST header only with an https (or http) URI to post to.
  if (r.unsubscribeUrl) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  const mail = new MailComposer({
    from,
    to: r.address,
    subject: titleOf(post),
    text: textOf(post, r.unsubscribeUrl),
    html: htmlOf(post, r.unsubscribeUrl),
    messageId,
    headers,
    attachments: post.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
  }).compile();
  return { raw: await mail.build(), envelope: { from: fromAddress, to: [r.address] } };
}

export async function sendPersonalEmails(
  d: Deps,
  post: OutgoingPost,
  creds: Credentials,
  audience: EmailAudience,
  progress: DeliveryProgress,
  signal: AbortSignal | undefined,
): Promise<{ receipt: DeliveryReceipt; inDoubt: boolean }> {
  const from = creds.from.trim();
  const extras = parseRecipients(creds.recipients).map((address) => ({ address }));
  const recipients: EmailRecipient[] = [...audience.recipients(post.idempotencyKey), ...extras];
  if (recipients.length === 0)
    throw new ChannelError('email: nobody on the audience list has e-mail consent (and no extra recipients)', false);
  const batches: EmailRecipient[][] = [];
  for (let i = 0; i < recipients.length; i += d.batchSize) batches.push(recipients.slice(i, i + d.batchSize));
  let accepted = 0;
  let rejected = 0;
  let skipped = 0;
  let earlier = 0;
  let lastId = '';
  let lastResponse = '';
  const inDoubt: string[] = [];
  const sendBatch = async (n: number, batch: EmailRecipient[]) => {
    const to = batch.map((r) => r.address);
    const part = partOf(to);
    const which = batches.length > 1 ? `batch ${n + 1} of ${batches.length}` : 'the batch';
    if (progress.isDone(part)) {
      earlier += batch.length;
      return;
    }
    if (progress.isUnknown(part)) {
      inDoubt.push(`${which}: cut off earlier, before its reply`);
      return;
    }
    let start = 0;
    for (let k = batch.length - 1; k > 0; k--)
      if (progress.isDone(`${part}@${k}`)) {
        start = k;
        break;
      }
    earlier += start;
    let session = openSmtpSession({ ...d.session, signal });
    let marked = false;
    let lostReply = false;
    // The next message is composed while the server answers this one.
    const composeAt = (i: number) => {
      if (i >= batch.length) return undefined;
      const messageId = d.messageIdFor(`${post.idempotencyKey}#${batch[i].address}`, from);
      const built = composePersonal(postFor(post, batch[i].language), from, batch[i], messageId).then((m) => ({
        ...m,
        messageId,
      }));
      built.catch(() => undefined); // awaited below; a batch cut short leaves it unawaited
      return built;
    };
    let next = composeAt(start);
    try {
      for (let i = start; i < batch.length; i++) {
        const r = batch[i];
        const composed = next;
        next = composeAt(i + 1);
        if (r.optedOut || (r.personId !== undefined && audience.isOptedOut(r.personId))) {
          skipped++;
          continue;
        }
        const { raw, envelope, messageId } = await composed!;
        const outcome = await session.send(envelope, raw, async () => {
          if (!marked) await progress.markSending(part, to);
          marked = true;
        });
        if (outcome.kind === 'accepted') {
          accepted++;
          lastId = messageId;
          lastResponse = outcome.info.response;
          continue;
        }
        if (outcome.kind === 'no-reply') {
          inDoubt.push(`${which}: ${outcome.why}`);
          lostReply = true;
          break; // the batch stays in doubt; the batches after it are still safe to send
        }
        const code = (outcome.err as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500) {
          // This address refused for good: the others in the batch still get theirs.
          rejected++;
          session = openSmtpSession({ ...d.session, signal });
          continue;
        }
        // Nothing more of this batch went out: keep what did, and let the retry go on from message i.
        if (marked) {
          if (i > start) progress.markDone(`${part}@${i}`);
          progress.markRefused(part);
        }
        throw d.classify(outcome.err);
      }
    } finally {
      session.close();
    }
    if (!lostReply) progress.markDone(part);
  };
  // A few connections at once (as a mail client's pool would); each batch keeps its own exactly-once marks.
  let nextBatch = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && nextBatch < batches.length) {
      const n = nextBatch++;
      try {
        await sendBatch(n, batches[n]);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(d.connections, batches.length) }, worker));
  if (failure !== undefined) throw failure;
  const parts = batches.length > 1 ? ` in ${batches.length} batches` : '';
  const before = earlier ? `; ${earlier} had it from an earlier attempt` : '';
  const out = skipped ? `; ${skipped} opted out` : '';
  const doubt = inDoubt.length ? `; outcome unknown for ${inDoubt.join('; ')}` : '';
  const reply = lastResponse ? `; ${peerMessage(lastResponse, creds, 120)}` : '';
  const detail = `${accepted} of ${accepted + rejected} attendees accepted${parts}${before}${out}${doubt}${reply}`;
  return {
    receipt: { channel: 'email', remoteId: lastId || undefined, detail, at: d.clock.now() },
    inDoubt: inDoubt.length > 0,
  };
}
