/**
 * Scheduled announcements, and files that travel with a post (the .ics of a postponement):
 * - an announcement is one row, composed once; `status` moves scheduled → sent | cancelled, or to overdue when
 *   its time passed while Onair was closed (then only the operator sends or cancels it).
 * - `outbox_entries.attachments` holds the files of a post as JSON, so a retry after a restart still has them.
 */
export default `
CREATE TABLE announcements (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  lang TEXT NOT NULL,
  subject TEXT,
  body TEXT NOT NULL,
  link TEXT,
  send_at INTEGER NOT NULL,
  channels TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'overdue', 'sent', 'cancelled')),
  new_event TEXT,
  ics TEXT,
  operator TEXT NOT NULL,
  skipped TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX announcements_pending ON announcements (status, send_at);
ALTER TABLE outbox_entries ADD COLUMN attachments TEXT;
`;
