/**
 * YouTube's answers as Onair takes them: chat messages (text messages and the comments of Super Chats; the
 * rest of the event types carry no words of the audience), and the bound stream's status as a health sample.
 */
import type { youtube_v3 } from '@googleapis/youtube';
import { chatMessageSchema } from '../../../../../shared/schemas';
import type { ChatMessage, HealthSample, PlatformHealth } from '../../../../../shared/types';

export type ParsedChat = { ok: true; message: ChatMessage } | { ok: false; reason: string } | { ok: 'skip' };

function wordsOf(item: youtube_v3.Schema$LiveChatMessage): string | undefined {
  const s = item.snippet;
  if (s?.type === 'textMessageEvent') return s.textMessageDetails?.messageText ?? s.displayMessage ?? undefined;
  if (s?.type === 'superChatEvent') return s.superChatDetails?.userComment ?? undefined;
  return undefined;
}

export function chatOf(item: youtube_v3.Schema$LiveChatMessage): ParsedChat {
  const text = wordsOf(item);
  if (text === undefined) return { ok: 'skip' };
  const parsed = chatMessageSchema.safeParse({
    id: item.id,
    author: item.authorDetails?.displayName,
    text,
    ts: Date.parse(item.snippet?.publishedAt ?? ''),
  });
  return parsed.success
    ? { ok: true, message: parsed.data }
    : { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

const HEALTH: readonly string[] = ['good', 'ok', 'bad', 'noData'] satisfies PlatformHealth[];
/** Only what needs the producer: "info" issues are advice (a keyframe hint) and stay out of the evidence. */
const SERIOUS = new Set(['error', 'warning']);

/**
 * The stream's status as a sample. Its stream state counts only once the stream has been active in this
 * watch: before the show, "inactive" is not an outage.
 */
export function healthOf(
  stream: youtube_v3.Schema$LiveStream,
  ts: number,
  wasActive: boolean,
): { sample: HealthSample; active: boolean } {
  const status = stream.status;
  const active = status?.streamStatus === 'active';
  const health = status?.healthStatus?.status ?? '';
  const issues = (status?.healthStatus?.configurationIssues ?? [])
    .filter((i) => SERIOUS.has(i.severity ?? ''))
    .map((i) => `${i.severity}: ${i.description ?? i.reason ?? i.type ?? 'unnamed issue'}`.slice(0, 500))
    .slice(0, 20);
  const sample: HealthSample = { ts, platformIssues: issues };
  if (HEALTH.includes(health) && (active || wasActive)) sample.platformHealth = health as PlatformHealth;
  if (active || wasActive) sample.streamState = active ? 'online' : 'offline';
  return { sample, active };
}
