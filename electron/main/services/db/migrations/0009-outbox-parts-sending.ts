/**
 * Parts of a post (e-mail batches) that went past the point of no return (the end-of-data dot) without an
 * answer yet, with their recipients: JSON `{ part: [recipient, …] }`. Written before the dot and cleared by the
 * answer, so after a crash only these are in doubt; the operator is shown who they went to, and the rest of
 * the post goes out on its own.
 */
export default `
ALTER TABLE outbox_entries ADD COLUMN parts_sending TEXT NOT NULL DEFAULT '{}';
`;
