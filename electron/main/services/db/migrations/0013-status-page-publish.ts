/**
 * Status page publishing (issue 11, item 1) needs no new table: where the page is published (SFTP, S3 or a git
 * pages branch), its public URL and the target's secrets are the status-page channel's sealed credentials
 * (channel_settings), each publication is an outbox post with its receipt, and the page's permanent feed id is a
 * file in the page folder. The version is kept so the list stays numbered 1..n.
 */
export default `
-- no schema change
`;
