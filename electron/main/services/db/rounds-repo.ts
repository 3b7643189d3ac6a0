/** Public updates (broadcast rounds) per incident. */
import type { IncidentId } from '../../../../shared/types';
import type { Db } from './open';
import type { BroadcastRoundView } from '../../../../shared/domain/broadcast/broadcast-round';

interface RoundRow {
  incident_id: string;
  round: number;
  phase: BroadcastRoundView['phase'];
  lang: string;
  subject: string | null;
  body: string;
  link: string | null;
  operator: string;
  at: number;
  checklist_json: string;
  tone_warnings: number;
}

const toView = (r: RoundRow): BroadcastRoundView => ({
  incidentId: r.incident_id as IncidentId,
  round: r.round,
  phase: r.phase,
  lang: r.lang,
  subject: r.subject ?? undefined,
  body: r.body,
  link: r.link ?? undefined,
  operator: r.operator,
  at: r.at,
  checklist: JSON.parse(r.checklist_json),
  toneWarnings: r.tone_warnings,
});

export function roundsRepo(db: Db) {
  const ins = db.prepare(
    `INSERT INTO broadcast_rounds (incident_id, round, phase, lang, subject, body, link, operator, at, checklist_json, tone_warnings)
     VALUES (@incidentId, @round, @phase, @lang, @subject, @body, @link, @operator, @at, @checklist, @toneWarnings)`,
  );
  const updChecklist = db.prepare('UPDATE broadcast_rounds SET checklist_json = ? WHERE incident_id = ? AND round = ?');
  const list = db.prepare('SELECT * FROM broadcast_rounds WHERE incident_id = ? ORDER BY round');
  const summary = db.prepare(
    `SELECT MIN(at) AS first, MAX(at) AS last, COUNT(*) AS n,
       (SELECT phase FROM broadcast_rounds WHERE incident_id = @id ORDER BY round DESC LIMIT 1) AS lastPhase
     FROM broadcast_rounds WHERE incident_id = @id`,
  );
  return {
    insert(r: BroadcastRoundView): void {
      ins.run({ ...r, subject: r.subject ?? null, link: r.link ?? null, checklist: JSON.stringify(r.checklist) });
    },
    updateChecklist(r: BroadcastRoundView): void {
      updChecklist.run(JSON.stringify(r.checklist), r.incidentId, r.round);
    },
    list: (incidentId: string): BroadcastRoundView[] => (list.all(incidentId) as RoundRow[]).map(toView),
    summary(incidentId: string): {
      firstUpdateAt?: number;
      lastUpdateAt?: number;
      lastPhase?: BroadcastRoundView['phase'];
      rounds: number;
    } {
      const s = summary.get({ id: incidentId }) as {
        first: number | null;
        last: number | null;
        n: number;
        lastPhase: BroadcastRoundView['phase'] | null;
      };
      return {
        firstUpdateAt: s.first ?? undefined,
        lastUpdateAt: s.last ?? undefined,
        rounds: s.n,
        ...(s.lastPhase ? { lastPhase: s.lastPhase } : {}),
      };
    },
  };
}
export type RoundsRepo = ReturnType<typeof roundsRepo>;
