/**
 * Each chat message's complaint category mask (0 = not a complaint), classified once at ingest by the
 * live detector's own classifier, so a 4-hour review does not re-classify 200,000 lines before drawing.
 * -1 marks rows stored before this migration: they are classified on first review.
 */
export default `
ALTER TABLE chat_messages ADD COLUMN complaint INTEGER NOT NULL DEFAULT -1;
`;
