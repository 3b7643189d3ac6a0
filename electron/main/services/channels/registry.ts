/**
 * All broadcast channel adapters, keyed by ChannelId. Typed as a full Record so adding a ChannelId to
 * shared/channels.ts fails typecheck here until it has an adapter.
 */
import type { ChannelId } from '../../../../shared/channels';
import type { Clock } from '../../../../shared/clock';
import type { ChannelAdapter } from './channel-adapter';
import { createEmailAdapter } from './email';
import { createFacebookAdapter } from './facebook';
import { createLinkedInAdapter } from './linkedin';
import { createSmsAdapter } from './sms';
import { createStatusPageAdapter, type StatusPageLedger } from './status-page';
import { createWebinarChatAdapter, type ChatDestination } from './webinar-chat';
import { createDiscordAdapter, createSlackAdapter, createTeamsAdapter, createWebhookAdapter } from './webhooks';
import { createXAdapter } from './x';

export interface ChannelRegistryDeps {
  /** The event's chats the webinar-chat channel posts into. */
  chatDestinations: () => ChatDestination[];
  statusPageDir: string;
  statusPageBaseUrl: string;
  /** Set when the event's status page is the team's: every console publishes the same page. */
  statusPageLedger?: StatusPageLedger;
  /**
   * How long HTTP adapters wait for an answer once a request is out (default 60 s), and the webinar chat for
   * the source's ack (default 10 s). E-mail keeps RFC 5321's own waits.
   */
  timeoutMs?: number;
  /** How long network adapters try to connect before anything is sent (default 10 s). */
  connectTimeoutMs?: number;
  /** Runs every adapter timeout (default: the system clock). */
  clock?: Clock;
  now?: () => number;
}

export function createChannelRegistry(deps: ChannelRegistryDeps): Record<ChannelId, ChannelAdapter> {
  const opts = { timeoutMs: deps.timeoutMs, connectTimeoutMs: deps.connectTimeoutMs, clock: deps.clock };
  return {
    'webinar-chat': createWebinarChatAdapter({
      destinations: deps.chatDestinations,
      ...opts,
    }),
    email: createEmailAdapter(opts),
    sms: createSmsAdapter(opts),
    x: createXAdapter(opts),
    linkedin: createLinkedInAdapter(opts),
    facebook: createFacebookAdapter(opts),
    'status-page': createStatusPageAdapter({
      dir: deps.statusPageDir,
      baseUrl: deps.statusPageBaseUrl,
      now: deps.now,
      ledger: deps.statusPageLedger,
    }),
    slack: createSlackAdapter(opts),
    teams: createTeamsAdapter(opts),
    discord: createDiscordAdapter(opts),
    webhook: createWebhookAdapter(opts),
  };
}
