/**
 * Events imported from another machine, kept whole as their recorded JSON. Their posts must never enter
 * this machine's outbox (they were delivered elsewhere), so they live here rather than in the live tables.
 */
export default `
CREATE TABLE imported_events (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id),
  json TEXT NOT NULL,
  imported_at INTEGER NOT NULL
);
`;
