/** Commands of the channel settings screen, and where the status page is served. Secret values never leave main. */
import type { ChannelId } from '../../../../shared/channels';
import type { ChannelAdapter } from '../channels/channel-adapter';
import { fail, type NounHandlers } from '../dispatch';
import type { EventHub } from '../event-hub';
import { CredentialsError, type CredentialsStore } from '../secrets/credentials-store';

export function channelHandlers(x: {
  credentials: CredentialsStore;
  adapters: Record<ChannelId, ChannelAdapter>;
  hub: EventHub;
  statusPageUrl: string;
}): NounHandlers<'channel' | 'statusPage'> {
  return {
    'channel.list': () => x.credentials.describe(),
    'channel.configure': ({ channel, enabled, credentials }) => {
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
    },
    'channel.test': async ({ channel }) => {
      let creds;
      try {
        creds = x.credentials.getCredentials(channel) ?? {};
      } catch (err) {
        return { ok: false, detail: err instanceof Error ? err.message : String(err) };
      }
      return x.adapters[channel].testConnection(creds);
    },
    'statusPage.info': () => ({ url: x.statusPageUrl }),
  };
}
