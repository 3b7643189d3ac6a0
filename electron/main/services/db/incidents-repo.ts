/**
 * Incidents, their evidence and operator actions. The engine's full view is stored as JSON (for replay
 * and review); evidence and actions are appended as rows so the timeline can query them.
 */
import type { Incident } from '../../../../shared/domain/incident';
import type { Db } from './open';

interface IncidentRow {
  view_json: string;
  session_id: string | null;
}

const withSession = (r: IncidentRow) => ({ incident: JSON.parse(r.view_json) as Incident, sessionId: r.session_id });

export function incidentsRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO incidents (id, session_id, kind, title, status, severity, confidence, detected_by, opened_at,
       first_evidence_at, recovery_proposed_at, resolved_at, updated_at, view_json)
     VALUES (@id, @sessionId, @kind, @title, @status, @severity, @confidence, @detectedBy, @openedAt,
       @firstEvidenceAt, @recoveryProposedAt, @resolvedAt, @updatedAt, @json)
     ON CONFLICT(id) DO UPDATE SET title = excluded.title, status = excluded.status, severity = excluded.severity,
       confidence = excluded.confidence, detected_by = excluded.detected_by, recovery_proposed_at = excluded.recovery_proposed_at,
       resolved_at = excluded.resolved_at, updated_at = excluded.updated_at, view_json = excluded.view_json`,
  );
  const insEvidence = db.prepare(
    'INSERT INTO incident_evidence (incident_id, seq, at, source, detector, detail_json) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const actionCount = db.prepare('SELECT COUNT(*) AS n FROM incident_actions WHERE incident_id = ?');
  const insAction = db.prepare(
    'INSERT INTO incident_actions (incident_id, action, from_status, to_status, operator, note, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const byId = db.prepare('SELECT view_json, session_id FROM incidents WHERE id = ?');
  const bySession = db.prepare('SELECT view_json, session_id FROM incidents WHERE session_id = ? ORDER BY opened_at');
  const recent = db.prepare('SELECT view_json, session_id FROM incidents ORDER BY opened_at DESC LIMIT ?');
  // The closed statuses of shared/domain/vocabulary.ts.
  const open = db.prepare(
    "SELECT view_json, session_id FROM incidents WHERE status NOT IN ('resolved', 'false-alarm') ORDER BY opened_at",
  );
  const carriedInto = db.prepare(
    "SELECT view_json, session_id FROM incidents WHERE json_extract(view_json, '$.carriedOver.intoSessionId') = ? ORDER BY opened_at",
  );
  const evidenceOf = db.prepare('SELECT detail_json FROM incident_evidence WHERE incident_id = ? ORDER BY seq');

  // Evidence already stored, per incident: read once, then kept, so saving a long incident stays cheap.
  const evidenceKeys = new Map<string, Set<string>>();
  const knownEvidence = (id: string): Set<string> => {
    let set = evidenceKeys.get(id);
    if (!set) {
      set = new Set((evidenceOf.all(id) as { detail_json: string }[]).map((r) => r.detail_json));
      evidenceKeys.set(id, set);
    }
    return set;
  };

  const saveTx = db.transaction((i: Incident, sessionId: string | null) => {
    upsert.run({
      id: i.id,
      sessionId,
      kind: i.kind,
      title: i.title,
      status: i.status,
      severity: i.severity,
      confidence: i.confidence,
      detectedBy: i.detectedBy,
      openedAt: i.openedAt,
      firstEvidenceAt: i.firstEvidenceAt ?? null,
      recoveryProposedAt: i.recoveryProposedAt ?? null,
      resolvedAt: i.resolvedAt ?? null,
      updatedAt: i.updatedAt,
      json: JSON.stringify(i),
    });
    const known = knownEvidence(i.id);
    for (const e of i.evidence) {
      const json = JSON.stringify(e);
      if (known.has(json)) continue;
      insEvidence.run(
        i.id,
        known.size,
        e.ts,
        e.type === 'chat' ? 'chat' : e.type === 'sample' ? 'signal' : 'note',
        e.detector,
        json,
      );
      known.add(json);
    }
    const storedActions = (actionCount.get(i.id) as { n: number }).n;
    for (const t of i.transitions.slice(storedActions)) {
      insAction.run(i.id, t.to, t.from, t.to, t.operator, t.note ?? null, t.at);
    }
  });

  return {
    /**
     * Upserts the incident and appends what is new since the last save: evidence items not yet stored
     * (by identity: ts + detector + content) and transitions beyond those stored.
     */
    save(i: Incident, sessionId: string | null): void {
      try {
        saveTx(i, sessionId);
      } catch (err) {
        evidenceKeys.delete(i.id); // the cache may list rows the rollback removed: read them again next time
        throw err;
      }
    },
    byId(id: string): { incident: Incident; sessionId: string | null } | undefined {
      const r = byId.get(id) as IncidentRow | undefined;
      return r && { incident: JSON.parse(r.view_json) as Incident, sessionId: r.session_id };
    },
    bySession(sessionId: string): Incident[] {
      return (bySession.all(sessionId) as IncidentRow[]).map((r) => JSON.parse(r.view_json) as Incident);
    },
    recent(limit = 100): { incident: Incident; sessionId: string | null }[] {
      return (recent.all(limit) as IncidentRow[]).map(withSession);
    },
    /** Every incident nobody closed yet, whatever session it opened in (`sessionId`), oldest first. */
    open(): { incident: Incident; sessionId: string | null }[] {
      return (open.all() as IncidentRow[]).map(withSession);
    },
    /** Incidents carried over into a session from an earlier one (their `sessionId` stays where they opened). */
    carriedInto(sessionId: string): Incident[] {
      return (carriedInto.all(sessionId) as IncidentRow[]).map((r) => JSON.parse(r.view_json) as Incident);
    },
    /** Every piece of evidence ever attached (the view keeps only the newest). */
    evidence(id: string) {
      return (evidenceOf.all(id) as { detail_json: string }[]).map(
        (r) => JSON.parse(r.detail_json) as Incident['evidence'][number],
      );
    },
  };
}
export type IncidentsRepo = ReturnType<typeof incidentsRepo>;
