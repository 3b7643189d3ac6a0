/**
 * Chat, health, connection changes and quarantined payloads. Writes come in batches: one transaction
 * per flush, never one per message. Chat is keyed by (session, source id) so a replayed or duplicated
 * message is stored exactly once; only that conflict is ignored (not OR IGNORE, which would also
 * swallow NOT NULL violations and lose rows silently).
 */
import type { ChatMessage, ConnectionState, HealthSample, StreamState } from '../../../../shared/types';
import type { Db } from './open';

export interface QuarantinedPayload {
  receivedAt: number;
  sourceUrl: string;
  event: string;
  reason: string;
  payload: string;
}

export interface LiveBatch {
  sessionId: string;
  receivedAt: number;
  chat: ChatMessage[];
  /** Complaint category mask per chat message (same order); omitted = not classified yet. */
  complaints?: Uint8Array;
  health: HealthSample[];
}

interface HealthRow {
  ts: number;
  source: string;
  audio_level_db: number | null;
  audio_packets: number | null;
  video_fps: number | null;
  bitrate_kbps: number | null;
  dropped_frames: number | null;
  stream_state: StreamState | null;
  viewers: number | null;
  signals: string | null;
}

/** The signals without a column of their own, kept together as JSON (see migration 0010). */
const JSON_SIGNALS = [
  'inputs',
  'congestion',
  'skippedFrames',
  'blackSince',
  'frozenSince',
  'platformHealth',
  'platformIssues',
] as const;
type JsonSignals = Pick<HealthSample, (typeof JSON_SIGNALS)[number]>;

function signalsJson(h: HealthSample): string | null {
  const present = JSON_SIGNALS.filter((k) => h[k] !== undefined);
  return present.length ? JSON.stringify(Object.fromEntries(present.map((k) => [k, h[k]]))) : null;
}
interface ChatRow {
  source_id: string;
  author: string;
  text: string;
  ts: number;
  lang: string | null;
  platform: string | null;
}

/** Stored payload excerpts are capped: a hostile 50 MB frame must not fill the disk. */
export const QUARANTINE_PAYLOAD_MAX = 4096;

export function liveEventsRepo(db: Db) {
  const insChat = db.prepare(
    `INSERT INTO chat_messages (session_id, source_id, author, text, ts, lang, received_at, complaint, platform)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, source_id) DO NOTHING`,
  );
  const insHealth = db.prepare(
    `INSERT INTO health_samples (session_id, ts, source, audio_level_db, audio_packets, video_fps, bitrate_kbps,
       dropped_frames, stream_state, viewers, signals) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (session_id, ts, source) DO NOTHING`,
  );
  const insConn = db.prepare(
    'INSERT INTO connection_events (session_id, status, url, at, error) VALUES (?, ?, ?, ?, ?)',
  );
  const insQuarantine = db.prepare(
    'INSERT INTO quarantine (received_at, source_url, event, reason, payload) VALUES (?, ?, ?, ?, ?)',
  );
  const chatCount = db.prepare('SELECT COUNT(*) AS n FROM chat_messages WHERE session_id = ?');
  const chatPage = db.prepare(
    'SELECT source_id, author, text, ts, lang, platform FROM chat_messages WHERE session_id = ? ORDER BY ts DESC, source_id DESC LIMIT ?',
  );
  const chatRange = db.prepare(
    'SELECT source_id, author, text, ts, lang, platform, received_at FROM chat_messages WHERE session_id = ? AND ts >= ? AND ts < ? ORDER BY ts, source_id',
  );
  // Primary-key order (a sequential read), sorted by time in memory: twice as fast as walking the time
  // index for a whole long event, where every row costs a second lookup into the table.
  const chatOfSession = db
    .prepare('SELECT source_id, author, text, ts, lang, platform, complaint FROM chat_messages WHERE session_id = ?')
    .raw();
  const healthPage = db.prepare(
    'SELECT * FROM health_samples WHERE session_id = ? ORDER BY ts DESC, source DESC LIMIT ?',
  );
  const healthRange = db.prepare(
    'SELECT * FROM health_samples WHERE session_id = ? AND ts >= ? AND ts < ? ORDER BY ts, source',
  );
  const quarantineCount = db.prepare('SELECT COUNT(*) AS n FROM quarantine');

  const writeBatch = db.transaction((b: LiveBatch) => {
    let chat = 0;
    b.chat.forEach((m, i) => {
      chat += insChat.run(
        b.sessionId,
        m.id,
        m.author,
        m.text,
        m.ts,
        m.lang ?? null,
        b.receivedAt,
        b.complaints ? b.complaints[i] : -1,
        m.source ?? null,
      ).changes;
    });
    for (const h of b.health) {
      insHealth.run(
        b.sessionId,
        h.ts,
        h.source ?? '',
        h.audioLevelDb ?? null,
        h.audioPacketsPerSec ?? null,
        h.videoFps ?? null,
        h.bitrateKbps ?? null,
        h.droppedFrames ?? null,
        h.streamState ?? null,
        h.viewers ?? null,
        signalsJson(h),
      );
    }
    return chat;
  });

  const quarantineOne = (q: QuarantinedPayload) =>
    insQuarantine.run(q.receivedAt, q.sourceUrl, q.event, q.reason, q.payload.slice(0, QUARANTINE_PAYLOAD_MAX));
  // A flood of bad payloads is one transaction per flush too: one commit each would make them a disk load.
  const quarantineMany = db.transaction((rows: readonly QuarantinedPayload[]) => rows.forEach(quarantineOne));

  const toChat = (r: ChatRow): ChatMessage => ({
    id: r.source_id,
    author: r.author,
    text: r.text,
    ts: r.ts,
    ...(r.lang ? { lang: r.lang } : {}),
    ...(r.platform ? { source: r.platform } : {}),
  });
  const toHealth = (r: HealthRow): HealthSample => {
    const h: HealthSample = { ts: r.ts };
    if (r.source) h.source = r.source;
    if (r.audio_level_db !== null) h.audioLevelDb = r.audio_level_db;
    if (r.audio_packets !== null) h.audioPacketsPerSec = r.audio_packets;
    if (r.video_fps !== null) h.videoFps = r.video_fps;
    if (r.bitrate_kbps !== null) h.bitrateKbps = r.bitrate_kbps;
    if (r.dropped_frames !== null) h.droppedFrames = r.dropped_frames;
    if (r.stream_state !== null) h.streamState = r.stream_state;
    if (r.viewers !== null) h.viewers = r.viewers;
    return r.signals === null ? h : { ...h, ...(JSON.parse(r.signals) as JsonSignals) };
  };

  return {
    /** Writes one batch in one transaction; returns how many chat rows were new. */
    writeBatch: (b: LiveBatch): number => writeBatch(b),
    recordConnection(sessionId: string | null, c: ConnectionState): void {
      insConn.run(sessionId, c.status, c.url, c.since, c.lastError ?? null);
    },
    quarantine(q: QuarantinedPayload): void {
      quarantineOne(q);
    },
    /** All of them in one transaction, or none. */
    quarantineMany(rows: readonly QuarantinedPayload[]): void {
      quarantineMany(rows);
    },
    quarantinedCount: (): number => (quarantineCount.get() as { n: number }).n,
    chatCount: (sessionId: string): number => (chatCount.get(sessionId) as { n: number }).n,
    /** Newest `limit` messages, returned oldest first. */
    recentChat: (sessionId: string, limit: number): ChatMessage[] =>
      (chatPage.all(sessionId, limit) as ChatRow[]).reverse().map(toChat),
    chatBetween: (sessionId: string, from: number, to: number): ChatMessage[] =>
      (chatRange.all(sessionId, from, to) as ChatRow[]).map(toChat),
    /** As chatBetween, with when this console received each message. */
    chatReceivedBetween: (
      sessionId: string,
      from: number,
      to: number,
    ): { message: ChatMessage; receivedAt: number }[] =>
      (chatRange.all(sessionId, from, to) as (ChatRow & { received_at: number })[]).map((r) => ({
        message: toChat(r),
        receivedAt: r.received_at,
      })),
    /** All chat of a session in time order, with each message's stored complaint mask (-1: unclassified). */
    allChatWithComplaints(sessionId: string): { chat: ChatMessage[]; complaints: Int16Array } {
      type Row = [string, string, string, number, string | null, string | null, number];
      const rows = chatOfSession.all(sessionId) as Row[];
      rows.sort((a, b) => a[3] - b[3] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const complaints = new Int16Array(rows.length);
      const chat = rows.map((r, i) => {
        complaints[i] = r[6];
        const m: ChatMessage = { id: r[0], author: r[1], text: r[2], ts: r[3] };
        if (r[4]) m.lang = r[4];
        if (r[5]) m.source = r[5];
        return m;
      });
      return { chat, complaints };
    },
    recentHealth: (sessionId: string, limit: number): HealthSample[] =>
      (healthPage.all(sessionId, limit) as HealthRow[]).reverse().map(toHealth),
    healthBetween: (sessionId: string, from: number, to: number): HealthSample[] =>
      (healthRange.all(sessionId, from, to) as HealthRow[]).map(toHealth),
  };
}
export type LiveEventsRepo = ReturnType<typeof liveEventsRepo>;
