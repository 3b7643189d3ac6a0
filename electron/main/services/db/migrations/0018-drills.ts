/**
 * Scored drills (issue 13): one row per drill, kept so the review compares them over time. `fault` and
 * `at_sec` are the secret of a running drill (the consoles are not told until it ends); `injected_at` is the
 * fault's onset on its session's time line once that session started; `score_json` is the DrillScore, or NULL
 * with `unscored` saying why (ended before the fault, interrupted by a restart).
 */
export default `
CREATE TABLE drills (
  id TEXT PRIMARY KEY,
  started_at INTEGER NOT NULL,
  requested TEXT NOT NULL,
  fault TEXT NOT NULL,
  at_sec INTEGER NOT NULL,
  speed REAL NOT NULL,
  session_id TEXT,
  injected_at INTEGER,
  ended_at INTEGER,
  score_json TEXT,
  unscored TEXT
);
CREATE INDEX drills_started ON drills (started_at);
`;
