/**
 * Child process for outbox-crash.test.ts:
 *   node --import tsx tests/integration/support-outbox-child.ts <dbfile> <peer urls json> [email]
 * Stores credentials pointing at the local peers (the settings screen's job), enqueues one post per channel
 * and starts sending. The test SIGKILLs it while the peers hold the requests open. With `email`, the peers
 * JSON is `{ "smtpPort": n }` and the one post is an e-mail to EMAIL_ATTENDEES in batches of three.
 * `wireOutbox` is also what the test uses to "restart the app" in-process against the same files.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChannelId } from '../../shared/channels';
import { createChannelRegistry } from '../../electron/main/services/channels/registry';
import { systemClock } from '../../electron/main/services/clock';
import { channelSettingsRepo } from '../../electron/main/services/db/channel-settings-repo';
import { openDatabase } from '../../electron/main/services/db/open';
import { outboxRepo } from '../../electron/main/services/db/outbox-repo';
import { sqliteOutboxStore } from '../../electron/main/services/db/outbox-store-sqlite';
import { createOutbox } from '../../electron/main/services/outbox/outbox';
import { createCredentialsStore } from '../../electron/main/services/secrets/credentials-store';
import { nodeSecretBox } from '../../electron/main/services/secrets/secret-box';
import type { OutboxEntryView } from '../../shared/domain/broadcast/outbox-entry';

export const HTTP_CHANNELS = ['sms', 'x', 'linkedin', 'facebook', 'slack', 'teams', 'discord', 'webhook'] as const;
export type HttpChannel = (typeof HTTP_CHANNELS)[number];
export const CRASH_CHANNELS: ChannelId[] = [...HTTP_CHANNELS, 'status-page'];
export const TOKEN = 'tok_crash_Secret_4711';
export const keyOf = (channel: ChannelId) => `inc-crash:0:${channel}`;
export const EMAIL_ATTENDEES = Array.from({ length: 7 }, (_, i) => `attendee${i}@example.com`);

export function credentialsFor(channel: HttpChannel, url: string): Record<string, string> {
  switch (channel) {
    case 'sms':
      return { endpoint: url, apiKey: TOKEN, sender: 'Onair', recipients: '+4915100000001' };
    case 'x':
      return { endpoint: url, bearerToken: TOKEN };
    case 'linkedin':
      return { endpoint: url, accessToken: TOKEN, author: 'urn:li:organization:1' };
    case 'facebook':
      return { endpoint: url, pageId: '1234', pageAccessToken: TOKEN };
    case 'slack':
      return { webhookUrl: `${url}/services/T1/B2/${TOKEN}` };
    case 'teams':
      return { webhookUrl: `${url}/workflows/1/invoke?sig=${TOKEN}` };
    case 'discord':
      return { webhookUrl: `${url}/api/webhooks/1/${TOKEN}` };
    case 'webhook':
      return { url: `${url}/hook`, secret: TOKEN };
  }
}

/** The app's outbox wiring against `dbFile`, its key file and status page folder beside it. */
export function wireOutbox(dbFile: string, onChange?: (e: OutboxEntryView) => void) {
  const dir = dirname(dbFile);
  const db = openDatabase({ file: dbFile });
  const store = createCredentialsStore({
    repo: channelSettingsRepo(db),
    box: nodeSecretBox(join(dir, 'onair.key')),
    clock: systemClock,
  });
  const adapters = createChannelRegistry({
    chatDestinations: () => [],
    statusPageDir: join(dir, 'status'),
    statusPageBaseUrl: 'http://127.0.0.1/status',
    timeoutMs: 60_000,
  });
  const repo = outboxRepo(db);
  const outbox = createOutbox({
    repo: sqliteOutboxStore(db),
    adapters,
    credentials: (channel) => store.getCredentials(channel),
    clock: systemClock,
    onChange,
  });
  return { db, store, repo, outbox, statusDir: join(dir, 'status') };
}

const post = (channel: ChannelId) => ({
  idempotencyKey: keyOf(channel),
  incidentId: 'inc-crash',
  round: 0,
  channel,
  phase: 'acknowledge' as const,
  lang: 'en',
  subject: 'Audio problem',
  text: 'We hear you: the audio dropped. Our team is on it.',
  eventName: 'Spring Launch',
});

async function main(dbFile: string, peersJson: string, mode: string | undefined): Promise<void> {
  const { store, outbox } = wireOutbox(dbFile);
  if (mode === 'email') {
    const { smtpPort } = JSON.parse(peersJson) as { smtpPort: number };
    store.setCredentials('email', {
      host: '127.0.0.1',
      port: String(smtpPort),
      from: 'events@example.com',
      recipients: EMAIL_ATTENDEES.join(', '),
      batchSize: '3',
    });
    await outbox.enqueue([post('email')]);
    return start(outbox);
  }
  const peers = JSON.parse(peersJson) as Record<HttpChannel, string>;
  for (const channel of HTTP_CHANNELS) store.setCredentials(channel, credentialsFor(channel, peers[channel]));
  store.setCredentials('status-page', { title: 'Spring Launch status' });
  await outbox.enqueue(CRASH_CHANNELS.map(post));
  await start(outbox);
}

async function start(outbox: ReturnType<typeof wireOutbox>['outbox']): Promise<void> {
  await outbox.start();
  process.stdout.write('outbox-child: enqueued and sending\n');
  setInterval(() => undefined, 60_000); // stay alive until the test kills us
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  void main(process.argv[2], process.argv[3], process.argv[4]);
