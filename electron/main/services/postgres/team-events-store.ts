/**
 * The team's desk (migrations/0004-team-desk.ts): the console running an event's engine keeps the event's
 * line there, and every console's desk reads the lines of the events watched elsewhere.
 */
import type pg from 'pg';
import type { DeskLine } from '../handlers/desk-handlers';

interface TeamEventLine {
  eventKey: string;
  console: string;
  line: DeskLine;
  updatedAt: number;
}

export interface TeamEventsStore {
  publish(e: TeamEventLine): Promise<void>;
  /** The lines kept up to date since `since`, newest first. */
  live(since: number): Promise<TeamEventLine[]>;
}

export function teamEventsStore(pool: pg.Pool): TeamEventsStore {
  return {
    async publish(e) {
      await pool.query(
        `INSERT INTO team_events (event_key, session_id, console, line_json, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (event_key) DO UPDATE SET session_id = $2, console = $3, line_json = $4, updated_at = $5`,
        [e.eventKey, e.line.sessionId, e.console, JSON.stringify(e.line), e.updatedAt],
      );
    },
    async live(since) {
      const { rows } = await pool.query<{
        event_key: string;
        console: string;
        line_json: DeskLine;
        updated_at: number;
      }>(
        'SELECT event_key, console, line_json, updated_at FROM team_events WHERE updated_at >= $1 ORDER BY updated_at DESC',
        [since],
      );
      return rows.map((r) => ({
        eventKey: r.event_key,
        console: r.console,
        line: r.line_json,
        updatedAt: r.updated_at,
      }));
    },
  };
}
