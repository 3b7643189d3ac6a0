/**
 * The team's shared outbox: the SQLite outbox (db/migrations 0003, 0007, 0009, 0015, 0016, 0017) in one
 * table, plus the claim a console holds on an entry it is sending (`claimed_by` until `lease_until`, console
 * clock ms). Times are BIGINT epoch ms, as on SQLite; JSON columns are JSONB so a part can be added in one
 * UPDATE. The rehearsal flag is the entry's own: there is no sessions table here.
 *
 * As on SQLite, a trigger refuses 'sent' without a delivery receipt. Another trigger announces every change a
 * view or a worker would see on `onair_outbox` (payload: the entry's id), in the transaction that makes it,
 * so no statement can forget to; a lease renewal alone is not announced.
 */
export default `
CREATE TABLE outbox_entries (
  id BIGSERIAL PRIMARY KEY,
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
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  sent_at BIGINT,
  parts_done JSONB NOT NULL DEFAULT '[]',
  parts_sending JSONB NOT NULL DEFAULT '{}',
  attachments JSONB,
  variants JSONB,
  rehearsal BOOLEAN NOT NULL DEFAULT FALSE,
  claimed_by TEXT,
  lease_until BIGINT,
  CONSTRAINT outbox_claim_while_sending CHECK (CASE WHEN status = 'sending'
    THEN claimed_by IS NOT NULL AND lease_until IS NOT NULL
    ELSE claimed_by IS NULL AND lease_until IS NULL END)
);
CREATE INDEX outbox_entries_due ON outbox_entries (status, channel, next_attempt_at, id);
CREATE INDEX outbox_entries_wake ON outbox_entries (status, next_attempt_at);
CREATE INDEX outbox_entries_by_incident ON outbox_entries (incident_id, id);
CREATE INDEX outbox_entries_by_session ON outbox_entries (session_id, id);

CREATE TABLE delivery_receipts (
  outbox_id BIGINT PRIMARY KEY REFERENCES outbox_entries(id),
  channel TEXT NOT NULL,
  remote_id TEXT,
  detail TEXT NOT NULL,
  at BIGINT NOT NULL
);

CREATE FUNCTION outbox_sent_requires_receipt() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM delivery_receipts WHERE outbox_id = NEW.id) THEN
    RAISE EXCEPTION 'outbox entry cannot be marked sent without a delivery receipt';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER outbox_sent_requires_receipt BEFORE INSERT OR UPDATE OF status ON outbox_entries
  FOR EACH ROW WHEN (NEW.status = 'sent') EXECUTE FUNCTION outbox_sent_requires_receipt();

CREATE FUNCTION outbox_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('onair_outbox', NEW.id::text);
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_announce_insert AFTER INSERT ON outbox_entries
  FOR EACH ROW EXECUTE FUNCTION outbox_announce();
CREATE TRIGGER outbox_announce_update AFTER UPDATE ON outbox_entries
  FOR EACH ROW WHEN ((OLD.status, OLD.attempts, OLD.next_attempt_at, OLD.last_error, OLD.skip_reason, OLD.sent_at,
    OLD.updated_at, OLD.parts_done, OLD.parts_sending)
    IS DISTINCT FROM (NEW.status, NEW.attempts, NEW.next_attempt_at, NEW.last_error, NEW.skip_reason, NEW.sent_at,
    NEW.updated_at, NEW.parts_done, NEW.parts_sending))
  EXECUTE FUNCTION outbox_announce();
`;
