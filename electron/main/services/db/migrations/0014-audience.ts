/**
 * The audience list (issue 11): people, consent per person and channel with its source and time, opt-outs
 * (which always win over a consent, also over one granted by a later import), the recipients each post was
 * addressed to (a snapshot, so a retry batches the same people even when the list changed in between), and
 * the audience settings.
 */
export default `
CREATE TABLE audience_people (
  id INTEGER PRIMARY KEY,
  email TEXT COLLATE NOCASE UNIQUE,
  phone TEXT,
  name TEXT NOT NULL DEFAULT '',
  lang TEXT,
  source TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
CREATE UNIQUE INDEX audience_people_phone_only ON audience_people(phone) WHERE email IS NULL;
CREATE TABLE audience_consents (
  person_id INTEGER NOT NULL REFERENCES audience_people(id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  source TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (person_id, channel)
) WITHOUT ROWID;
CREATE TABLE audience_opt_outs (
  person_id INTEGER NOT NULL REFERENCES audience_people(id) ON DELETE CASCADE,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  source TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (person_id, channel)
) WITHOUT ROWID;
CREATE TABLE audience_sends (
  post_key TEXT NOT NULL,
  channel TEXT NOT NULL,
  seq INTEGER NOT NULL,
  person_id INTEGER NOT NULL,
  PRIMARY KEY (post_key, channel, seq)
) WITHOUT ROWID;
CREATE TABLE audience_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;
