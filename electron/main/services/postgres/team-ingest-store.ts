/**
 * The team's copy of what its consoles ingest (migrations/0003-team-ingest.ts). Every console watching a source
 * sends the same rows under the same keys; each batch is one multi-row INSERT per table (arrays unnested, so a
 * batch is three statements whatever its size) that ignores the conflict, so a row is stored once, by the first
 * console to send it, and a resend after an outage or a back-fill changes nothing.
 *
 * PostgreSQL refuses a NUL character in TEXT and in JSONB, and JSONB refuses a lone UTF-16 surrogate, where
 * SQLite takes both: a hostile source could otherwise jam the queue with one message. Such characters become
 * U+FFFD here, in every string of a row (keys too, alike on every console), and the rows are counted.
 */
import type pg from 'pg';
import { replaceLoneSurrogates } from '../../../../shared/schemas';
import type { ChatMessage, HealthSample } from '../../../../shared/types';
import { inTransaction } from './transaction';

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
type Storable = ReturnType<typeof storable>;

/** Within one batch a session may come twice (started, then ended): one row, ended if either says so. */
function latestSessions(rows: TeamSession[]): TeamSession[] {
  const byId = new Map<string, TeamSession>();
  for (const s of rows) {
    const endedAt = s.endedAt ?? byId.get(s.id)?.endedAt;
    byId.set(s.id, endedAt === undefined ? s : { ...s, endedAt });
  }
  return [...byId.values()];
}

export function teamIngestStore(pool: pg.Pool, storedBy: string) {
  async function writeSessions(c: pg.PoolClient, rows: TeamSession[], s: Storable) {
    if (!rows.length) return 0;
    const r = await c.query<{ inserted: boolean }>(
      `INSERT INTO team_sessions (id, source, scenario, event_name, started_at, ended_at, speed, rehearsal, stored_by)
         SELECT *, $9::text FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[],
           $7::real[], $8::boolean[])
       ON CONFLICT (id) DO UPDATE SET ended_at = EXCLUDED.ended_at
         WHERE team_sessions.ended_at IS NULL AND EXCLUDED.ended_at IS NOT NULL
       RETURNING (xmax = 0) AS inserted`,
      [
        rows.map((x) => s.text(x.id)),
        rows.map((x) => s.text(x.source)),
        rows.map((x) => s.optional(x.scenario)),
        rows.map((x) => s.text(x.eventName)),
        rows.map((x) => x.startedAt),
        rows.map((x) => x.endedAt ?? null),
        rows.map((x) => x.speed),
        rows.map((x) => x.rehearsal),
        storedBy,
      ],
    );
    return r.rows.filter((x) => x.inserted).length;
  }

  async function writeChat(c: pg.PoolClient, rows: Extract<TeamIngestRow, { kind: 'chat' }>[], s: Storable) {
    if (!rows.length) return 0;
    const sessionIds = rows.map((x) => s.text(x.sessionId));
    const ids = rows.map((x) => s.text(x.message.id));
    const r = await c.query(
      `INSERT INTO team_chat (session_id, source_id, author, text, ts, lang, platform, own, first_received_at,
           stored_by)
         SELECT *, $10::text FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[],
           $7::text[], $8::boolean[], $9::bigint[])
       ON CONFLICT (session_id, source_id) DO NOTHING`,
      [
        sessionIds,
        ids,
        rows.map((x) => s.text(x.message.author)),
        rows.map((x) => s.text(x.message.text)),
        rows.map((x) => x.message.ts),
        rows.map((x) => s.optional(x.message.lang)),
        rows.map((x) => s.optional(x.message.source)),
        rows.map((x) => x.message.own === true),
        rows.map((x) => x.receivedAt),
        storedBy,
      ],
    );
    // Only the console that posted a message knows it is ours: its copy marks the stored row, whoever stored it.
    const own = rows.flatMap((x, i) => (x.message.own ? [i] : []));
    if (own.length)
      await c.query(
        `UPDATE team_chat t SET own = TRUE FROM unnest($1::text[], $2::text[]) AS o(session_id, source_id)
         WHERE t.session_id = o.session_id AND t.source_id = o.source_id AND NOT t.own`,
        [own.map((i) => sessionIds[i]), own.map((i) => ids[i])],
      );
    return r.rowCount ?? 0;
  }

  async function writeHealth(c: pg.PoolClient, rows: Extract<TeamIngestRow, { kind: 'health' }>[], s: Storable) {
    if (!rows.length) return 0;
    const r = await c.query(
      `INSERT INTO team_health (session_id, source, ts, sample, stored_by)
         SELECT session_id, source, ts, sample::jsonb, $5::text
         FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]) AS h(session_id, source, ts, sample)
       ON CONFLICT (session_id, source, ts) DO NOTHING`,
      [
        rows.map((x) => s.text(x.sessionId)),
        rows.map((x) => s.text(x.sample.source ?? '')),
        rows.map((x) => x.sample.ts),
        rows.map((x) => s.json(x.sample)),
        storedBy,
      ],
    );
    return r.rowCount ?? 0;
  }

  return {
    /** Stores a batch in one transaction (all of it or nothing); answers how many rows were new. */
    async write(rows: readonly TeamIngestRow[]): Promise<IngestWriteResult> {
      let repaired = 0;
      const s = storable(() => repaired++);
      const sessions: TeamSession[] = [];
      const chat: Extract<TeamIngestRow, { kind: 'chat' }>[] = [];
      const health: Extract<TeamIngestRow, { kind: 'health' }>[] = [];
      for (const row of rows) {
        if (row.kind === 'session') sessions.push(row.session);
        else if (row.kind === 'chat') chat.push(row);
        else health.push(row);
      }
      return inTransaction(pool, async (c) => ({
        sessions: await writeSessions(c, latestSessions(sessions), s),
        chat: await writeChat(c, chat, s),
        health: await writeHealth(c, health, s),
        repaired,
      }));
    },
  };
}
export type TeamIngestStore = ReturnType<typeof teamIngestStore>;
