/**
 * Ingest: the sink every source adapter writes into. Buffers validated chat and health and writes them
 * in one SQLite transaction per flush (every `flushMs`, or sooner when a burst fills the buffer), then
 * tells the UI and the detectors. What the session guard refuses (a timestamp outside the session's window)
 * is quarantined like a payload that failed its schema: stored as an excerpt with the reason, and counted
 * by kind. Duplicates are counted and go no further. Nothing is silently dropped.
 */
import type { Clock, Disposable } from '../../../../shared/clock';
import { classifyComplaintMask } from '../../../../shared/domain/detect/chat-classify';
import type { IngestStats } from '../../../../shared/contract';
import { replaceLoneSurrogates } from '../../../../shared/schemas';
import type { ChatMessage, ConnectionState, HealthSample, SessionId, SourceHello } from '../../../../shared/types';
import { QUARANTINE_PAYLOAD_MAX, type LiveEventsRepo, type QuarantinedPayload } from '../db/live-events-repo';
import { sessionView, type SessionRecord, type SessionsRepo } from '../db/sessions-repo';
import type { EventHub } from '../event-hub';
import { excerpt } from './excerpt';
import { RecentSet } from './recent-set';
import { healthKey, RECENT_MAX, repairHello, sessionGuard, type Admission } from './session-guard';
import type { SourceSink } from './source-adapter';
import { checkHello } from './time-window';
import { messageOf } from '../../../../shared/error-message';

interface IngestListener {
  onSession?(session: SessionRecord): void;
  onChat?(messages: ChatMessage[], session: SessionRecord): void;
  onHealth?(samples: HealthSample[], session: SessionRecord): void;
  onConnection?(state: ConnectionState): void;
  /** The source says the event is over: no more data will come for this session. */
  onEnded?(session: SessionRecord): void;
}

export interface IngestOptions {
  sessions: SessionsRepo;
  live: LiveEventsRepo;
  hub: EventHub;
  clock: Clock;
  sourceUrl: () => string;
  /** Whether the time line now connected is one Onair plays itself: its new sessions are rehearsals. */
  rehearsal?: () => boolean;
  flushMs?: number;
  maxBuffered?: number;
  log?: (line: string) => void;
}

/** How soon a failed write to SQLite is tried again (the data waits in memory meanwhile). */
export const STORE_RETRY_MS = 1000;

export interface Ingest extends SourceSink {
  flush(): void;
  /** The messages, with those we posted ourselves marked `own`. */
  markOwn(messages: ChatMessage[]): ChatMessage[];
  session(): SessionRecord | null;
  connectionState(): ConnectionState;
  stats(): IngestStats;
  addListener(l: IngestListener): () => void;
  dispose(): void;
}

const sessionIdFor = (h: SourceHello): SessionId => `${h.source}/${h.scenario ?? 'live'}/${h.startedAt}` as SessionId;

/**
 * Quarantined payloads wait in memory while the store refuses writes; past this many, a flood of them is
 * counted but no longer kept (each is up to QUARANTINE_PAYLOAD_MAX characters).
 */
const QUARANTINE_BUFFER_MAX = 10_000;
/** Ids of our own posts remembered (any session: the ack may come before the next hello). */
const OWN_POSTS_MAX = 5_000;

export function createIngest(o: IngestOptions): Ingest {
  const flushMs = o.flushMs ?? 100;
  const maxBuffered = o.maxBuffered ?? 2000;
  let session: SessionRecord | null = null;
  let connection: ConnectionState = { status: 'connecting', url: o.sourceUrl(), since: o.clock.now(), attempt: 0 };
  let chat: ChatMessage[] = [];
  let health: HealthSample[] = [];
  const quarantine: QuarantinedPayload[] = [];
  let timer: Disposable | null = null;
  const stats: IngestStats & Required<Pick<IngestStats, 'quarantinedBy' | 'duplicates' | 'repaired'>> = {
    chat: 0,
    health: 0,
    quarantined: 0,
    quarantinedBy: {},
    duplicates: 0,
    repaired: 0,
  };
  const snapshot = (): IngestStats => ({ ...stats, quarantinedBy: { ...stats.quarantinedBy } });
  /** Counts moved without anything to store (duplicates, say): the next flush tells the UI. */
  let statsDirty = false;
  const listeners = new Set<IngestListener>();
  const guard = sessionGuard();
  const ownPosts = new RecentSet<string>(OWN_POSTS_MAX);
  const markOwn = (messages: ChatMessage[]): ChatMessage[] =>
    messages.some((m) => ownPosts.has(m.id))
      ? messages.map((m) => (ownPosts.has(m.id) ? { ...m, own: true } : m))
      : messages;

  const schedule = () => {
    // While the store is failing, the retry timer paces the writes (not every arriving message).
    if (!stats.lastStoreError && chat.length + health.length + quarantine.length >= maxBuffered) return flush();
    timer ??= o.clock.setTimer(flushMs, flush);
  };

  function flush(): void {
    timer?.dispose();
    timer = null;
    try {
      writeBuffered();
    } catch (err) {
      // The disk said no (full, locked, read-only): keep everything buffered and try again shortly.
      // Nothing is dropped and the source keeps flowing; the UI sees the reason in the stats.
      stats.lastStoreError = `could not store live data: ${messageOf(err)}`;
      o.hub.emit('ingest.statsChanged', snapshot());
      o.log?.(stats.lastStoreError);
      timer ??= o.clock.setTimer(STORE_RETRY_MS, flush);
    }
  }

  function writeBuffered(): void {
    const stored = quarantine.length;
    if (stored) {
      o.live.quarantineMany(quarantine);
      quarantine.length = 0;
    }
    if (!session || (chat.length === 0 && health.length === 0)) {
      if (stored || statsDirty) o.hub.emit('ingest.statsChanged', snapshot());
      statsDirty = false;
      return;
    }
    // Tagged now, not on arrival: the source's ack for our post may come just after the message itself.
    const c = markOwn(chat);
    const h = health;
    const complaints = new Uint8Array(c.length);
    c.forEach((m, i) => (complaints[i] = classifyComplaintMask(m.text)));
    stats.chat += o.live.writeBatch({
      sessionId: session.id,
      receivedAt: o.clock.now(),
      chat: c,
      complaints,
      health: h,
    });
    chat = [];
    health = [];
    stats.health += h.length;
    delete stats.lastStoreError;
    if (c.length) o.hub.emit('chat.received', c);
    if (h.length) o.hub.emit('health.received', h);
    statsDirty = false;
    o.hub.emit('ingest.statsChanged', snapshot());
    for (const l of listeners) {
      // A listener's failure (say, the incident store) must not undo or block ingest.
      try {
        // Health first: each sample then moves a fast session's clock to its own time before chat stamped
        // up to a second later does, so the detectors judge it at the time it was sent.
        if (h.length) l.onHealth?.(h, session);
        if (c.length) l.onChat?.(c, session);
      } catch (err) {
        o.log?.(`ingest listener failed: ${messageOf(err)}`);
      }
    }
  }

  /** Counts a refused or duplicate item; true when it was admitted. */
  function admitted<T>(a: Admission<T>, event: string, payload: unknown): a is Extract<Admission<T>, { ok: true }> {
    if (a.ok) {
      if (a.repaired) stats.repaired++;
      return true;
    }
    if (a.duplicate) {
      stats.duplicates++;
      statsDirty = true;
    } else sink.quarantined(event, a.reason, payload, a.kind);
    return false;
  }

  const sink: Ingest = {
    hello(raw) {
      const now = o.clock.now();
      const bad = checkHello(raw, now);
      if (bad) return sink.quarantined('source.hello', bad, raw, 'out-of-window');
      const { value: h, repaired } = repairHello(raw);
      if (repaired) stats.repaired++;
      const id = sessionIdFor(h);
      if (session?.id === id) return guard.again(h, now); // a reconnect to the same run: same session
      flush();
      if (session) o.sessions.end(session.id, now);
      session = o.sessions.upsert({
        id,
        eventName: h.eventName,
        scenario: h.scenario,
        sourceUrl: o.sourceUrl(),
        startedAt: h.startedAt,
        speed: h.speed,
        truth: h.truth ?? [],
        rehearsal: o.rehearsal?.() ?? false,
      });
      // Onair restarted while the run goes on: what is stored already counts as seen (a replaying source).
      guard.begin(h, now, {
        chatIds: o.live.recentChat(id, RECENT_MAX).map((m) => m.id),
        healthKeys: o.live.recentHealth(id, RECENT_MAX).map(healthKey),
      });
      stats.chat = o.live.chatCount(id);
      o.hub.emit('session.started', sessionView(session));
      for (const l of listeners) l.onSession?.(session);
    },
    chat(messages) {
      if (!session)
        return void messages.forEach((m) =>
          sink.quarantined('chat', 'chat before source.hello: no session to file it under', m, 'no-session'),
        );
      const now = o.clock.now();
      for (const m of messages) {
        const a = guard.chat(m, now);
        if (admitted(a, 'chat', m)) chat.push(a.value);
      }
      schedule();
    },
    health(sample) {
      if (!session)
        return sink.quarantined(
          'health',
          'health before source.hello: no session to file it under',
          sample,
          'no-session',
        );
      const a = guard.health(sample, o.clock.now());
      if (admitted(a, 'health', sample)) health.push(a.value);
      schedule();
    },
    ended(at) {
      if (!session)
        return sink.quarantined(
          'source.ended',
          'source.ended before source.hello: no session to end',
          { endedAt: at },
          'no-session',
        );
      if (!admitted(guard.ended(at, o.clock.now()), 'source.ended', { endedAt: at })) return schedule();
      flush();
      o.sessions.end(session.id, at);
      session = { ...session, endedAt: at };
      for (const l of listeners) l.onEnded?.(session);
    },
    connection(state) {
      connection = state;
      o.live.recordConnection(session?.id ?? null, state);
      o.hub.emit('connection.changed', state);
      for (const l of listeners) l.onConnection?.(state);
    },
    quarantined(event, reason, payload, kind = 'invalid') {
      stats.quarantined++;
      stats.quarantinedBy[kind] = (stats.quarantinedBy[kind] ?? 0) + 1;
      const e = replaceLoneSurrogates(event.slice(0, 100));
      const why = replaceLoneSurrogates(reason.slice(0, 1000));
      stats.lastQuarantineReason = `${e}: ${why}`;
      if (quarantine.length >= QUARANTINE_BUFFER_MAX) {
        statsDirty = true;
        return void (timer ??= o.clock.setTimer(flushMs, flush));
      }
      quarantine.push({
        receivedAt: o.clock.now(),
        sourceUrl: o.sourceUrl(),
        event: e,
        reason: why,
        payload: excerpt(payload, QUARANTINE_PAYLOAD_MAX),
      });
      schedule();
    },
    ownPost(messageId) {
      ownPosts.add(messageId);
    },
    markOwn,
    flush,
    session: () => session,
    connectionState: () => connection,
    stats: snapshot,
    addListener(l) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    dispose() {
      flush();
      timer?.dispose();
    },
  };
  return sink;
}
