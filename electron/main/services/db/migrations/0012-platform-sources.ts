/**
 * Platform sources (YouTube Live, Zoom Webinars):
 * - a source keeps several secrets (a client secret, a refresh token), sealed together as one JSON object in
 *   `secrets_enc`; rows from before keep their OBS password in `password_enc`.
 * - a chat line names the platform source whose chat carried it (NULL: the time line's own chat).
 * - the YouTube quota spent per Google Cloud project and Pacific day, so a restart mid-event does not forget it.
 */
export default `
ALTER TABLE signal_sources ADD COLUMN secrets_enc BLOB;
ALTER TABLE chat_messages ADD COLUMN platform TEXT;
CREATE TABLE platform_quota (
  project TEXT NOT NULL,
  day TEXT NOT NULL,
  units INTEGER NOT NULL,
  PRIMARY KEY (project, day)
) WITHOUT ROWID;
`;
