/**
 * The signal sources the producer added to the event (OBS, the program probe), kept across restarts: Onair
 * restarted mid-event watches them again. The settings are JSON without the OBS password, which is sealed
 * (like channel credentials) with the SecretBox named in `secret_box`.
 */
export default `
CREATE TABLE signal_sources (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  settings TEXT NOT NULL,
  secret_box TEXT,
  password_enc BLOB,
  added_at INTEGER NOT NULL
);
`;
