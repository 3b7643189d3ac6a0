/**
 * Several events on one team: each outbox entry belongs to the event it was written for (`event_key`, what
 * the event watches, desk/event-key.ts), and a console's workspace claims only its own event's entries: they
 * go out with that event's channel settings, never another's. Entries written before this migration belong to
 * the key '' (a team that watched one event).
 *
 * `team_events` is the desk of the team: the console running each event's engine keeps its line there (open
 * incident, timer colour, failing channels), so every console's desk lists the events watched elsewhere.
 */
export default `
ALTER TABLE outbox_entries ADD COLUMN event_key TEXT NOT NULL DEFAULT '';
DROP INDEX outbox_entries_due;
DROP INDEX outbox_entries_wake;
CREATE INDEX outbox_entries_due ON outbox_entries (event_key, status, channel, next_attempt_at, id);
CREATE INDEX outbox_entries_wake ON outbox_entries (event_key, status, next_attempt_at);

CREATE TABLE team_events (
  event_key TEXT PRIMARY KEY,
  session_id TEXT,
  console TEXT NOT NULL,
  line_json JSONB NOT NULL,
  updated_at BIGINT NOT NULL
);
`;
