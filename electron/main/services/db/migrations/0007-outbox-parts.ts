/**
 * Posts that go out in parts (e-mail to a long attendee list is sent in batches): the parts already
 * delivered, so a retry sends only the rest and nobody gets the same e-mail twice.
 */
export default `
ALTER TABLE outbox_entries ADD COLUMN parts_done TEXT NOT NULL DEFAULT '[]';
`;
