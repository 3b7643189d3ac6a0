/**
 * The team's copy of each event's incidents and public updates (migrations/0002-team-engine.ts). Only the
 * console holding the event's engine lease writes, and every write names the epoch it holds: a write under an
 * older epoch changes nothing and answers false (the console lost the lease without knowing; its successor's
 * state stands). An incident is also never set back to an older version of itself (`updated_at`).
 */
import type pg from 'pg';
import type { BroadcastRoundView } from '../../../../shared/domain/broadcast/broadcast-round';
import type { Incident } from '../../../../shared/domain/incident';
import type { RecordedSession } from '../../../../shared/domain/review/recorded-event';
import type { SessionId } from '../../../../shared/types';

export interface Fence {
  /** The lease key: the event's session id. */
  key: string;
  epoch: number;
}

export interface StoredIncident {
  incident: Incident;
  sessionId: string | null;
}

const FENCED = 'EXISTS (SELECT 1 FROM team_leases WHERE key = $1 AND epoch = $2)';

export function teamIncidentsStore(pool: pg.Pool) {
  return {
    async saveIncident(fence: Fence, i: Incident, sessionId: string | null): Promise<boolean> {
      const r = await pool.query(
        `INSERT INTO team_incidents (id, session_id, view_json, updated_at)
           SELECT $3, $4, $5, $6 WHERE ${FENCED}
         ON CONFLICT (id) DO UPDATE SET session_id = EXCLUDED.session_id, view_json = EXCLUDED.view_json,
           updated_at = EXCLUDED.updated_at
         WHERE team_incidents.updated_at <= EXCLUDED.updated_at AND team_incidents.view_json <> EXCLUDED.view_json`,
        [fence.key, fence.epoch, i.id, sessionId, JSON.stringify(i), i.updatedAt],
      );
      return r.rowCount === 1 || (await this.fenceHolds(fence));
    },
    async saveRound(fence: Fence, r: BroadcastRoundView): Promise<boolean> {
      const q = await pool.query(
        `INSERT INTO team_rounds (incident_id, round, view_json) SELECT $3, $4, $5 WHERE ${FENCED}
         ON CONFLICT (incident_id, round) DO UPDATE SET view_json = EXCLUDED.view_json
         WHERE team_rounds.view_json <> EXCLUDED.view_json`,
        [fence.key, fence.epoch, r.incidentId, r.round, JSON.stringify(r)],
      );
      return q.rowCount === 1 || (await this.fenceHolds(fence));
    },
    /** Whether `fence` is still the current epoch (a write that changed nothing was not refused for it). */
    async fenceHolds(fence: Fence): Promise<boolean> {
      const r = await pool.query(`SELECT ${FENCED} AS ok`, [fence.key, fence.epoch]);
      return (r.rows[0] as { ok: boolean }).ok;
    },
    async incident(id: string): Promise<StoredIncident | undefined> {
      const r = await pool.query<{ view_json: Incident; session_id: string | null }>(
        'SELECT view_json, session_id FROM team_incidents WHERE id = $1',
        [id],
      );
      const row = r.rows[0];
      return row && { incident: row.view_json, sessionId: row.session_id };
    },
    /** A session as the team's ingest stored it (migrations/0003-team-ingest.ts), named by its source. */
    async session(id: string): Promise<(RecordedSession & { rehearsal: boolean }) | undefined> {
      const r = await pool.query<{
        source: string;
        scenario: string | null;
        event_name: string;
        started_at: number;
        ended_at: number | null;
        speed: number;
        rehearsal: boolean;
      }>(
        'SELECT source, scenario, event_name, started_at, ended_at, speed, rehearsal FROM team_sessions WHERE id = $1',
        [id],
      );
      const row = r.rows[0];
      return (
        row && {
          id: id as SessionId,
          eventName: row.event_name,
          ...(row.scenario !== null && { scenario: row.scenario }),
          sourceUrl: row.source,
          startedAt: row.started_at,
          ...(row.ended_at !== null && { endedAt: row.ended_at }),
          speed: row.speed,
          truth: [],
          rehearsal: row.rehearsal,
        }
      );
    },
    /** The event's incidents, and those carried into it from an earlier session. */
    async ofSession(sessionId: string): Promise<StoredIncident[]> {
      const r = await pool.query<{ view_json: Incident; session_id: string | null }>(
        `SELECT view_json, session_id FROM team_incidents
         WHERE session_id = $1 OR view_json->'carriedOver'->>'intoSessionId' = $1 ORDER BY id`,
        [sessionId],
      );
      return r.rows.map((row) => ({ incident: row.view_json, sessionId: row.session_id }));
    },
    async rounds(incidentId: string): Promise<BroadcastRoundView[]> {
      const r = await pool.query<{ view_json: BroadcastRoundView }>(
        'SELECT view_json FROM team_rounds WHERE incident_id = $1 ORDER BY round',
        [incidentId],
      );
      return r.rows.map((row) => row.view_json);
    },
  };
}
export type TeamIncidentsStore = ReturnType<typeof teamIncidentsStore>;
