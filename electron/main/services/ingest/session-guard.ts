/**
 * What ingest lets into a session, after the schemas: timestamps inside the session's time window
 * (time-window.ts), each chat id and each source's health timestamp once, and text that UTF-8 can store unchanged.
 *
 * Duplicates are stopped here, before the UI and the detectors (SQLite's unique keys only kept the store
 * clean: 50 copies of one message used to give 50 lines on screen, and a reconnect replay thousands of
 * events). Memory is bounded: the newest RECENT_MAX ids and timestamps of the session are remembered.
 */
import { hasLoneSurrogate, replaceLoneSurrogates } from '../../../../shared/schemas';
import type { ChatMessage, EpochMs, HealthSample, QuarantineKind, SourceHello } from '../../../../shared/types';
import { RecentSet } from './recent-set';
import { checkTimestamp, positionAt, timelineOf, type SessionTimeline } from './time-window';

/** Ids (and health timestamps) remembered per session: a reconnect replay is a few thousand at most. */
export const RECENT_MAX = 20_000;

export type Admission<T> =
  | { ok: true; value: T; repaired: boolean }
  | { ok: false; duplicate: true }
  | { ok: false; duplicate: false; kind: QuarantineKind; reason: string };

const refused = (reason: string): Admission<never> => ({ ok: false, duplicate: false, kind: 'out-of-window', reason });
const DUPLICATE: Admission<never> = { ok: false, duplicate: true };

/** Replaces lone surrogates in the hello's free text (its ids are refused by the schema instead). */
export function repairHello(h: SourceHello): { value: SourceHello; repaired: boolean } {
  const labels = (h.truth ?? []).some((t) => t.label !== undefined && hasLoneSurrogate(t.label));
  if (!hasLoneSurrogate(h.eventName) && !labels) return { value: h, repaired: false };
  return {
    value: {
      ...h,
      eventName: replaceLoneSurrogates(h.eventName),
      ...(h.truth && {
        truth: h.truth.map((t) => (t.label === undefined ? t : { ...t, label: replaceLoneSurrogates(t.label) })),
      }),
    },
    repaired: true,
  };
}

/** A health sample is the same sample when the same source sent it for the same instant. */
export const healthKey = (h: HealthSample): string => `${h.source ?? ''}@${h.ts}`;

export function sessionGuard(cap = RECENT_MAX) {
  let timeline: SessionTimeline | null = null;
  const chatIds = new RecentSet<string>(cap);
  const healthKeys = new RecentSet<string>(cap);

  return {
    /** A new session: forget the last one's ids; remember what the store already holds of this one. */
    begin(h: SourceHello, receivedAt: EpochMs, stored: { chatIds: string[]; healthKeys: string[] }): void {
      timeline = timelineOf(h, receivedAt);
      chatIds.clear();
      healthKeys.clear();
      stored.chatIds.forEach((id) => chatIds.add(id));
      stored.healthKeys.forEach((k) => healthKeys.add(k));
    },
    /** The same run said hello again (a reconnect): its `now` may move the time line on, never back. */
    again(h: SourceHello, receivedAt: EpochMs): void {
      const next = timelineOf(h, receivedAt);
      if (!timeline || positionAt(next, receivedAt) > positionAt(timeline, receivedAt)) timeline = next;
    },
    chat(m: ChatMessage, receivedAt: EpochMs): Admission<ChatMessage> {
      const bad = timeline && checkTimestamp(timeline, m.ts, receivedAt);
      if (bad) return refused(bad);
      if (!chatIds.add(m.id)) return DUPLICATE;
      if (!hasLoneSurrogate(m.author) && !hasLoneSurrogate(m.text)) return { ok: true, value: m, repaired: false };
      const value = { ...m, author: replaceLoneSurrogates(m.author), text: replaceLoneSurrogates(m.text) };
      return { ok: true, value, repaired: true };
    },
    health(h: HealthSample, receivedAt: EpochMs): Admission<HealthSample> {
      const bad = timeline && checkTimestamp(timeline, h.ts, receivedAt);
      if (bad) return refused(bad);
      if (!healthKeys.add(healthKey(h))) return DUPLICATE;
      return { ok: true, value: h, repaired: false };
    },
    ended(at: EpochMs, receivedAt: EpochMs): Admission<EpochMs> {
      if (!timeline) return { ok: true, value: at, repaired: false };
      const bad =
        at < timeline.startedAt
          ? `endedAt: ${at} is before the session started (${timeline.startedAt})`
          : checkTimestamp(timeline, at, receivedAt, 'endedAt');
      return bad ? refused(bad) : { ok: true, value: at, repaired: false };
    },
  };
}
