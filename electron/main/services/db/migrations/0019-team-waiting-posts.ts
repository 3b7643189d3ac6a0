/**
 * Posts queued while the team database was away (team/waiting-outbox-store.ts): kept here, on the console
 * that queued them, in order, until the team's outbox takes them (same idempotency key, so a post handed
 * over twice is stored once). Gone from here once handed over.
 */
export default `
CREATE TABLE team_waiting_posts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key TEXT NOT NULL UNIQUE,
  entry_json TEXT NOT NULL,
  queued_at INTEGER NOT NULL
);
`;
