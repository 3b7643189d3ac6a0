/**
 * Language variants of an e-mail or SMS post (issue 11): `outbox_entries.variants` holds, as JSON, the post
 * rendered from its template in the other languages of its audience (`{ "<lang>": { subject?, text } }`), so a
 * retry after a restart sends each person the same words.
 */
export default `
ALTER TABLE outbox_entries ADD COLUMN variants TEXT;
`;
