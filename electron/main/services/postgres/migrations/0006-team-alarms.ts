/**
 * The deadline alarms of the team's events: the console running an event's engine (and its deadline timers)
 * records each alarm it raises, and the other consoles of the event raise it too, for their own operators.
 * Announced on `onair_team` as `alarm:<incident id>`.
 */
export default `
CREATE TABLE team_alarms (
  incident_id TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  deadline TEXT NOT NULL,
  session_id TEXT NOT NULL,
  raised_at BIGINT NOT NULL,
  PRIMARY KEY (incident_id, due_at)
);
CREATE INDEX team_alarms_session ON team_alarms (session_id);

CREATE FUNCTION team_alarms_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('onair_team', 'alarm:' || NEW.incident_id);
  RETURN NULL;
END $$;
CREATE TRIGGER team_alarms_announce AFTER INSERT ON team_alarms
  FOR EACH ROW EXECUTE FUNCTION team_alarms_announce();
`;
