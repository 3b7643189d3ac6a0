/**
 * An event's playbooks are the team's: deadlines, cadence and templates edited on any console of the event hold
 * on every other, so the timers and alarms do not depend on which console runs the engine. One row per event
 * (`event_key`, desk/event-key.ts) and incident kind; the newest edit wins (`updated_at`, the editing
 * console's clock). A change is announced on `onair_team` as `playbooks` (no key: an event key can be longer
 * than a notification may carry), and each console re-reads its own event's rows.
 */
export default `
CREATE TABLE team_playbooks (
  event_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  playbook_json JSONB NOT NULL,
  updated_at BIGINT NOT NULL,
  console TEXT NOT NULL,
  PRIMARY KEY (event_key, kind)
);

CREATE FUNCTION team_playbooks_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('onair_team', 'playbooks');
  RETURN NULL;
END $$;
CREATE TRIGGER team_playbooks_announce AFTER INSERT OR UPDATE ON team_playbooks
  FOR EACH ROW EXECUTE FUNCTION team_playbooks_announce();
`;
