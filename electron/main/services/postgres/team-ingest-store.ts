/**
 * The team's copy of what its consoles ingest (migrations/0003-team-ingest.ts). Every console watching a source
 * sends the same rows under the same keys; a batch is one statement whatever its size (a multi-row INSERT per
 * table, from unnested arrays) that ignores the conflicts, so a row is stored once, by the first console to send
 * it, and a resend after an outage or a back-fill changes nothing. One statement is also one round trip, atomic
 * without a transaction, on a pool client that pg watches for a connection lost under it.
 *
 * PostgreSQL refuses a NUL character in TEXT and in JSONB, and JSONB refuses a lone UTF-16 surrogate, where
 * SQLite takes both: a hostile source could otherwise jam the queue with one message. Such characters become
 * U+FFFD here, in every string of a row (keys too, alike on every console), and the rows are counted.
 */
import type pg from 'pg';
import { replaceLoneSurrogates } from '../../../../shared/schemas';
import type { ChatMessage, HealthSample } from '../../../../shared/types';

export interface TeamSession {
  id: string;
  /** The source's name in its hello (the session id's first part). */
  source: string;
  scenario?: string;
  eventName: string;
  startedAt: number;
  endedAt?: number;
  speed: number;
  rehearsal: boolean;
}

/** One row to store, in the order the console ingested them: a session comes before its chat and health. */
export type TeamIngestRow =
  | { kind: 'session'; session: TeamSession }
  | { kind: 'chat'; sessionId: string; message: ChatMessage; receivedAt: number }
  | { kind: 'health'; sessionId: string; sample: HealthSample };

/** How many rows of a batch were new to the team database, and how many strings had characters replaced. */
export interface IngestWriteResult {
  sessions: number;
  chat: number;
  health: number;
  repaired: number;
}

const UNSTORABLE = /[\0\uD800-\uDFFF]/;
const NULS = /\0/g;

/** Strings PostgreSQL stores as given; `repaired` is told when one had to change. */
function storable(repaired: () => void) {
  const text = (s: string): string => {
    if (!UNSTORABLE.test(s)) return s; // the common case: no allocation
    const safe = replaceLoneSurrogates(s.replace(NULS, '\uFFFD'));
    if (safe !== s) repaired();
    return safe;
  };
  const optional = (s: string | undefined): string | null => (s === undefined ? null : text(s));
  const json = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' ? text(x) : x));
  return { text, optional, json };
}

/**
 * Sessions, chat and health in one statement. A chat row marked `own` (only the console that posted the message
 * knows it is ours) goes in apart: it marks the stored row, whichever console stored it. `xmax = 0` tells an
 * inserted row from one the conflict updated.
 */
const WRITE = `
WITH s AS (
  INSERT INTO team_sessions (id, source, scenario, event_name, started_at, ended_at, speed, rehearsal, stored_by)
    SELECT *, $1::text FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[],
      $8::real[], $9::boolean[])
  ON CONFLICT (id) DO UPDATE SET ended_at = EXCLUDED.ended_at
    WHERE team_sessions.ended_at IS NULL AND EXCLUDED.ended_at IS NOT NULL
  RETURNING xmax = 0 AS inserted
), chat AS (
  SELECT * FROM unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::bigint[], $15::text[], $16::text[],
    $17::boolean[], $18::bigint[]) AS m(session_id, source_id, author, text, ts, lang, platform, own, received_at)
), c AS (
  INSERT INTO team_chat (session_id, source_id, author, text, ts, lang, platform, own, first_received_at, stored_by)
    SELECT *, $1::text FROM chat WHERE NOT own
  ON CONFLICT (session_id, source_id) DO NOTHING
  RETURNING 1
), own AS (
  INSERT INTO team_chat (session_id, source_id, author, text, ts, lang, platform, own, first_received_at, stored_by)
    SELECT *, $1::text FROM chat WHERE own
  ON CONFLICT (session_id, source_id) DO UPDATE SET own = TRUE WHERE NOT team_chat.own
  RETURNING xmax = 0 AS inserted
), h AS (
  INSERT INTO team_health (session_id, source, ts, sample, stored_by)
    SELECT session_id, source, ts, sample::jsonb, $1::text
    FROM unnest($19::text[], $20::text[], $21::bigint[], $22::text[]) AS h(session_id, source, ts, sample)
  ON CONFLICT (session_id, source, ts) DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM s WHERE inserted)::int AS sessions,
  ((SELECT count(*) FROM c) + (SELECT count(*) FROM own WHERE inserted))::int AS chat,
  (SELECT count(*) FROM h)::int AS health`;

type ChatRow = Extract<TeamIngestRow, { kind: 'chat' }>;
type HealthRow = Extract<TeamIngestRow, { kind: 'health' }>;

/** Within one batch a session may come twice (started, then ended): one row, ended if either says so. */
function latestSessions(rows: TeamSession[]): TeamSession[] {
  const byId = new Map<string, TeamSession>();
  for (const s of rows) {
    const endedAt = s.endedAt ?? byId.get(s.id)?.endedAt;
    byId.set(s.id, endedAt === undefined ? s : { ...s, endedAt });
  }
  return [...byId.values()];
}

/**
 * One row per key: a statement may not update a row twice. The copy that says `own` is kept (ingest does not
 * pass the same message on twice, but a back-fill may overlap what was queued).
 */
function distinctChat(rows: ChatRow[], key: (r: ChatRow) => string): ChatRow[] {
  const byKey = new Map<string, ChatRow>();
  for (const r of rows) {
    const k = key(r);
    if (!byKey.get(k)?.message.own) byKey.set(k, r);
  }
  return byKey.size === rows.length ? rows : [...byKey.values()];
}

export function teamIngestStore(pool: pg.Pool, storedBy: string) {
  return {
    /** Stores a batch, all of it or nothing; answers how many rows were new. */
    async write(rows: readonly TeamIngestRow[]): Promise<IngestWriteResult> {
      let repaired = 0;
      const s = storable(() => repaired++);
      const sessionRows: TeamSession[] = [];
      const chatRows: ChatRow[] = [];
      const health: HealthRow[] = [];
      for (const row of rows) {
        if (row.kind === 'session') sessionRows.push(row.session);
        else if (row.kind === 'chat') chatRows.push(row);
        else health.push(row);
      }
      const sessions = latestSessions(sessionRows);
      const key = storable(() => undefined).text; // the same strings are counted below, once
      const chat = distinctChat(chatRows, (r) => `${key(r.sessionId)}\0${key(r.message.id)}`);
      const r = await pool.query<{ sessions: number; chat: number; health: number }>(WRITE, [
        storedBy,
        sessions.map((x) => s.text(x.id)),
        sessions.map((x) => s.text(x.source)),
        sessions.map((x) => s.optional(x.scenario)),
        sessions.map((x) => s.text(x.eventName)),
        sessions.map((x) => x.startedAt),
        sessions.map((x) => x.endedAt ?? null),
        sessions.map((x) => x.speed),
        sessions.map((x) => x.rehearsal),
        chat.map((x) => s.text(x.sessionId)),
        chat.map((x) => s.text(x.message.id)),
        chat.map((x) => s.text(x.message.author)),
        chat.map((x) => s.text(x.message.text)),
        chat.map((x) => x.message.ts),
        chat.map((x) => s.optional(x.message.lang)),
        chat.map((x) => s.optional(x.message.source)),
        chat.map((x) => x.message.own === true),
        chat.map((x) => x.receivedAt),
        health.map((x) => s.text(x.sessionId)),
        health.map((x) => s.text(x.sample.source ?? '')),
        health.map((x) => x.sample.ts),
        health.map((x) => s.json(x.sample)),
      ]);
      return { ...r.rows[0], repaired };
    },
  };
}
export type TeamIngestStore = ReturnType<typeof teamIngestStore>;
