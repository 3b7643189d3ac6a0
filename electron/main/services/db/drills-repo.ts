/** Drills and their scores (see migrations/0018-drills.ts). */
import type { DrillScore } from '../../../../shared/domain/review/drill-score';
import type { DrillFault } from '../../../../shared/rehearsal';
import type { SessionId } from '../../../../shared/types';
import type { Db } from './open';

/** A stored drill, its secret (fault, moment) included: the service decides what the consoles see. */
export interface DrillRecord {
  id: string;
  startedAt: number;
  requested: DrillFault | 'random';
  fault: DrillFault;
  /** Scenario second the fault comes at. */
  atSec: number;
  speed: number;
  sessionId?: SessionId;
  injectedAt?: number;
  endedAt?: number;
  score?: DrillScore;
  unscored?: string;
}

interface DrillRow {
  id: string;
  started_at: number;
  requested: string;
  fault: string;
  at_sec: number;
  speed: number;
  session_id: string | null;
  injected_at: number | null;
  ended_at: number | null;
  score_json: string | null;
  unscored: string | null;
}

const toRecord = (r: DrillRow): DrillRecord => ({
  id: r.id,
  startedAt: r.started_at,
  requested: r.requested as DrillRecord['requested'],
  fault: r.fault as DrillFault,
  atSec: r.at_sec,
  speed: r.speed,
  ...(r.session_id === null ? {} : { sessionId: r.session_id as SessionId }),
  ...(r.injected_at === null ? {} : { injectedAt: r.injected_at }),
  ...(r.ended_at === null ? {} : { endedAt: r.ended_at }),
  ...(r.score_json === null ? {} : { score: JSON.parse(r.score_json) as DrillScore }),
  ...(r.unscored === null ? {} : { unscored: r.unscored }),
});

export function drillsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO drills (id, started_at, requested, fault, at_sec, speed)
     VALUES (@id, @startedAt, @requested, @fault, @atSec, @speed)`,
  );
  const bind = db.prepare('UPDATE drills SET session_id = ?, injected_at = ? WHERE id = ? AND ended_at IS NULL');
  const finish = db.prepare(
    'UPDATE drills SET ended_at = @endedAt, score_json = @score, unscored = @unscored WHERE id = @id AND ended_at IS NULL',
  );
  const interrupt = db.prepare(
    "UPDATE drills SET ended_at = ?, unscored = 'interrupted by a restart' WHERE ended_at IS NULL",
  );
  const byId = db.prepare('SELECT * FROM drills WHERE id = ?');
  const all = db.prepare('SELECT * FROM drills ORDER BY started_at DESC, rowid DESC LIMIT ?');
  return {
    insert(d: Pick<DrillRecord, 'id' | 'startedAt' | 'requested' | 'fault' | 'atSec' | 'speed'>): void {
      insert.run(d);
    },
    /** The drill's session started: its fault's onset on that time line. */
    bind: (id: string, sessionId: SessionId, injectedAt: number): void => void bind.run(sessionId, injectedAt, id),
    /** Once: a finished drill keeps its first result. */
    finish(id: string, endedAt: number, result: { score: DrillScore } | { unscored: string }): void {
      finish.run({
        id,
        endedAt,
        score: 'score' in result ? JSON.stringify(result.score) : null,
        unscored: 'unscored' in result ? result.unscored : null,
      });
    },
    /** On start: a drill still running was cut off by a restart. */
    interruptUnfinished: (at: number): void => void interrupt.run(at),
    byId(id: string): DrillRecord | undefined {
      const row = byId.get(id) as DrillRow | undefined;
      return row && toRecord(row);
    },
    /** Newest first. */
    all: (limit = 200): DrillRecord[] => (all.all(limit) as DrillRow[]).map(toRecord),
  };
}
export type DrillsRepo = ReturnType<typeof drillsRepo>;
