/** Commands of the outbox and the channel settings screen. Secret values never leave main. */
import { fail, type Dispatcher } from '../dispatch';
import type { EventHub } from '../event-hub';
import type { ChannelAdapter } from '../channels/channel-adapter';
import type { Outbox } from '../outbox/outbox';
import { CredentialsError, type CredentialsStore } from '../secrets/credentials-store';
import type { ChannelId } from '../../../../shared/channels';

export function registerOutboxHandlers(
  d: Dispatcher,
  x: {
    outbox: Outbox;
    credentials: CredentialsStore;
    adapters: Record<ChannelId, ChannelAdapter>;
    hub: EventHub;
    statusPageUrl: string;
  },
): void {
  const entry = (id: number) => x.outbox.get(id) ?? fail('not-found', `no outbox entry ${id}`);
  d.register('outbox.list', ({ incidentId }) => x.outbox.list({ incidentId, limit: 500 }));
  d.register('outbox.retry', ({ id }) => {
    if (!x.outbox.retryNow(id)) fail('conflict', `outbox entry ${id} is sending, sent or skipped`);
    return entry(id);
  });
  d.register('outbox.skip', ({ id, reason }) => {
    if (!x.outbox.skip(id, reason)) fail('conflict', `outbox entry ${id} can no longer be skipped`);
    return entry(id);
  });
  d.register('channel.list', () => x.credentials.describe());
  d.register('channel.configure', ({ channel, enabled, credentials }) => {
    try {
      if (credentials) x.credentials.setCredentials(channel, credentials);
      x.credentials.setEnabled(channel, enabled);
    } catch (err) {
      if (err instanceof CredentialsError) fail('bad-args', err.message);
      throw err;
    }
    const view = x.credentials.describeChannel(channel);
    x.hub.emit('channel.changed', view);
    return view;
  });
  d.register('channel.test', async ({ channel }) => {
    let creds;
    try {
      creds = x.credentials.getCredentials(channel) ?? {};
    } catch (err) {
      return { ok: false, detail: err instanceof Error ? err.message : String(err) };
    }
    return x.adapters[channel].testConnection(creds);
  });
  d.register('statusPage.info', () => ({ url: x.statusPageUrl }));
}
