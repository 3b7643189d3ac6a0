/**
 * A new entry on an event's status page is announced on `onair_team` as `status-page` (no key: an event key can
 * be longer than a notification may carry), so every console of the event brings its local preview of the page
 * up to the team's at once, not only when it next publishes.
 *
 * Per row, not per statement: a console catching up merges what its folder holds, mostly entries the team has
 * already (ON CONFLICT DO NOTHING inserts none), and a statement trigger would announce each such merge too:
 * every console would catch up again, and so on without end. PostgreSQL delivers the announcements of one
 * transaction once, however many rows it inserted.
 */
export default `
CREATE FUNCTION team_status_entries_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('onair_team', 'status-page');
  RETURN NULL;
END $$;
CREATE TRIGGER team_status_entries_announce AFTER INSERT ON team_status_entries
  FOR EACH ROW EXECUTE FUNCTION team_status_entries_announce();
`;
