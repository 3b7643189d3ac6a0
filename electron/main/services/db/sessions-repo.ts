import type { SessionView } from '../../../../shared/contract';
import type { RecordedSession } from '../../../../shared/domain/review/recorded-event';
import type { FaultTruth, SessionId } from '../../../../shared/types';
import type { Db } from './open';

interface SessionRow {
  id: string;
  event_name: string;
  scenario: string | null;
  source_url: string;
  started_at: number;
  ended_at: number | null;
  speed: number;
  truth_json: string | null;
  rehearsal: number;
}

/** A stored session: the recorded one, and whether it is a rehearsal (its posts go to the sandbox). */
export interface SessionRecord extends RecordedSession {
  rehearsal: boolean;
}

/** What the consoles see of a stored session (the ground truth stays for the review). */
export const sessionView = (s: SessionRecord): SessionView => ({
  id: s.id,
  eventName: s.eventName,
  scenario: s.scenario,
  sourceUrl: s.sourceUrl,
  startedAt: s.startedAt,
  endedAt: s.endedAt,
  speed: s.speed,
  rehearsal: s.rehearsal,
});

const toRecord = (r: SessionRow): SessionRecord => ({
  id: r.id as SessionId,
  eventName: r.event_name,
  scenario: r.scenario ?? undefined,
  sourceUrl: r.source_url,
  startedAt: r.started_at,
  endedAt: r.ended_at ?? undefined,
  speed: r.speed,
  truth: r.truth_json ? (JSON.parse(r.truth_json) as FaultTruth[]) : [],
  rehearsal: r.rehearsal === 1,
});

export function sessionsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO sessions (id, event_name, scenario, source_url, started_at, speed, truth_json, rehearsal)
     VALUES (@id, @eventName, @scenario, @sourceUrl, @startedAt, @speed, @truth, @rehearsal)
     ON CONFLICT(id) DO NOTHING`,
  );
  const byId = db.prepare('SELECT * FROM sessions WHERE id = ?');
  const end = db.prepare('UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL');
  const list = db.prepare('SELECT * FROM sessions ORDER BY started_at DESC LIMIT ?');
  return {
    /**
     * Idempotent: the same source run reconnecting maps to the same session, and keeps what it was first stored
     * as (a rehearsal or not). An imported or unmarked session is live.
     */
    upsert(s: RecordedSession & { rehearsal?: boolean }): SessionRecord {
      insert.run({
        id: s.id,
        eventName: s.eventName,
        scenario: s.scenario ?? null,
        sourceUrl: s.sourceUrl,
        startedAt: s.startedAt,
        speed: s.speed,
        truth: s.truth.length ? JSON.stringify(s.truth) : null,
        rehearsal: s.rehearsal ? 1 : 0,
      });
      return toRecord(byId.get(s.id) as SessionRow);
    },
    byId(id: string): SessionRecord | undefined {
      const row = byId.get(id) as SessionRow | undefined;
      return row && toRecord(row);
    },
    end(id: string, at: number): void {
      end.run(at, id);
    },
    recent(limit = 50): SessionRecord[] {
      return (list.all(limit) as SessionRow[]).map(toRecord);
    },
  };
}
export type SessionsRepo = ReturnType<typeof sessionsRepo>;
