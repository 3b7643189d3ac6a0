/**
 * The registrants are the audience list: an import with consents, then real sends. The SMTP peer gets e-mail
 * only for people with e-mail consent, each message personal with List-Unsubscribe (one-click URL + mailto),
 * List-Unsubscribe-Post, Auto-Submitted and a text and an HTML part; a one-click POST to the link (real HTTP)
 * opts the person out, and no later e-mail reaches them. The SMS gateway gets only SMS-consenting numbers.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { join } from 'node:path';
import { createAudience } from '../../electron/main/services/audience/audience';
import { loadOrCreateUnsubscribeKey } from '../../electron/main/services/audience/unsubscribe-token';
import { startUnsubscribeServer } from '../../electron/main/services/audience/unsubscribe-server';
import type { DeliveryProgress } from '../../electron/main/services/channels/channel-adapter';
import { createEmailAdapter } from '../../electron/main/services/channels/email';
import { createSmsAdapter } from '../../electron/main/services/channels/sms';
import { makePost } from '../../electron/main/services/channels/test-support/fixtures';
import { audienceRepo } from '../../electron/main/services/db/audience-repo';
import { openDatabase, type Db } from '../../electron/main/services/db/open';
import { startProviderPeer } from '../support/provider-peers';
import { startSmtpPeer } from '../support/smtp-peer';
import { tempDir } from '../support/temp-dir';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** Eventbrite attendees: everyone registered (e-mail consent), SMS only where "SMS updates" says yes. */
const ATTENDEES = [
  'Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,Cell Phone,Attendee Status,SMS updates',
  '1,2026-11-01,Anna,Rossi,anna@example.com,1,GA,11,+39 347 123 4567,Attending,Yes',
  '2,2026-11-01,Ben,Miller,ben@example.com,1,GA,12,+39 347 765 4321,Attending,No',
  '3,2026-11-02,Carla,Bianchi,carla@example.com,1,GA,13,,Attending,Yes',
  '4,2026-11-02,Dario,Verdi,dario@,1,GA,14,+39 347 000 1111,Attending,Yes',
  '',
].join('\n');

/** A list where only some gave e-mail consent (a custom CSV with a confirmed mapping and a consent column). */
const NEWSLETTER = [
  'Name,Mail,Newsletter',
  'Eva Neri,eva@example.com,yes',
  'Franco Blu,franco@example.com,no',
  '',
].join('\n');

async function setup() {
  const dir = tempDir();
  const db: Db = openDatabase({ file: join(dir, 'onair.sqlite') });
  cleanup.push(() => db.close());
  const local: { url?: string } = {}; // the server starts once the audience it asks exists
  const audience = createAudience({
    repo: audienceRepo(db),
    key: loadOrCreateUnsubscribeKey(join(dir, 'unsubscribe.key')),
    now: () => 1_764_000_000_000,
    localUnsubscribeUrl: () => local.url,
  });
  const server = await startUnsubscribeServer({
    personOf: audience.personOf,
    optOut: (id) => audience.optOut(id, 'email', 'one-click unsubscribe'),
  });
  local.url = server.url;
  cleanup.push(() => server.close());
  const first = audience.preview({ fileName: 'eventbrite-attendees.csv', content: ATTENDEES });
  expect(first.problems).toEqual([{ line: 5, reason: 'bad e-mail address "dario@"' }]);
  audience.confirm(first.previewId);
  const second = audience.preview({
    fileName: 'newsletter.csv',
    content: NEWSLETTER,
    mapping: { name: 'Name', email: 'Mail', emailConsent: 'Newsletter' },
    consent: { email: 'column', sms: 'none' },
  });
  audience.confirm(second.previewId);
  return { audience, server };
}

const header = (raw: string, name: string) =>
  new RegExp(`^${name}: (.*(?:\\r\\n[ \\t].*)*)`, 'mi').exec(raw)?.[1].replace(/\r\n[ \t]+/g, ' ');

describe('the audience list as e-mail and SMS recipients', () => {
  it('e-mails only consenting people, personal unsubscribe headers, and one-click unsubscribe holds', async () => {
    const { audience, server } = await setup();
    expect(audience.counts()).toMatchObject({ people: 5, reachable: { email: 4, sms: 1 } });
    const smtp = await startSmtpPeer();
    cleanup.push(() => smtp.close());
    const email = createEmailAdapter({ audience: audience.email });
    const creds = { host: '127.0.0.1', port: String(smtp.port), from: 'Events <events@example.com>', batchSize: '2' };

    const receipt = await email.send(makePost('email', { idempotencyKey: 'inc-1:1:email' }), creds);
    expect(receipt.detail).toMatch(/^4 of 4 attendees accepted in 2 batches/);
    expect(smtp.inbox.map((m) => m.to).sort()).toEqual([
      ['anna@example.com'],
      ['ben@example.com'],
      ['carla@example.com'],
      ['eva@example.com'],
    ]); // franco gave no e-mail consent; one message per person
    const anna = smtp.inbox.find((m) => m.to[0] === 'anna@example.com')!.raw;
    const unsubscribe = header(anna, 'List-Unsubscribe')!;
    const url = /<(http:\/\/127\.0\.0\.1:\d+\/u\/[^>]+)>/.exec(unsubscribe)?.[1];
    expect(url?.startsWith(server.url)).toBe(true);
    expect(unsubscribe).toMatch(/<mailto:events@example\.com\?subject=unsubscribe>/);
    expect(header(anna, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(anna, 'Auto-Submitted')).toBe('auto-generated');
    expect(header(anna, 'To')).toBe('anna@example.com');
    expect(header(anna, 'Content-Type')).toMatch(/^multipart\/alternative/);
    expect(anna).toMatch(/Content-Type: text\/plain/);
    expect(anna).toMatch(/Content-Type: text\/html/);
    // Every person has their own link.
    const links = smtp.inbox.map((m) => /<(http[^>]+)>/.exec(header(m.raw, 'List-Unsubscribe')!)?.[1]);
    expect(new Set(links).size).toBe(4);

    // A GET (a link scanner) shows the button and unsubscribes nobody.
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<form method="post">/);
    expect(audience.counts().optedOut.email).toBe(0);
    // A forged token is unknown.
    expect(
      (
        await fetch(
          url!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
          { method: 'POST' },
        )
      ).status,
    ).toBe(404);

    // The one-click POST the mail client makes (RFC 8058).
    const posted = await fetch(url!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(posted.status).toBe(200);
    expect(audience.counts()).toMatchObject({ reachable: { email: 3 }, optedOut: { email: 1 } });

    smtp.inbox.length = 0;
    const next = await email.send(makePost('email', { idempotencyKey: 'inc-1:2:email' }), creds);
    expect(next.detail).toMatch(/^3 of 3 attendees accepted/);
    expect(smtp.inbox.map((m) => m.to[0]).sort()).toEqual(['ben@example.com', 'carla@example.com', 'eva@example.com']);

    // A retry of the first post (same recipients snapshot) skips her too.
    smtp.inbox.length = 0;
    const again = await email.send(makePost('email', { idempotencyKey: 'inc-1:1:email' }), creds);
    expect(again.detail).toMatch(/1 opted out/);
    expect(smtp.inbox.map((m) => m.to[0])).not.toContain('anna@example.com');
  });

  it('a batch cut off half-way goes on from the first person not served: nobody twice', async () => {
    const { audience } = await setup();
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
    const post = makePost('email', { idempotencyKey: 'inc-2:1:email' });
    await expect(email.send(post, creds, undefined, progress)).rejects.toMatchObject({ retryable: true });
    expect([...done]).toEqual([expect.stringMatching(/^to:[0-9a-f]{24}@2$/)]); // two of the batch had it
    expect(sending.size).toBe(0);
    const receipt = await email.send(post, creds, undefined, progress);
    expect(receipt.detail).toMatch(/^2 of 2 attendees accepted; 2 had it from an earlier attempt/);
    const got = smtp.inbox.map((m) => m.to[0]).sort();
    expect(got).toEqual(['anna@example.com', 'ben@example.com', 'carla@example.com', 'eva@example.com']);
  });

  it('the SMS gateway gets only the numbers with SMS consent', async () => {
    const { audience } = await setup();
    const gateway = await startProviderPeer('sms');
    cleanup.push(() => gateway.peer.close());
    const sms = createSmsAdapter({ audience: audience.sms });
    await sms.send(makePost('sms'), { endpoint: gateway.peer.url, apiKey: 'k', sender: 'Onair' });
    expect(gateway.posts()).toHaveLength(1);
    expect(gateway.posts()[0].json.to).toEqual(['+393471234567']); // Anna; Ben said no, Carla has no number

    // An SMS opt-out by hand holds for the next post.
    const anna = audience.list('anna', 10, 0)[0];
    audience.optOut(anna.id, 'sms', 'operator: test');
    await expect(
      sms.send(makePost('sms', { idempotencyKey: 'second' }), {
        endpoint: gateway.peer.url,
        apiKey: 'k',
        sender: 'Onair',
      }),
    ).rejects.toThrow(/no recipients/);
  });
});
