/** Sessions (one per watched webinar run), chat, health, connection changes, quarantined payloads. */
export default `
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  event_name TEXT NOT NULL,
  scenario TEXT,
  source_url TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  speed REAL NOT NULL DEFAULT 1,
  truth_json TEXT
);

CREATE TABLE chat_messages (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  source_id TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  ts INTEGER NOT NULL,
  lang TEXT,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, source_id)
) WITHOUT ROWID;
CREATE INDEX chat_messages_by_time ON chat_messages (session_id, ts);

CREATE TABLE health_samples (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  ts INTEGER NOT NULL,
  audio_level_db REAL NOT NULL,
  audio_packets REAL NOT NULL,
  video_fps REAL NOT NULL,
  bitrate_kbps REAL NOT NULL,
  dropped_frames INTEGER NOT NULL,
  stream_state TEXT NOT NULL,
  viewers INTEGER NOT NULL,
  PRIMARY KEY (session_id, ts)
) WITHOUT ROWID;

CREATE TABLE connection_events (
  id INTEGER PRIMARY KEY,
  session_id TEXT REFERENCES sessions(id),
  status TEXT NOT NULL,
  url TEXT NOT NULL,
  at INTEGER NOT NULL,
  error TEXT
);
CREATE INDEX connection_events_by_time ON connection_events (at);

CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  received_at INTEGER NOT NULL,
  source_url TEXT NOT NULL,
  event TEXT NOT NULL,
  reason TEXT NOT NULL,
  payload TEXT NOT NULL
);
`;
