/**
 * Rehearsals (issue 13): a session whose time line Onair plays itself (the embedded simulator or a replay) is a
 * rehearsal, and every post enqueued for it goes to the sandbox, never to a channel. Both flags are stored so the
 * outbox can tell from the row alone, also after a restart.
 */
export default `
ALTER TABLE sessions ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox_entries ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0;
`;
