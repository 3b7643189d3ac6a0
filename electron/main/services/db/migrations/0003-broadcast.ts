/** Placeholder: filled by the outbox work (playbooks, outbox entries, receipts, channel settings). */
export default `
SELECT 1;
`;
