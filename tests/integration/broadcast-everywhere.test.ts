/**
 * One update, every channel, real peers on 127.0.0.1: an in-process SMTP server, HTTP stand-ins for the
 * SMS gateway, X, LinkedIn, Facebook, Slack, Teams, Discord and a generic webhook, and the status page
 * fetched over HTTP with its Atom/RSS feeds parsed. Driven through the same contract the UI uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelId } from '../../shared/channels';
import type { Transport } from '../../shared/contract';
import type { Onair } from '../../electron/main/services/onair';
import { startPeer, type Peer } from '../support/http-peer';
import { startSmtpPeer } from '../support/smtp-peer';
import { onairInProcess } from '../support/onair-in-process';
import type { OutboxEntryView } from '../../shared/domain/broadcast/outbox-entry';

const HTTP_CHANNELS = ['sms', 'x', 'linkedin', 'facebook', 'slack', 'teams', 'discord', 'webhook'] as const;
let onair: Onair;
let t: Transport;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
const peers = {} as Record<(typeof HTTP_CHANNELS)[number], Peer>;

const replies: Record<
  (typeof HTTP_CHANNELS)[number],
  () => { status: number; body: unknown; headers?: Record<string, string> }
> = {
  sms: () => ({ status: 200, body: { id: 'sms-1' } }),
  x: () => ({ status: 201, body: { data: { id: '1850000000000000000', text: 'ok' } } }),
  linkedin: () => ({ status: 201, body: '', headers: { 'x-restli-id': 'urn:li:share:1' } }),
  facebook: () => ({ status: 200, body: { id: '123_456' } }),
  slack: () => ({ status: 200, body: 'ok' }),
  teams: () => ({ status: 202, body: '' }),
  discord: () => ({ status: 200, body: { id: '999' } }),
  webhook: () => ({ status: 204, body: '' }),
};

beforeAll(async () => {
  smtp = await startSmtpPeer();
  for (const c of HTTP_CHANNELS) peers[c] = await startPeer(() => replies[c]() as never);
  ({ onair, t } = await onairInProcess());
  onair.ingest.hello({
    source: 'test',
    eventName: 'Launch webinar',
    scenario: 'everywhere',
    startedAt: Date.now(),
    speed: 1,
  });

  const creds: Record<string, Record<string, string>> = {
    email: {
      host: '127.0.0.1',
      port: String(smtp.port),
      secure: 'false',
      from: 'events@example.com',
      recipients: 'ada@example.com, bob@example.com',
    },
    sms: { endpoint: peers.sms.url, apiKey: 'sms-secret-key', sender: 'Onair', recipients: '+393331234567' },
    x: { endpoint: peers.x.url, bearerToken: 'x-secret-token' },
    linkedin: { endpoint: peers.linkedin.url, accessToken: 'li-secret-token', author: 'urn:li:organization:123' },
    facebook: { endpoint: peers.facebook.url, pageId: '123', pageAccessToken: 'fb-secret-token' },
    slack: { webhookUrl: `${peers.slack.url}/services/T/B/secret` },
    teams: { webhookUrl: `${peers.teams.url}/workflows/secret` },
    discord: { webhookUrl: `${peers.discord.url}/api/webhooks/1/secret` },
    webhook: { url: `${peers.webhook.url}/hook`, secret: 'hmac-secret' },
    'status-page': { title: 'Launch status', publicUrl: 'https://status.example/' },
  };
  for (const [channel, credentials] of Object.entries(creds))
    await t.invoke('channel.configure', { channel: channel as ChannelId, enabled: true, credentials });
});
afterAll(async () => {
  await onair.close();
  await smtp.close();
  for (const p of Object.values(peers)) await p.close();
});

describe('a public update on every channel', () => {
  it('delivers once everywhere, with receipts, and shows up on the status page and its feeds', async () => {
    const incident = await t.invoke('incident.open', { kind: 'audio', title: 'No audio', operator: 'giulia' });
    const draft = await t.invoke('broadcast.compose', { incidentId: incident.id, phase: 'acknowledge', lang: 'en' });
    const allChannels: ChannelId[] = ['email', 'status-page', ...HTTP_CHANNELS];
    const round = await t.invoke('broadcast.send', {
      incidentId: incident.id,
      phase: 'acknowledge',
      lang: draft.lang,
      operator: 'giulia',
      draft: { subject: draft.subject, body: draft.body, link: draft.link },
      channels: allChannels,
      skipped: [{ channel: 'webinar-chat', reason: 'no live webinar in this test' }],
    });
    expect(round.round).toBe(1);

    let posts: OutboxEntryView[] = [];
    await expect
      .poll(
        async () =>
          (posts = await t.invoke('outbox.list', { incidentId: incident.id })).filter((p) => p.status === 'sent')
            .length,
        { timeout: 15_000 },
      )
      .toBe(allChannels.length);
    expect(posts.every((p) => p.attempts === 1 && p.idempotencyKey === `${incident.id}:1:${p.channel}`)).toBe(true);

    for (const c of HTTP_CHANNELS) expect(peers[c].requests, c).toHaveLength(1);
    expect(peers.x.requests[0]).toMatchObject({
      method: 'POST',
      path: '/2/tweets',
      json: { text: expect.stringMatching(/audio/i) },
    });
    expect(peers.x.requests[0].headers.authorization).toBe('Bearer x-secret-token');
    expect(peers.x.requests[0].json.text.length).toBeLessThanOrEqual(280);
    expect(peers.linkedin.requests[0]).toMatchObject({
      path: '/rest/posts',
      json: { author: 'urn:li:organization:123', lifecycleState: 'PUBLISHED' },
    });
    expect(peers.facebook.requests[0].path).toBe('/123/feed');
    expect(peers.slack.requests[0].json.text).toMatch(/audio/i);
    expect(peers.teams.requests[0].json.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(peers.discord.requests[0].json.allowed_mentions).toEqual({ parse: [] });
    expect(peers.webhook.requests[0].headers['x-onair-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);

    // The audience list is empty here: the typed addresses are extra recipients, one personal message each.
    expect(smtp.inbox.map((m) => m.to).sort()).toEqual([['ada@example.com'], ['bob@example.com']]);
    expect(smtp.inbox.find((m) => m.to[0] === 'bob@example.com')!.raw).not.toContain('ada@example.com'); // never shown to each other
    expect(smtp.inbox[0].raw).toMatch(/^Subject: .*audio/im);

    const page = await (await fetch(onair.statusPageUrl)).text();
    expect(page).toContain(draft.subject!);
    const atom = await (await fetch(`${onair.statusPageUrl}/feed.atom`)).text();
    expect(atom.match(/<entry>/g)).toHaveLength(1);
    const rss = await (await fetch(`${onair.statusPageUrl}/feed.rss`)).text();
    expect(rss.match(/<item>/g)).toHaveLength(1);
  });

  it('keeps credentials out of everything the UI can read', async () => {
    const list = JSON.stringify(await t.invoke('channel.list', {}));
    for (const secret of [
      'x-secret-token',
      'li-secret-token',
      'fb-secret-token',
      'sms-secret-key',
      'hmac-secret',
      '/services/T/B/secret',
    ])
      expect(list).not.toContain(secret);
  });
});
