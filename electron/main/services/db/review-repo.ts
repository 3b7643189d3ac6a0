/**
 * Reads a whole watched event back as a RecordedEvent (for review, export and replay), stores imported
 * ones, and lists past events for the history screen.
 */
import type { Incident } from '../../../../shared/domain/incident';
import type { ConnectionStatus, SessionId } from '../../../../shared/types';
import type { IncidentsRepo } from './incidents-repo';
import type { LiveEventsRepo } from './live-events-repo';
import type { Db } from './open';
import type { OutboxRepo } from './outbox-repo';
import type { RoundsRepo } from './rounds-repo';
import type { SessionsRepo } from './sessions-repo';
import {
  RECORDED_EVENT_FORMAT,
  type EventSummary,
  type RecordedEvent,
} from '../../../../shared/domain/review/recorded-event';

const ALL = Number.MAX_SAFE_INTEGER;

interface ImportedSummary {
  chatCount: number;
  incidents: Pick<Incident, 'id' | 'kind' | 'title' | 'status'>[];
}
const summaryOf = (ev: RecordedEvent): ImportedSummary => ({
  chatCount: ev.chat.length,
  incidents: ev.incidents.map((i) => ({ id: i.id, kind: i.kind, title: i.title, status: i.status })),
});

export function reviewRepo(
  db: Db,
  r: { sessions: SessionsRepo; live: LiveEventsRepo; incidents: IncidentsRepo; rounds: RoundsRepo; outbox: OutboxRepo },
) {
  const connections = db.prepare('SELECT status, at, error FROM connection_events WHERE session_id = ? ORDER BY id');
  const importedJson = db.prepare('SELECT json FROM imported_events WHERE session_id = ?');
  const insImported = db.prepare(
    'INSERT INTO imported_events (session_id, json, imported_at, summary_json) VALUES (?, ?, ?, ?) ON CONFLICT(session_id) DO NOTHING',
  );
  const search = db.prepare(
    `SELECT s.id, s.event_name, s.scenario, s.started_at, s.ended_at, (i.session_id IS NOT NULL) AS imported, i.summary_json,
       (SELECT COUNT(*) FROM chat_messages c WHERE c.session_id = s.id) AS chat_count
     FROM sessions s LEFT JOIN imported_events i ON i.session_id = s.id
     WHERE (@q = '' OR s.event_name LIKE @like OR IFNULL(s.scenario, '') LIKE @like
        OR EXISTS (SELECT 1 FROM incidents x WHERE x.session_id = s.id AND x.title LIKE @like)
        OR EXISTS (SELECT 1 FROM chat_messages c WHERE c.session_id = s.id AND instr(lower(c.text), lower(@q)) > 0)
        OR i.session_id IS NOT NULL) -- imported incidents live in their JSON: matched below
     ORDER BY s.started_at DESC LIMIT @limit`,
  );
  // instr, not LIKE: a "%" or "_" the operator types is plain text. EXISTS and LIMIT 1 stop at the first match,
  // so only an event without one is read whole (a 200,000-message event in tens of milliseconds).
  const chatMatch = db.prepare(
    'SELECT author, text FROM chat_messages WHERE session_id = ? AND instr(lower(text), lower(?)) > 0 LIMIT 1',
  );

  function recorded(sessionId: string, exportedAt: number): RecordedEvent | undefined {
    return recordedWithComplaints(sessionId, exportedAt)?.event;
  }

  /** The event, plus the complaint masks stored at ingest (in its chat order) when it was recorded here. */
  function recordedWithComplaints(
    sessionId: string,
    exportedAt: number,
  ): { event: RecordedEvent; complaints?: Int16Array } | undefined {
    const imported = importedJson.get(sessionId) as { json: string } | undefined;
    if (imported) return { event: JSON.parse(imported.json) as RecordedEvent };
    const s = r.sessions.byId(sessionId);
    if (!s) return undefined;
    const { chat, complaints } = r.live.allChatWithComplaints(sessionId);
    const incidents: Incident[] = r.incidents.bySession(sessionId);
    const event: RecordedEvent = {
      format: RECORDED_EVENT_FORMAT,
      exportedAt,
      session: s,
      health: r.live.healthBetween(sessionId, 0, ALL),
      chat,
      connection: (connections.all(sessionId) as { status: ConnectionStatus; at: number; error: string | null }[]).map(
        (c) => ({
          status: c.status,
          since: c.at,
          ...(c.error ? { lastError: c.error } : {}),
        }),
      ),
      incidents,
      rounds: incidents.flatMap((i) => r.rounds.list(i.id)),
      posts: r.outbox.bySession(sessionId),
    };
    return { event, complaints };
  }

  return {
    recorded,
    recordedWithComplaints,
    /** Stores an imported event under its own session id; importing the same file twice is a no-op. */
    importEvent(ev: RecordedEvent, at: number): SessionId {
      // An imported event gets an id of its own, so it never collides with a session recorded here.
      const id = ev.session.id.startsWith('imported:') ? ev.session.id : (`imported:${ev.session.id}` as SessionId);
      const stored: RecordedEvent = { ...ev, session: { ...ev.session, id } };
      db.transaction(() => {
        r.sessions.upsert({ ...stored.session, id, truth: stored.session.truth });
        if (stored.session.endedAt) r.sessions.end(id, stored.session.endedAt);
        insImported.run(id, JSON.stringify(stored), at, JSON.stringify(summaryOf(stored)));
      })();
      return id;
    },
    list(query: string, limit = 100): EventSummary[] {
      const q = query.trim();
      const rows = search.all({ q, like: `%${q}%`, limit }) as {
        id: SessionId;
        event_name: string;
        scenario: string | null;
        started_at: number;
        ended_at: number | null;
        imported: number;
        chat_count: number;
        summary_json: string | null;
      }[];
      const needle = q.toLowerCase();
      return rows.flatMap((row) => {
        // Imported events carry a small summary; only rows imported before it existed need the whole file.
        const imported = row.imported
          ? row.summary_json
            ? (JSON.parse(row.summary_json) as ImportedSummary)
            : summaryOf(recorded(row.id, 0)!)
          : undefined;
        const incidents = imported ? imported.incidents : r.incidents.bySession(row.id);
        const byName =
          !needle ||
          [row.event_name, row.scenario ?? '', ...incidents.map((i) => i.title)].some((t) =>
            t.toLowerCase().includes(needle),
          );
        if (imported && !byName) return [];
        // Found by its chat alone: the line that matched (the query above saw one, so this stops there too).
        const chat = byName ? undefined : (chatMatch.get(row.id, q) as { author: string; text: string } | undefined);
        return {
          sessionId: row.id,
          eventName: row.event_name,
          scenario: row.scenario ?? undefined,
          startedAt: row.started_at,
          endedAt: row.ended_at ?? undefined,
          imported: !!row.imported,
          chatCount: imported ? imported.chatCount : row.chat_count,
          incidents: incidents.map((i) => ({ id: i.id, kind: i.kind, title: i.title, status: i.status })),
          ...(chat ? { chatMatch: chat } : {}),
        };
      });
    },
  };
}
export type ReviewRepo = ReturnType<typeof reviewRepo>;
