/**
 * Broadcasting: the persistent outbox, its delivery receipts, per-channel settings (credentials encrypted by
 * a SecretBox, never plain text) and playbooks (JSON validated by the playbook module).
 * A trigger enforces the outbox rule "the delivery receipt is committed before an entry is marked sent".
 */
export default `
CREATE TABLE outbox_entries (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  session_id TEXT,
  incident_id TEXT,
  round INTEGER,
  channel TEXT NOT NULL,
  phase TEXT NOT NULL,
  lang TEXT NOT NULL,
  subject TEXT,
  text TEXT NOT NULL,
  link TEXT,
  event_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped')),
  skip_reason TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX outbox_entries_due ON outbox_entries (status, next_attempt_at);
CREATE INDEX outbox_entries_by_incident ON outbox_entries (incident_id, id);
CREATE INDEX outbox_entries_by_session ON outbox_entries (session_id, id);

CREATE TABLE delivery_receipts (
  outbox_id INTEGER PRIMARY KEY REFERENCES outbox_entries(id),
  channel TEXT NOT NULL,
  remote_id TEXT,
  detail TEXT NOT NULL,
  at INTEGER NOT NULL
);

CREATE TRIGGER outbox_sent_requires_receipt
BEFORE UPDATE OF status ON outbox_entries
WHEN NEW.status = 'sent' AND NOT EXISTS (SELECT 1 FROM delivery_receipts WHERE outbox_id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'outbox entry cannot be marked sent without a delivery receipt');
END;

CREATE TABLE channel_settings (
  channel TEXT PRIMARY KEY,
  enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
  secret_box TEXT,
  credentials_enc BLOB,
  updated_at INTEGER NOT NULL,
  CHECK ((secret_box IS NULL) = (credentials_enc IS NULL))
);

CREATE TABLE playbooks (
  kind TEXT PRIMARY KEY,
  json TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`;
