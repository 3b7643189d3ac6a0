/**
 * Slow and lying peers: every network channel against a platform stand-in that answers after 12 s, 60 s or
 * 10 minutes, answers 200 and publishes nothing, cuts its answer off half-way, or drops the connection
 * without a word. The real channel registry and outbox run on one fake clock over a real SQLite file; a
 * "slow" peer holds its answer until the test has advanced the clock, so nothing really waits.
 *
 * After each run the clock is moved on by a day with nothing left pending, and the platform's own count of
 * what it published is checked: never a second post where the channel cannot recognise our key, at most
 * one where it can; whatever could not be settled is in front of the operator with a reason.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_SPECS, type ChannelId } from '../../shared/channels';
import { type OutboxEntryView, OUTCOME_UNKNOWN } from '../../shared/domain/broadcast/outbox-entry';
import { createChannelRegistry } from '../../electron/main/services/channels/registry';
import { openDatabase } from '../../electron/main/services/db/open';
import { outboxRepo } from '../../electron/main/services/db/outbox-repo';
import { sqliteOutboxStore } from '../../electron/main/services/db/outbox-store-sqlite';
import { createOutbox } from '../../electron/main/services/outbox/outbox';
import { fakeClock } from '../support/fake-clock';
import { poll } from '../support/poll';
import {
  HTTP_CHANNELS,
  startProviderPeer,
  type Behaviour,
  type HttpChannel,
  type ProviderPeer,
} from '../support/provider-peers';
import { startSmtpPeer, type SmtpReply } from '../support/smtp-peer';
import { tempDir } from '../support/temp-dir';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const ATTENDEES = ['ada@example.com', 'bob@example.com', 'cy@example.com'];
const SECOND = 1000;
const MINUTE = 60 * SECOND;

type Case = 'after 12 s' | 'after 60 s' | 'after 10 min' | 'lies' | 'cuts off' | 'drops';
const DELAY: Partial<Record<Case, number>> = {
  'after 12 s': 12 * SECOND,
  'after 60 s': MINUTE,
  'after 10 min': 10 * MINUTE,
};

function credentialsFor(channel: ChannelId, url: string, smtpPort: number): Record<string, string> {
  switch (channel) {
    case 'sms':
      return { endpoint: url, apiKey: 'sms-key-123456', sender: 'Onair', recipients: '+4915100000001' };
    case 'x':
      return { endpoint: url, bearerToken: 'x-token-123456' };
    case 'linkedin':
      return { endpoint: url, accessToken: 'li-token-123456', author: 'urn:li:organization:1' };
    case 'facebook':
      return { endpoint: url, pageId: '1234', pageAccessToken: 'fb-token-123456' };
    case 'slack':
      return { webhookUrl: `${url}/services/T1/B2/secret` };
    case 'teams':
      return { webhookUrl: `${url}/workflows/1/invoke?sig=secret` };
    case 'discord':
      return { webhookUrl: `${url}/api/webhooks/1/secret` };
    case 'webhook':
      return { url: `${url}/hook`, secret: 'hmac-secret' };
    default:
      return {
        host: '127.0.0.1',
        port: String(smtpPort),
        from: 'events@example.com',
        recipients: ATTENDEES.join(', '),
      };
  }
}

/** The real adapters and outbox on one fake clock, one post on `channel`, started. */
async function wire(channel: ChannelId, url: string, smtpPort: number) {
  const clock = fakeClock();
  const dir = tempDir('onair-slow-');
  const db = openDatabase({ file: join(dir, 'onair.sqlite') });
  const repo = outboxRepo(db);
  const adapters = createChannelRegistry({
    chatDestinations: () => [],
    statusPageDir: join(dir, 'status'),
    statusPageBaseUrl: 'http://127.0.0.1/status',
    clock,
  });
  const outbox = createOutbox({
    repo: sqliteOutboxStore(db),
    adapters,
    clock,
    credentials: () => credentialsFor(channel, url, smtpPort),
  });
  cleanup.push(async () => {
    await outbox.stop();
    db.close();
  });
  await outbox.start();
  const [entry] = await outbox.enqueue([
    {
      idempotencyKey: `inc-slow:1:${channel}`,
      incidentId: 'inc-slow',
      round: 1,
      channel,
      phase: 'acknowledge',
      lang: 'en',
      subject: 'Audio problem',
      text: 'We hear you: the audio dropped. Our team is on it.',
      eventName: 'Spring Launch',
    },
  ]);
  return { clock, repo, id: entry.id };
}

/** Lets real I/O run between clock moves: a queued entry is woken at its due time, until it is settled. */
async function settle(w: Awaited<ReturnType<typeof wire>>): Promise<OutboxEntryView> {
  const done = (e: OutboxEntryView | undefined) => e?.status === 'sent' || e?.status === 'failed';
  const final = await poll(
    () => {
      const e = w.repo.byId(w.id);
      if (e?.status === 'queued') w.clock.advance(Math.max(0, e.nextAttemptAt - w.clock.now()));
      return e;
    },
    { until: done, timeoutMs: 10_000, intervalMs: 5, what: 'the entry to be sent or failed' },
  );
  w.clock.advance(24 * 60 * MINUTE); // a day later: nothing is left to fire
  expect(w.clock.pending()).toBe(0);
  return final!;
}

/** Opens on demand: the test releases a held answer after moving the clock. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

async function runHttp(channel: HttpChannel, c: Case) {
  const late = gate();
  const first: Behaviour =
    c === 'lies' ? 'lie' : c === 'cuts off' ? 'cut' : c === 'drops' ? 'close' : { after: late.opened };
  const provider: ProviderPeer = await startProviderPeer(channel, (n) => (n === 0 ? first : 'answer'));
  cleanup.push(() => provider.peer.close());
  const w = await wire(channel, provider.peer.url, 0);
  await provider.arrivals(1);
  const delay = DELAY[c];
  if (delay !== undefined) {
    w.clock.advance(delay);
    late.open();
  }
  return { entry: await settle(w), provider };
}

async function runEmail(c: Case) {
  const late = gate();
  const first: SmtpReply | Promise<SmtpReply> =
    c === 'lies' ? 'ok' : c === 'cuts off' || c === 'drops' ? 'close' : late.opened.then(() => 'ok' as const);
  let arrive!: () => void;
  const arrived = new Promise<void>((r) => (arrive = r));
  const smtp = await startSmtpPeer({}, { reply: (_m, n) => (n === 0 ? (arrive(), first) : 'ok') });
  cleanup.push(() => smtp.close());
  const w = await wire('email', '', smtp.port);
  await arrived;
  if (c === 'lies') smtp.inbox.splice(0); // a 250 for a message it then throws away
  const delay = DELAY[c];
  if (delay !== undefined) {
    w.clock.advance(delay);
    late.open();
  }
  const entry = await settle(w);
  const received = smtp.inbox.flatMap((m) => m.to).filter((a) => a !== 'events@example.com');
  return { entry, received, messages: smtp.inbox.length };
}

const CASES: Case[] = ['after 12 s', 'after 60 s', 'after 10 min', 'lies', 'cuts off', 'drops'];
/** Cases where the request got out and no answer came back in time: the outcome is unknown. */
const UNKNOWN_OVER_HTTP = new Set<Case>(['after 60 s', 'after 10 min', 'cuts off', 'drops']);

describe.each(CASES)('a platform that answers %s', (c) => {
  it.each(HTTP_CHANNELS)('%s: never a second post, and a post in doubt is put to the operator', async (channel) => {
    const { entry, provider } = await runHttp(channel, c);
    if (!UNKNOWN_OVER_HTTP.has(c)) {
      expect(entry, channel).toMatchObject({ status: 'sent', attempts: 1 });
      expect(provider.peer.requests, channel).toHaveLength(1);
      expect(provider.published(), channel).toBe(c === 'lies' ? 0 : 1);
    } else if (CHANNEL_SPECS[channel].dedupesByKey) {
      // Asked again with the same key: the platform answers the repeat without posting again.
      expect(entry, channel).toMatchObject({ status: 'sent', attempts: 2 });
      expect(provider.peer.requests.map((r) => r.headers['idempotency-key'])).toEqual([
        `inc-slow:1:${channel}`,
        `inc-slow:1:${channel}`,
      ]);
      expect(provider.published(), channel).toBe(1);
    } else {
      expect(entry, channel).toMatchObject({ status: 'failed', attempts: 1 });
      expect(entry.lastError, channel).toMatch(
        new RegExp(
          `^${OUTCOME_UNKNOWN}: .* may already show it \\(${channel}: .*\\)\\. Check there, then Retry or Skip\\.$`,
        ),
      );
      expect(provider.peer.requests, `${channel}: no blind resend`).toHaveLength(1);
      expect(provider.published(), channel).toBe(1);
    }
  });

  it('e-mail: every attendee at most once; a message in doubt names its recipients', async () => {
    const { entry, received, messages } = await runEmail(c);
    if (c === 'after 12 s' || c === 'after 60 s' || c === 'lies') {
      // SMTP waits up to 10 minutes for the reply to the dot, so these are plain deliveries.
      expect(entry).toMatchObject({ status: 'sent', attempts: 1 });
      expect(messages).toBe(c === 'lies' ? 0 : 1);
    } else {
      expect(entry).toMatchObject({ status: 'failed', attempts: 1 });
      expect(entry.lastError).toMatch(
        new RegExp(`^${OUTCOME_UNKNOWN}: E-mail to attendees: .*to 3 recipients: ${ATTENDEES.join(', ')}\\.`),
      );
      expect(messages).toBe(1);
    }
    expect(new Set(received).size).toBe(received.length);
  });
});
