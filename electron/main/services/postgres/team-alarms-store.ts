/** The deadline alarms raised on the team's events (migrations/0006-team-alarms.ts). */
import type pg from 'pg';
import type { DeadlineAlarm } from '../../../../shared/contract';
import type { IncidentId } from '../../../../shared/types';
import { CLOSED_STATUSES } from '../../../../shared/domain/vocabulary';

const DEADLINES: readonly DeadlineAlarm['deadline'][] = ['first-update', 'cadence'];

export interface TeamAlarmsStore {
  /** Records an alarm of session `sessionId`; one raised already (the same incident and due time) stays as it was. */
  raise(sessionId: string, alarm: DeadlineAlarm, at: number): Promise<void>;
  /**
   * The session's alarms that still stand, oldest due first: the team's copy of the incident is open, and no
   * update of it went out at or after the alarm's due time.
   */
  ofSession(sessionId: string): Promise<DeadlineAlarm[]>;
}

export function teamAlarmsStore(pool: pg.Pool): TeamAlarmsStore {
  return {
    async raise(sessionId, a, at) {
      await pool.query(
        `INSERT INTO team_alarms (incident_id, due_at, deadline, session_id, raised_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [a.incidentId, a.dueAt, a.deadline, sessionId, at],
      );
    },
    async ofSession(sessionId) {
      const { rows } = await pool.query<{ incident_id: string; due_at: number; deadline: string }>(
        `SELECT a.incident_id, a.due_at, a.deadline FROM team_alarms a
           JOIN team_incidents i ON i.id = a.incident_id
          WHERE a.session_id = $1 AND NOT (i.view_json->>'status' = ANY ($2))
            AND NOT EXISTS (SELECT 1 FROM team_rounds r
                             WHERE r.incident_id = a.incident_id AND (r.view_json->>'at')::bigint >= a.due_at)
          ORDER BY a.due_at, a.incident_id`,
        [sessionId, CLOSED_STATUSES],
      );
      return rows.flatMap((r) =>
        DEADLINES.includes(r.deadline as DeadlineAlarm['deadline'])
          ? [
              {
                incidentId: r.incident_id as IncidentId,
                deadline: r.deadline as DeadlineAlarm['deadline'],
                dueAt: r.due_at,
              },
            ]
          : [],
      );
    },
  };
}

/** How the team feed announces an alarm: `alarm:<incident id>`. */
export const isTeamAlarmChange = (change: string) => change.startsWith('alarm:');
