/**
 * All broadcast channel adapters, keyed by ChannelId. Typed as a full Record so adding a ChannelId to
 * shared/channels.ts fails typecheck here until it has an adapter.
 */
import type { ChannelId } from '../../../../shared/channels';
import type { ChatPost, ChatPostAck } from '../../../../shared/source-protocol';
import type { ChannelAdapter } from './channel-adapter';
import { createEmailAdapter } from './email';
import { createFacebookAdapter } from './facebook';
import { createLinkedInAdapter } from './linkedin';
import { createSmsAdapter } from './sms';
import { createStatusPageAdapter } from './status-page';
import { createWebinarChatAdapter } from './webinar-chat';
import { createDiscordAdapter, createSlackAdapter, createTeamsAdapter, createWebhookAdapter } from './webhooks';
import { createXAdapter } from './x';

export interface ChannelRegistryDeps {
  postToChat: (post: ChatPost) => Promise<ChatPostAck>;
  chatConnected: () => boolean;
  statusPageDir: string;
  statusPageBaseUrl: string;
  /** Per-request timeout for every network adapter (default 10 s). */
  timeoutMs?: number;
  now?: () => number;
}

export function createChannelRegistry(deps: ChannelRegistryDeps): Record<ChannelId, ChannelAdapter> {
  const opts = { timeoutMs: deps.timeoutMs };
  return {
    'webinar-chat': createWebinarChatAdapter({
      postToChat: deps.postToChat,
      chatConnected: deps.chatConnected,
      ...opts,
    }),
    email: createEmailAdapter(opts),
    sms: createSmsAdapter(opts),
    x: createXAdapter(opts),
    linkedin: createLinkedInAdapter(opts),
    facebook: createFacebookAdapter(opts),
    'status-page': createStatusPageAdapter({ dir: deps.statusPageDir, baseUrl: deps.statusPageBaseUrl, now: deps.now }),
    slack: createSlackAdapter(opts),
    teams: createTeamsAdapter(opts),
    discord: createDiscordAdapter(opts),
    webhook: createWebhookAdapter(opts),
  };
}
