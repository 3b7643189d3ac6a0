/**
 * The chats of the event, where the webinar-chat channel posts: the time line source's own chat (the
 * simulator, a socket.io source) and each platform source whose chat takes our posts (YouTube).
 */
import type { ChannelId } from '../../../../shared/channels';
import type { ChannelLimit } from '../../../../shared/domain/broadcast/channel-preview';
import { TIMELINE_SOURCE_KINDS } from '../../../../shared/sources';
import type { SourceAdapter } from '../ingest/source-adapter';
import type { SourceControl } from '../source-control';
import type { SignalSources } from '../sources/signal-sources';
import type { ChatDestination } from './webinar-chat';

function destination(id: string, label: string, adapter: SourceAdapter): ChatDestination[] {
  const chat = adapter.postsToChat;
  if (!chat) return [];
  return [
    {
      id,
      label,
      connected: () => adapter.isConnected(),
      dedupes: chat.dedupes,
      maxLength: chat.maxLength,
      post: (p) => adapter.postToChat(p),
    },
  ];
}

export function chatDestinationsOf(source: SourceControl, signals: SignalSources): ChatDestination[] {
  const adapter = source.adapter();
  const timeline = source.list().find((s) => (TIMELINE_SOURCE_KINDS as readonly string[]).includes(s.kind));
  return [
    ...(adapter && timeline ? destination(timeline.id, timeline.label.split(' · ')[0]!, adapter) : []),
    ...signals.chatPosters().flatMap((p) => destination(p.id, p.label, p.adapter)),
  ];
}

/** The composer fits the webinar chat to the tightest of its chats ("YouTube Live chat: 200 characters"). */
export function chatLimitOf(destinations: readonly ChatDestination[]): Partial<Record<ChannelId, ChannelLimit>> {
  const tightest = [...destinations].sort((a, b) => a.maxLength - b.maxLength)[0];
  return tightest ? { 'webinar-chat': { maxLength: tightest.maxLength, label: `${tightest.label} chat` } } : {};
}
