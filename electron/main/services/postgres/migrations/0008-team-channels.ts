/**
 * The channels each console of an event can post on: enabled there and set up (credentials stay sealed on
 * the console where they were entered). An update's checklist is every channel the event's live consoles can
 * post on, so an operator on any console covers the social-media desk's channels too, and each post goes out
 * from a console that has its channel. Each console writes its row when its channels change and every few
 * seconds (`seen_at`, its clock); a row not seen for a while is a console gone. A change is announced on
 * `onair_team` as `channels`.
 */
export default `
CREATE TABLE team_channels (
  event_key TEXT NOT NULL,
  console TEXT NOT NULL,
  channels JSONB NOT NULL,
  seen_at BIGINT NOT NULL,
  PRIMARY KEY (event_key, console)
);

-- A heartbeat that changes nothing but seen_at is no news.
CREATE FUNCTION team_channels_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR NEW.channels IS DISTINCT FROM OLD.channels THEN
    PERFORM pg_notify('onair_team', 'channels');
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER team_channels_announce AFTER INSERT OR UPDATE OR DELETE ON team_channels
  FOR EACH ROW EXECUTE FUNCTION team_channels_announce();
`;
