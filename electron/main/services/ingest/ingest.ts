/**
 * Ingest: the sink every source adapter writes into. Buffers validated chat and health and writes them
 * in one SQLite transaction per flush (every `flushMs`, or sooner when a burst fills the buffer), then
 * tells the UI and the detectors. Quarantined payloads are stored too: nothing is silently dropped.
 */
import type { Clock, Disposable } from '../../../../shared/clock';
import { classifyComplaintMask } from '../../../../shared/domain/detect/chat-classify';
import type { IngestStats } from '../../../../shared/contract';
import type { ChatMessage, ConnectionState, HealthSample, SessionId, SourceHello } from '../../../../shared/types';
import type { LiveEventsRepo, QuarantinedPayload } from '../db/live-events-repo';
import { sessionView, type SessionRecord, type SessionsRepo } from '../db/sessions-repo';
import type { EventHub } from '../event-hub';
import type { SourceSink } from './source-adapter';

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
  flushMs?: number;
  maxBuffered?: number;
  log?: (line: string) => void;
}

/** How soon a failed write to SQLite is tried again (the data waits in memory meanwhile). */
export const STORE_RETRY_MS = 1000;

export interface Ingest extends SourceSink {
  flush(): void;
  session(): SessionRecord | null;
  connectionState(): ConnectionState;
  stats(): IngestStats;
  addListener(l: IngestListener): () => void;
  dispose(): void;
}

const sessionIdFor = (h: SourceHello): SessionId => `${h.source}/${h.scenario ?? 'live'}/${h.startedAt}` as SessionId;

const excerpt = (payload: unknown): string => {
  try {
    return typeof payload === 'string' ? payload : (JSON.stringify(payload) ?? String(payload));
  } catch {
    return String(payload);
  }
};

export function createIngest(o: IngestOptions): Ingest {
  const flushMs = o.flushMs ?? 100;
  const maxBuffered = o.maxBuffered ?? 2000;
  let session: SessionRecord | null = null;
  let connection: ConnectionState = { status: 'connecting', url: o.sourceUrl(), since: o.clock.now(), attempt: 0 };
  let chat: ChatMessage[] = [];
  let health: HealthSample[] = [];
  const quarantine: QuarantinedPayload[] = [];
  let timer: Disposable | null = null;
  const stats: IngestStats = { chat: 0, health: 0, quarantined: 0 };
  const listeners = new Set<IngestListener>();

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
      stats.lastStoreError = `could not store live data: ${err instanceof Error ? err.message : String(err)}`;
      o.hub.emit('ingest.statsChanged', { ...stats });
      o.log?.(stats.lastStoreError);
      timer ??= o.clock.setTimer(STORE_RETRY_MS, flush);
    }
  }

  function writeBuffered(): void {
    while (quarantine.length) {
      o.live.quarantine(quarantine[0]);
      quarantine.shift();
    }
    if (!session || (chat.length === 0 && health.length === 0)) return;
    const c = chat;
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
    o.hub.emit('ingest.statsChanged', { ...stats });
    for (const l of listeners) {
      // A listener's failure (say, the incident store) must not undo or block ingest.
      try {
        if (c.length) l.onChat?.(c, session);
        if (h.length) l.onHealth?.(h, session);
      } catch (err) {
        o.log?.(`ingest listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  return {
    hello(h) {
      const id = sessionIdFor(h);
      if (session?.id === id) return; // a reconnect to the same run: same session
      flush();
      if (session) o.sessions.end(session.id, o.clock.now());
      session = o.sessions.upsert({
        id,
        eventName: h.eventName,
        scenario: h.scenario,
        sourceUrl: o.sourceUrl(),
        startedAt: h.startedAt,
        speed: h.speed,
        truth: h.truth ?? [],
      });
      stats.chat = o.live.chatCount(id);
      o.hub.emit('session.started', sessionView(session));
      for (const l of listeners) l.onSession?.(session);
    },
    chat(messages) {
      if (!session)
        return void messages.forEach((m) =>
          this.quarantined('chat', 'chat before source.hello: no session to file it under', m),
        );
      chat.push(...messages);
      schedule();
    },
    health(sample) {
      if (!session)
        return this.quarantined('health', 'health before source.hello: no session to file it under', sample);
      health.push(sample);
      schedule();
    },
    ended(at) {
      flush();
      if (session) {
        o.sessions.end(session.id, at);
        session = { ...session, endedAt: at };
        for (const l of listeners) l.onEnded?.(session);
      }
    },
    connection(state) {
      connection = state;
      o.live.recordConnection(session?.id ?? null, state);
      o.hub.emit('connection.changed', state);
      for (const l of listeners) l.onConnection?.(state);
    },
    quarantined(event, reason, payload) {
      stats.quarantined++;
      stats.lastQuarantineReason = `${event}: ${reason}`;
      quarantine.push({
        receivedAt: o.clock.now(),
        sourceUrl: o.sourceUrl(),
        event,
        reason,
        payload: excerpt(payload),
      });
      schedule();
    },
    flush,
    session: () => session,
    connectionState: () => connection,
    stats: () => ({ ...stats }),
    addListener(l) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    dispose() {
      flush();
      timer?.dispose();
    },
  };
}
