/** Each public update of an incident: the text as composed, the checklist as completed, who sent it. */
export default `
CREATE TABLE broadcast_rounds (
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  round INTEGER NOT NULL,
  phase TEXT NOT NULL,
  lang TEXT NOT NULL,
  subject TEXT,
  body TEXT NOT NULL,
  link TEXT,
  operator TEXT NOT NULL,
  at INTEGER NOT NULL,
  checklist_json TEXT NOT NULL,
  tone_warnings INTEGER NOT NULL,
  PRIMARY KEY (incident_id, round)
) WITHOUT ROWID;
`;
