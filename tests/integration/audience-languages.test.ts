/**
 * E-mail and SMS go to the list in each person's language where a template exists (issue 11). The draft is
 * the operator's English text (edited by hand); the Italian and German variants are rendered from the template
 * with the same facts, fitted like the main text, and carried by the post. The real SMTP peer and the SMS
 * gateway peer then show: it/de readers get their language's template words, the English reader and a reader
 * whose language has no template (ja) get the main text, and a send cut off half-way and retried reaches
 * nobody twice (same parts, same idempotency keys).
 */
import { afterEach, describe, expect, it } from 'vitest';

import { join } from 'node:path';
import { createAudience } from '../../electron/main/services/audience/audience';
import { loadOrCreateUnsubscribeKey } from '../../electron/main/services/audience/unsubscribe-token';
import type { DeliveryProgress, OutgoingPost } from '../../electron/main/services/channels/channel-adapter';
import { createEmailAdapter } from '../../electron/main/services/channels/email';
import { createSmsAdapter } from '../../electron/main/services/channels/sms';
import { makePost } from '../../electron/main/services/channels/test-support/fixtures';
import { audienceRepo } from '../../electron/main/services/db/audience-repo';
import { openDatabase } from '../../electron/main/services/db/open';
import { languageVariants, variantLanguages } from '../../shared/domain/broadcast/language-variants';
import { renderTemplate } from '../../shared/domain/broadcast/templates';
import { startProviderPeer } from '../support/provider-peers';
import { startSmtpPeer } from '../support/smtp-peer';
import { tempDir } from '../support/temp-dir';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const PEOPLE = [
  'Name,Email,Phone,Language,SMS',
  'Anna Rossi,anna@example.com,+39 347 123 4567,it,yes',
  'Ben Miller,ben@example.com,+39 347 765 4321,en,yes',
  'Dora Krause,dora@example.com,+39 347 555 0001,de,yes',
  'Kenji Sato,kenji@example.com,+39 347 555 0002,ja,yes',
  'Lina Weber,lina@example.com,+39 347 555 0003,de,no',
  '',
].join('\n');

const EVENT = 'Spring Launch Webinar';
const LINK = 'https://status.example.com/';
/** Words only each language's template has. */
const WORDS = { it: 'Ci scusiamo', de: 'Entschuldigung', en: 'OPERATOR EDIT' } as const;

function setup() {
  const dir = tempDir();
  const db = openDatabase({ file: join(dir, 'onair.sqlite') });
  cleanup.push(() => db.close());
  const audience = createAudience({
    repo: audienceRepo(db),
    key: loadOrCreateUnsubscribeKey(join(dir, 'unsubscribe.key')),
    now: () => 1_764_000_000_000,
    localUnsubscribeUrl: () => 'http://127.0.0.1:9/',
  });
  const preview = audience.preview({
    fileName: 'people.csv',
    content: PEOPLE,
    mapping: { name: 'Name', email: 'Email', phone: 'Phone', language: 'Language', smsConsent: 'SMS' },
    consent: { email: 'registered', sms: 'column' },
  });
  expect(preview.problems).toEqual([]);
  audience.confirm(preview.previewId);
  return audience;
}

/** The post as broadcast-service.send builds it: the operator's English text, the variants from the template. */
function postWithVariants(audience: ReturnType<typeof setup>, channel: 'email' | 'sms', key: string): OutgoingPost {
  const langs = variantLanguages('en', audience.languages(channel));
  const variants = languageVariants(
    langs.map((l) => l.lang),
    (lang) => renderTemplate({ kind: 'audio', phase: 'acknowledge', lang, vars: { eventName: EVENT } }),
    LINK,
    channel,
  );
  return makePost(channel, {
    idempotencyKey: key,
    eventName: EVENT,
    link: LINK,
    subject: 'OPERATOR EDIT: audio',
    text: `${WORDS.en}: the audio dropped, we are on it.`,
    variants,
  });
}

/** The message with its quoted-printable parts decoded enough to read ASCII words and markup. */
const bodyOf = (raw: string) =>
  raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));

describe('e-mail and SMS in each person’s language', () => {
  it('counts the readers per language and renders a variant only where a template exists', () => {
    const audience = setup();
    expect(audience.languages('email')).toEqual({ it: 1, en: 1, de: 2, ja: 1 });
    expect(audience.languages('sms')).toEqual({ it: 1, en: 1, de: 1, ja: 1 }); // Lina gave no SMS consent
    const post = postWithVariants(audience, 'email', 'inc-1:1:email');
    expect(Object.keys(post.variants ?? {}).sort()).toEqual(['de', 'it']); // not en (the draft's), not ja (no template)
    expect(post.variants!.it.text).toContain(WORDS.it);
    expect(post.variants!.it.text).toContain(LINK);
  });

  it('e-mails each person their language’s template, the main text otherwise, and nobody twice across a retry', async () => {
    const audience = setup();
    // The third message is refused for now (451): the batch stops there and the retry goes on from it.
    const smtp = await startSmtpPeer({}, { reply: (_m, n) => (n === 2 ? { code: 451, message: 'try later' } : 'ok') });
    cleanup.push(() => smtp.close());
    const email = createEmailAdapter({ audience: audience.email });
    const creds = { host: '127.0.0.1', port: String(smtp.port), from: 'events@example.com', batchSize: '10' };
    const done = new Set<string>();
    const sending = new Map<string, readonly string[]>();
    const progress: DeliveryProgress = {
      isDone: (p) => done.has(p),
      markDone: (p) => (done.add(p), sending.delete(p)),
      markSending: async (p, r) => void sending.set(p, r),
      markRefused: (p) => void sending.delete(p),
      isUnknown: (p) => sending.has(p),
    };
    const post = postWithVariants(audience, 'email', 'inc-1:1:email');
    await expect(email.send(post, creds, undefined, progress)).rejects.toMatchObject({ retryable: true });
    expect([...done]).toEqual([expect.stringMatching(/^to:[0-9a-f]{24}@2$/)]); // the same part names as in one language
    const receipt = await email.send(post, creds, undefined, progress);
    expect(receipt.detail).toMatch(/^3 of 3 attendees accepted; 2 had it from an earlier attempt/);

    const to = smtp.inbox.map((m) => m.to[0]);
    expect(to.sort()).toEqual([
      'anna@example.com',
      'ben@example.com',
      'dora@example.com',
      'kenji@example.com',
      'lina@example.com',
    ]); // each exactly once
    const mail = (a: string) => bodyOf(smtp.inbox.find((m) => m.to[0] === a)!.raw);
    expect(mail('anna@example.com')).toContain(WORDS.it);
    expect(mail('anna@example.com')).toMatch(/<html lang="it">/);
    expect(mail('anna@example.com')).not.toContain(WORDS.en);
    for (const de of ['dora@example.com', 'lina@example.com']) {
      expect(mail(de)).toContain(WORDS.de);
      expect(mail(de)).not.toContain(WORDS.en);
    }
    for (const main of ['ben@example.com', 'kenji@example.com']) {
      expect(mail(main)).toContain(WORDS.en);
      expect(mail(main)).not.toContain(WORDS.it);
      expect(mail(main)).not.toContain(WORDS.de);
    }
  });

  it('texts one gateway request per language, each de-duplicated by its own key on a retry', async () => {
    const audience = setup();
    const gateway = await startProviderPeer('sms');
    cleanup.push(() => gateway.peer.close());
    const sms = createSmsAdapter({ audience: audience.sms });
    const creds = { endpoint: gateway.peer.url, apiKey: 'k', sender: 'Onair' };
    const post = postWithVariants(audience, 'sms', 'inc-1:1:sms');
    const receipt = await sms.send(post, creds);
    expect(receipt.detail).toMatch(/4 recipients \(in their language: de 1, it 1\)/);
    await sms.send(post, creds); // a retry of the same entry
    const posts = gateway.posts();
    expect(posts).toHaveLength(3); // the peer published each key once
    const byKey = new Map(posts.map((p) => [p.headers['idempotency-key'], p.json as { to: string[]; text: string }]));
    expect([...byKey.keys()].sort()).toEqual(['inc-1:1:sms', 'inc-1:1:sms#de', 'inc-1:1:sms#it']);
    const main = byKey.get('inc-1:1:sms')!;
    expect(main.to.sort()).toEqual(['+393475550002', '+393477654321']); // Kenji (ja, no template) and Ben (en)
    expect(main.text).toContain(WORDS.en);
    expect(byKey.get('inc-1:1:sms#it')).toMatchObject({ to: ['+393471234567'] });
    expect(byKey.get('inc-1:1:sms#it')!.text).toContain(WORDS.it);
    expect(byKey.get('inc-1:1:sms#de')).toMatchObject({ to: ['+393475550001'] });
    expect(byKey.get('inc-1:1:sms#de')!.text).toContain(WORDS.de);
    for (const p of posts) expect(Object.keys(p.json as object).sort()).toEqual(['from', 'text', 'to']);
  });
});
