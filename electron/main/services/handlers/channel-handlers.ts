/** Commands of the channel settings screen, and where the status page is served. Secret values never leave main. */
import { randomUUID } from 'node:crypto';
import { CHANNEL_SPECS, type ChannelId, type ChannelSettingsView } from '../../../../shared/channels';
import type { ChannelTestResult } from '../../../../shared/domain/broadcast/channel-health';
import { previewForChannel } from '../../../../shared/domain/broadcast/channel-preview';
import { scrub } from '../channels/redact';
import type { ChannelAdapter } from '../channels/channel-adapter';
import { fail, type NounHandlers } from '../dispatch';
import type { EventHub } from '../event-hub';
import type { ChannelHealthTracker } from '../outbox/channel-health';
import { CredentialsError, type CredentialsStore } from '../secrets/credentials-store';
import { messageOf } from '../../../../shared/error-message';

export function channelHandlers(x: {
  credentials: CredentialsStore;
  adapters: Record<ChannelId, ChannelAdapter>;
  /** E-mail and SMS without the audience list: a test message goes to the extra recipients only. */
  testAdapters: Partial<Record<ChannelId, ChannelAdapter>>;
  hub: EventHub;
  statusPageUrl: string;
  health: Pick<ChannelHealthTracker, 'list' | 'recordTest'>;
  now(): number;
  /** In a team: whether another console of the event can post on the channel, and telling the team of a change. */
  team?: { onOtherConsole(channel: ChannelId): boolean; configured(): void };
}): NounHandlers<'channel' | 'statusPage'> {
  return {
    'channel.list': () => x.credentials.describe().map((v) => teamView(v, x.team?.onOtherConsole)),
    'channel.configure': ({ channel, enabled, credentials }) => {
      try {
        if (credentials) x.credentials.setCredentials(channel, credentials);
        x.credentials.setEnabled(channel, enabled);
      } catch (err) {
        if (err instanceof CredentialsError) fail('bad-args', err.message);
        throw err;
      }
      const view = teamView(x.credentials.describeChannel(channel), x.team?.onOtherConsole);
      x.hub.emit('channel.changed', view);
      x.team?.configured();
      return view;
    },
    'channel.test': async ({ channel }) => {
      let creds;
      try {
        creds = x.credentials.getCredentials(channel) ?? {};
      } catch (err) {
        return { ok: false, detail: messageOf(err) };
      }
      return x.adapters[channel].testConnection(creds);
    },
    'channel.health': () => x.health.list(),
    'channel.sendTest': async ({ channel }) => {
      const result = await sendTest(x, channel);
      x.health.recordTest(channel, result);
      return result;
    },
    'statusPage.info': () => ({ url: x.statusPageUrl }),
  };
}

/** A channel's settings as this console shows them: in a team, whether another console posts on it. */
export function teamView(
  view: ChannelSettingsView,
  onOtherConsole?: (channel: ChannelId) => boolean,
): ChannelSettingsView {
  return onOtherConsole?.(view.channel) ? { ...view, onOtherConsole: true } : view;
}

/**
 * Channels whose configured target is the team's own (a chat-ops room, an integration endpoint), so a test
 * message reaches no attendee. E-mail and SMS are tested on their extra recipients (the team's own inboxes and
 * phones), never the audience list. Elsewhere the only target is the public audience (the webinar chat, the
 * status page, X, LinkedIn, Facebook): a test there would be a public post, so it is refused with the reason.
 */
const TEAM_TARGETS = new Set<ChannelId>(['slack', 'teams', 'discord', 'webhook']);

async function sendTest(
  x: {
    credentials: CredentialsStore;
    adapters: Record<ChannelId, ChannelAdapter>;
    testAdapters: Partial<Record<ChannelId, ChannelAdapter>>;
    now(): number;
  },
  channel: ChannelId,
): Promise<ChannelTestResult> {
  const at = x.now();
  const label = CHANNEL_SPECS[channel].label;
  const adapter = TEAM_TARGETS.has(channel) ? x.adapters[channel] : x.testAdapters[channel];
  if (!adapter)
    return {
      ok: false,
      at,
      detail: `${label} has no test target: a test message would be public. Use Test connection.`,
    };
  let creds;
  try {
    creds = x.credentials.getCredentials(channel);
  } catch (err) {
    return { ok: false, at, detail: messageOf(err) };
  }
  if (!creds) return { ok: false, at, detail: `${label} is not configured` };
  if (!TEAM_TARGETS.has(channel) && !creds.recipients?.trim())
    return {
      ok: false,
      at,
      detail: `${label}: add your own address under "extra recipients" first; a test goes only there, never to the audience`,
    };
  // Rendered like a real post (the composer's preview), so the test shows what an update will look like.
  const preview = previewForChannel(
    { subject: 'Test message from Onair', body: 'This is a test of this channel. No action is needed.' },
    channel,
  );
  try {
    const receipt = await adapter.send(
      {
        idempotencyKey: `test:${randomUUID()}:${channel}`,
        channel,
        subject: preview.subject,
        text: preview.text,
        eventName: 'Onair test message',
        lang: 'en',
        createdAt: at,
        phase: 'update',
      },
      creds,
    );
    return { ok: true, at: x.now(), detail: `test message sent: ${receipt.detail}` };
  } catch (err) {
    return { ok: false, at: x.now(), detail: scrub(messageOf(err), creds) };
  }
}
