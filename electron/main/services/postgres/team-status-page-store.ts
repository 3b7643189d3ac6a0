/** The team's status page per event (migrations/0007-team-status-page.ts), as the status page's ledger. */
import type pg from 'pg';
import type { StatusPageLedger } from '../channels/status-page';
import type { StatusEntry } from '../channels/status-page-render';

/** What the team feed says when an event's page has a new entry (which event: each console reads its own). */
export const TEAM_STATUS_PAGE_CHANGED = 'status-page';

/** `eventKey` names the event the console watches now (desk/event-key.ts): its page is the one published. */
export function teamStatusPageLedger(pool: pg.Pool, eventKey: () => string): StatusPageLedger {
  return {
    async pageId(proposed) {
      await pool.query('INSERT INTO team_status_pages (event_key, page_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        eventKey(),
        proposed,
      ]);
      const { rows } = await pool.query<{ page_id: string }>(
        'SELECT page_id FROM team_status_pages WHERE event_key = $1',
        [eventKey()],
      );
      return rows[0].page_id;
    },
    async merge(entries) {
      const key = eventKey();
      // In the order given, so that entries new to the team keep the order the console published them in.
      const { rows: added } = await pool.query<{ idempotency_key: string }>(
        `INSERT INTO team_status_entries (event_key, idempotency_key, entry_json)
         SELECT $1, e->>'idempotencyKey', e FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n
         ON CONFLICT DO NOTHING RETURNING idempotency_key`,
        [key, JSON.stringify(entries)],
      );
      const { rows } = await pool.query<{ entry_json: StatusEntry }>(
        'SELECT entry_json FROM team_status_entries WHERE event_key = $1 ORDER BY seq',
        [key],
      );
      return { entries: rows.map((r) => r.entry_json), added: added.map((r) => r.idempotency_key) };
    },
  };
}
