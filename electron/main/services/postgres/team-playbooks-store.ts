/** The team's playbooks per event (migrations/0005-team-playbooks.ts). */
import type pg from 'pg';
import { playbookSchema, type Playbook } from '../../../../shared/domain/broadcast/playbook';

/** What the team feed says when an event's playbook changed (which event: each console reads its own). */
export const TEAM_PLAYBOOKS_CHANGED = 'playbooks';

interface TeamPlaybook {
  playbook: Playbook;
  updatedAt: number;
}

export interface TeamPlaybooksStore {
  /** The event's edited playbooks (a kind never edited has no row); a row that is no playbook is left out. */
  list(eventKey: string): Promise<TeamPlaybook[]>;
  /** Stores `p` unless the team holds a newer edit of its kind; true when stored. */
  save(eventKey: string, p: TeamPlaybook, console: string): Promise<boolean>;
}

export function teamPlaybooksStore(pool: pg.Pool): TeamPlaybooksStore {
  return {
    async list(eventKey) {
      const { rows } = await pool.query<{ playbook_json: unknown; updated_at: number }>(
        'SELECT playbook_json, updated_at FROM team_playbooks WHERE event_key = $1',
        [eventKey],
      );
      return rows.flatMap((r) => {
        const parsed = playbookSchema.safeParse(r.playbook_json);
        return parsed.success ? [{ playbook: parsed.data as Playbook, updatedAt: r.updated_at }] : [];
      });
    },
    async save(eventKey, { playbook, updatedAt }, console) {
      const r = await pool.query(
        `INSERT INTO team_playbooks (event_key, kind, playbook_json, updated_at, console) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (event_key, kind) DO UPDATE SET playbook_json = $3, updated_at = $4, console = $5
         WHERE team_playbooks.updated_at < EXCLUDED.updated_at`,
        [eventKey, playbook.kind, JSON.stringify(playbook), updatedAt, console],
      );
      return r.rowCount === 1;
    },
  };
}
