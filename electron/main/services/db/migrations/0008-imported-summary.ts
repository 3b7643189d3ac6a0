/** What the history list needs of an imported event, so listing never parses a whole recording. */
export default `
ALTER TABLE imported_events ADD COLUMN summary_json TEXT;
`;
