/**
 * An event's public status page is the team's: whichever console posts an update, the page it uploads carries
 * every update the team posted, under one permanent id (the feeds' ids), so a fail-over to another console
 * never takes earlier updates off the public page nor changes the feed's identity. One page per event
 * (`event_key`, desk/event-key.ts); the first console to publish gives the page its id. Each entry is stored
 * once by its idempotency key, with the time of its first publishing.
 */
export default `
CREATE TABLE team_status_pages (
  event_key TEXT PRIMARY KEY,
  page_id TEXT NOT NULL
);

CREATE TABLE team_status_entries (
  event_key TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  entry_json JSONB NOT NULL,
  seq BIGSERIAL NOT NULL,
  PRIMARY KEY (event_key, idempotency_key)
);
`;
