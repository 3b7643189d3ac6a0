/**
 * Child process for outbox-crash-anywhere.test.ts: a whole live incident in one process, to be SIGKILLed
 * anywhere in it.
 *   node … tests/integration/support-outbox-flow.ts <dataDir> <FlowConfig json>
 * The app (createOnair, as the web console starts it) watches the `audio-loss` scenario on the test's
 * simulator, every channel is configured against the test's local peers, and once the audio incident is
 * detected the operator acknowledges it, sends the acknowledgement everywhere and, when that round has
 * settled, an update everywhere.
 *
 * What the store has acknowledged is appended to `facts.log` in the data folder the moment it is committed
 * (appendFileSync: a SIGKILL cannot take it back), so the test can check after the restart that none of it
 * was lost. With `killAtChange` the process SIGKILLs itself right after that outbox state change: the
 * `occurrence`-th time (from 1) the entry of that round and channel changed to that status.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChannelId } from '../../shared/channels';
import type { OutboxEntryView } from '../../shared/domain/broadcast/outbox-entry';
import type { TemplatePhase } from '../../shared/domain/vocabulary';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { inMemoryTransport } from '../support/in-memory-transport';
import { HTTP_CHANNELS, type HttpChannel } from '../support/provider-peers';

export interface FlowConfig {
  simUrl: string;
  peers: Record<HttpChannel, string>;
  smtpPort: number;
  killAtChange?: Change & { occurrence: number };
}

/** One outbox state change, as the test names it across runs (incident ids differ between runs). */
export interface Change {
  round: number;
  channel: ChannelId;
  status: OutboxEntryView['status'];
}

/** From an entry's key (`${incidentId}:${round}:${channel}`) and its new status. */
export function changeOf(key: string, status: Change['status']): Change {
  const [channel, round] = key.split(':').reverse();
  return { round: Number(round), channel: channel as ChannelId, status };
}
export const sameChange = (a: Change, b: Change) =>
  a.round === b.round && a.channel === b.channel && a.status === b.status;

export const FLOW_ATTENDEES = ['ada@example.com', 'bob@example.com', 'cy@example.com', 'dee@example.com'];
export const FLOW_CHANNELS: ChannelId[] = ['webinar-chat', 'status-page', 'email', ...HTTP_CHANNELS];
export const FACTS_FILE = 'facts.log';

/** One committed fact per line: `acknowledged <incident>`, `round <n> <incident>`, `state <key> <status>`. */
export type Fact =
  | { kind: 'acknowledged'; incidentId: string }
  | { kind: 'round'; round: number; incidentId: string }
  | { kind: 'state'; key: string; status: OutboxEntryView['status'] };

export function parseFact(line: string): Fact {
  const [kind, a, b] = line.split(' ');
  if (kind === 'acknowledged') return { kind, incidentId: a };
  if (kind === 'round') return { kind, round: Number(a), incidentId: b };
  return { kind: 'state', key: a, status: b as OutboxEntryView['status'] };
}

export function flowCredentials(channel: ChannelId, c: Pick<FlowConfig, 'peers' | 'smtpPort'>): Record<string, string> {
  const url = (ch: HttpChannel) => c.peers[ch];
  switch (channel) {
    case 'email':
      return {
        host: '127.0.0.1',
        port: String(c.smtpPort),
        from: 'events@example.com',
        recipients: FLOW_ATTENDEES.join(', '),
        batchSize: '2', // two messages per post, so a crash can fall between them
      };
    case 'sms':
      return { endpoint: url('sms'), apiKey: 'sms-key-123456', sender: 'Onair', recipients: '+4915100000001' };
    case 'x':
      return { endpoint: url('x'), bearerToken: 'x-token-123456' };
    case 'linkedin':
      return { endpoint: url('linkedin'), accessToken: 'li-token-123456', author: 'urn:li:organization:1' };
    case 'facebook':
      return { endpoint: url('facebook'), pageId: '1234', pageAccessToken: 'fb-token-123456' };
    case 'slack':
      return { webhookUrl: `${url('slack')}/services/T1/B2/secret` };
    case 'teams':
      return { webhookUrl: `${url('teams')}/workflows/1/invoke?sig=secret` };
    case 'discord':
      return { webhookUrl: `${url('discord')}/api/webhooks/1/secret` };
    case 'webhook':
      return { url: `${url('webhook')}/hook`, secret: 'hmac-secret' };
    default:
      return {};
  }
}

/** The app against the data folder and the test's simulator, as `npm run web` would start it. */
export function startApp(dataDir: string, simUrl: string): Promise<Onair> {
  return createOnair({
    dataDir,
    mode: 'web',
    version: 'crash-test',
    log: () => {},
    source: { kind: 'url', url: simUrl },
  });
}

const settled = (e: OutboxEntryView) => e.status === 'sent' || e.status === 'failed' || e.status === 'skipped';
const tick = () => new Promise((r) => setTimeout(r, 5));

async function main(dataDir: string, config: FlowConfig): Promise<void> {
  const fact = (line: string) => appendFileSync(join(dataDir, FACTS_FILE), `${line}\n`);
  const onair = await startApp(dataDir, config.simUrl);
  const kill = config.killAtChange;
  let seen = 0;
  onair.hub.subscribe((name, payload) => {
    if (name !== 'outbox.changed') return;
    const e = payload as OutboxEntryView;
    fact(`state ${e.idempotencyKey} ${e.status}`);
    if (kill && sameChange(changeOf(e.idempotencyKey, e.status), kill) && ++seen === kill.occurrence)
      process.kill(process.pid, 'SIGKILL');
  });
  const t = inMemoryTransport(onair.dispatcher, onair.hub); // the contract, as the console uses it
  for (const channel of FLOW_CHANNELS)
    await t.invoke('channel.configure', { channel, enabled: true, credentials: flowCredentials(channel, config) });
  process.stdout.write('flow: started\n');

  let incident = onair.incidents.list().find((i) => i.kind === 'audio');
  while (!incident) {
    await tick();
    incident = onair.incidents.list().find((i) => i.kind === 'audio');
  }
  await t.invoke('incident.transition', { incidentId: incident.id, action: 'acknowledge', operator: 'giulia' });
  fact(`acknowledged ${incident.id}`);
  process.stdout.write('flow: acknowledged\n');

  for (const phase of ['acknowledge', 'update'] as TemplatePhase[]) {
    const draft = await t.invoke('broadcast.compose', { incidentId: incident.id, phase, lang: 'en' });
    const round = await t.invoke('broadcast.send', {
      incidentId: incident.id,
      phase,
      lang: draft.lang,
      draft: { subject: draft.subject, body: draft.body, link: 'https://status.example.com/' },
      operator: 'giulia',
      channels: FLOW_CHANNELS,
      skipped: [],
    });
    fact(`round ${round.round} ${incident.id}`);
    const id = incident.id;
    const mine = async () => (await onair.outbox.list({ incidentId: id })).filter((e) => e.round === round.round);
    while (!(await mine()).every(settled)) await tick();
  }
  process.stdout.write('flow: done\n');
  setInterval(() => undefined, 60_000); // stay up until the test kills us
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  void main(process.argv[2], JSON.parse(process.argv[3]) as FlowConfig);
