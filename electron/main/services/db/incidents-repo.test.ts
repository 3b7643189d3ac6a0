import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { carryOver, createIncidentsState, step, type Incident } from '../../../../shared/domain/incident';
import type { IncidentId } from '../../../../shared/types';
import { tempDir } from '../../../../tests/support/temp-dir';
import { incidentsRepo } from './incidents-repo';
import { openDatabase } from './open';

const finding = (at: number, text: string) => ({
  type: 'finding' as const,
  finding: {
    kind: 'audio' as const,
    source: 'chat' as const,
    detector: 'chat-complaints' as const,
    title: 'Viewers report no audio',
    confidence: 0.6,
    severity: 'medium' as const,
    startedAt: at,
    at,
    evidence: [
      { type: 'chat' as const, ts: at, detector: 'chat-complaints' as const, messageId: `m${at}`, author: 'a', text },
    ],
  },
});

describe('incidents repo', () => {
  it('stores each piece of evidence and each operator action once, however often the incident is saved', () => {
    const db = openDatabase({ file: join(tempDir(), 'onair.sqlite') });
    const repo = incidentsRepo(db);
    let state = createIncidentsState();
    let incident: Incident | undefined;
    const save = (input: Parameters<typeof step>[1], now: number) => {
      const r = step(state, input, now);
      state = r.state;
      for (const e of r.effects) if ('incident' in e) repo.save((incident = e.incident), null);
    };
    save(finding(1000, 'no audio??'), 1000);
    save(finding(5000, 'non si sente'), 5000);
    save({ type: 'acknowledge', incidentId: incident!.id as IncidentId, operator: 'giulia' }, 6000);
    repo.save(incident!, null);
    repo.save(incident!, null);

    const evidence = repo.evidence(incident!.id);
    expect(new Set(evidence.map((e) => JSON.stringify(e))).size).toBe(evidence.length);
    expect(evidence.filter((e) => e.type === 'chat').map((e) => (e as { text: string }).text)).toEqual(
      expect.arrayContaining(['no audio??', 'non si sente']),
    );
    const actions = db
      .prepare('SELECT to_status, operator FROM incident_actions WHERE incident_id = ? ORDER BY id')
      .all(incident!.id);
    expect(actions).toEqual([
      { to_status: 'detected', operator: 'onair' },
      { to_status: 'acknowledged', operator: 'giulia' },
    ]);

    // A second repo on the same file (a restart) carries on without duplicating what is stored.
    const again = incidentsRepo(db);
    again.save(incident!, null);
    expect(again.evidence(incident!.id)).toHaveLength(evidence.length);
    expect(again.byId(incident!.id)?.incident.status).toBe('acknowledged');
  });

  it('lists the incidents nobody closed, and those carried over into a session, wherever they opened', () => {
    const db = openDatabase({ file: join(tempDir(), 'onair.sqlite') });
    const repo = incidentsRepo(db);
    let state = createIncidentsState();
    const saved: Incident[] = [];
    const save = (input: Parameters<typeof step>[1], now: number) => {
      const r = step(state, input, now);
      state = r.state;
      for (const e of r.effects) {
        if (!('incident' in e)) continue;
        repo.save(e.incident, null);
        saved.push(e.incident);
      }
    };
    save(finding(1000, 'no audio??'), 1000);
    save({ type: 'open', kind: 'video', title: 'Slides frozen', operator: 'giulia' }, 2000);
    save({ type: 'resolve', incidentId: saved.at(-1)!.id, operator: 'giulia' }, 3000);
    expect(repo.open().map((r) => [r.incident.kind, r.sessionId])).toEqual([['audio', null]]);

    const audio = repo.open()[0].incident;
    const from = { sessionId: null, eventName: 'Launch', startedAt: 0 };
    repo.save(carryOver(audio, { from, intoSessionId: 's-2', at: 4000, why: 'new-session' }), null);
    expect(repo.carriedInto('s-2').map((i) => [i.id, i.carriedOver?.why])).toEqual([[audio.id, 'new-session']]);
    expect(repo.carriedInto('s-3')).toEqual([]);
    expect(repo.byId(audio.id)?.sessionId).toBeNull(); // it stays filed under the session it opened in
  });
});
