/**
 * Who runs each event's incident engine, the incidents of the team's events, and the operator commands the
 * standby consoles hand to the engine's console. `team_leases` counts the
 * takeovers of each event's engine lease (postgres/engine-lease.ts): the holder's writes carry the epoch they
 * were made under, and a write from an older epoch (a console that lost the lease without knowing) is refused.
 *
 * The incidents, as the console running each event's engine (the lease holder) last saved
 * them, and the public updates (rounds) posted on them: the standby consoles show these, and the one that takes
 * the lease over resumes the engine and its deadlines from them.
 *
 * A command (`team_commands`) is an operator action taken on a standby console: the engine's console claims it,
 * runs it through its own dispatcher and stores the reply. Every change is announced on `onair_team`, in the
 * writing transaction: `incident:<id>`, `round:<incident id>`, `command:<id>` (new), `reply:<id>` (answered).
 */
export default `
CREATE TABLE team_leases (
  key TEXT PRIMARY KEY,
  epoch BIGINT NOT NULL,
  holder TEXT NOT NULL,
  since BIGINT NOT NULL
);

CREATE TABLE team_incidents (
  id TEXT PRIMARY KEY,
  session_id TEXT,
  view_json JSONB NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX team_incidents_by_session ON team_incidents (session_id);

CREATE TABLE team_rounds (
  incident_id TEXT NOT NULL,
  round INTEGER NOT NULL,
  view_json JSONB NOT NULL,
  PRIMARY KEY (incident_id, round)
);

CREATE TABLE team_commands (
  id BIGSERIAL PRIMARY KEY,
  session_id TEXT NOT NULL,
  name TEXT NOT NULL,
  args JSONB NOT NULL,
  from_console TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done')),
  reply JSONB,
  created_at BIGINT NOT NULL,
  done_at BIGINT,
  CHECK ((status = 'done') = (reply IS NOT NULL))
);
CREATE INDEX team_commands_pending ON team_commands (session_id, id) WHERE status = 'pending';

CREATE FUNCTION team_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'team_incidents' THEN
    PERFORM pg_notify('onair_team', 'incident:' || NEW.id);
  ELSIF TG_TABLE_NAME = 'team_rounds' THEN
    PERFORM pg_notify('onair_team', 'round:' || NEW.incident_id);
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM pg_notify('onair_team', 'command:' || NEW.id);
  ELSIF NEW.status = 'done' AND OLD.status <> 'done' THEN
    PERFORM pg_notify('onair_team', 'reply:' || NEW.id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER team_incidents_announce AFTER INSERT OR UPDATE ON team_incidents
  FOR EACH ROW EXECUTE FUNCTION team_announce();
CREATE TRIGGER team_rounds_announce AFTER INSERT OR UPDATE ON team_rounds
  FOR EACH ROW EXECUTE FUNCTION team_announce();
CREATE TRIGGER team_commands_announce AFTER INSERT OR UPDATE OF status ON team_commands
  FOR EACH ROW EXECUTE FUNCTION team_announce();
`;
