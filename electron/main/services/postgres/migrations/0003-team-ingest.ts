/**
 * What the consoles of a team ingest, stored once however many of them watch the same source. Every console
 * derives a session's id from the source's hello alike, and a chat message's id is the source's own, so the
 * keys are the SQLite ones (db/migrations 0001, 0010): a row a second console sends again is a conflict that
 * changes nothing. `stored_by` names the console whose copy was stored (the first to arrive), and
 * `first_received_at` when that console received it. Times are BIGINT epoch ms, as on SQLite.
 *
 * Chat keeps the columns a view reads (the platform whose chat carried it, and `own`: one of the team's own
 * posts, never a complaint); a health sample is kept whole as JSONB, since each source sends other signals.
 */
export default `
CREATE TABLE team_sessions (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  scenario TEXT,
  event_name TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT,
  speed REAL NOT NULL DEFAULT 1,
  rehearsal BOOLEAN NOT NULL DEFAULT FALSE,
  stored_by TEXT NOT NULL
);

CREATE TABLE team_chat (
  session_id TEXT NOT NULL REFERENCES team_sessions(id),
  source_id TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  ts BIGINT NOT NULL,
  lang TEXT,
  platform TEXT,
  own BOOLEAN NOT NULL DEFAULT FALSE,
  first_received_at BIGINT NOT NULL,
  stored_by TEXT NOT NULL,
  PRIMARY KEY (session_id, source_id)
);
CREATE INDEX team_chat_by_time ON team_chat (session_id, ts);

CREATE TABLE team_health (
  session_id TEXT NOT NULL REFERENCES team_sessions(id),
  source TEXT NOT NULL,
  ts BIGINT NOT NULL,
  sample JSONB NOT NULL,
  stored_by TEXT NOT NULL,
  PRIMARY KEY (session_id, source, ts)
);
`;
