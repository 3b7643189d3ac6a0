/**
 * Incidents (one per problem), their evidence and every operator action on them.
 * The reducer's full view is kept as JSON for replay; the columns serve queries and the history list.
 */
export default `
CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  session_id TEXT REFERENCES sessions(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  severity TEXT NOT NULL,
  confidence REAL NOT NULL,
  detected_by TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  first_evidence_at INTEGER,
  recovery_proposed_at INTEGER,
  resolved_at INTEGER,
  updated_at INTEGER NOT NULL,
  view_json TEXT NOT NULL
);
CREATE INDEX incidents_by_session ON incidents (session_id, opened_at);

CREATE TABLE incident_evidence (
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  source TEXT NOT NULL,
  detector TEXT NOT NULL,
  detail_json TEXT NOT NULL,
  PRIMARY KEY (incident_id, seq)
) WITHOUT ROWID;

CREATE TABLE incident_actions (
  id INTEGER PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  operator TEXT NOT NULL,
  note TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX incident_actions_by_incident ON incident_actions (incident_id, at);
`;
