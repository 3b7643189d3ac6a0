/**
 * A new entry on an event's status page is announced on `onair_team` as `status-page` (no key: an event key can
 * be longer than a notification may carry), so every console of the event brings its local preview of the page
 * up to the team's at once, not only when it next publishes.
 */
export default `
CREATE FUNCTION team_status_entries_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('onair_team', 'status-page');
  RETURN NULL;
END $$;
CREATE TRIGGER team_status_entries_announce AFTER INSERT ON team_status_entries
  FOR EACH STATEMENT EXECUTE FUNCTION team_status_entries_announce();
`;
