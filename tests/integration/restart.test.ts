/**
 * Onair restarts while the webinar goes on: the same source run maps to the same session, the incidents
 * found before the restart come back, and the still-open one stays the live incident of its kind: the new
 * engine's findings merge into it instead of opening a duplicate, and operators can carry on with it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { loadScenarioFile, startSimulator } from '../../electron/main/services/simulator/server';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers.reverse()) await c();
});

describe('restart during a live event', () => {
  it('keeps the session and its incidents, and carries on with the open one', async () => {
    const sim = await startSimulator({ scenario: loadScenarioFile('audio-loss'), speed: 20 }); // audio is lost from 3 s to 12 s: still lost after the restart
    closers.push(() => sim.close());
    const dataDir = tempDir();
    const opts = {
      dataDir,
      mode: 'web' as const,
      version: 'test',
      log: () => {},
      source: { kind: 'url' as const, url: sim.url },
    };

    const first: Onair = await createOnair(opts);
    await poll(() => first.incidents.list().some((i) => i.kind === 'audio'), { what: 'an audio incident' });
    const before = first.incidents.list().find((i) => i.kind === 'audio')!;
    const sessionId = first.ingest.session()!.id;
    await first.close();

    const second = await createOnair(opts);
    closers.push(() => second.close());
    await poll(() => second.ingest.session()?.id === sessionId, { what: 'the same session after the restart' });
    const after = second.incidents.list();
    expect(after.find((i) => i.id === before.id)).toMatchObject({ kind: 'audio', title: before.title });
    // The audio is still gone: the new engine's findings join the incident from before the restart.
    await poll(
      () => second.incidents.list().find((i) => i.id === before.id)!.evidence.length > before.evidence.length,
      { what: 'new evidence on the incident from before the restart' },
    );
    expect(second.incidents.list().filter((i) => i.kind === 'audio')).toHaveLength(1);
    const acked = second.incidents.operator({ type: 'acknowledge', incidentId: before.id, operator: 'giulia' });
    expect(acked.status).toBe('acknowledged');
    const old = second.db.prepare('SELECT opened_at, status FROM incidents WHERE id = ?').get(before.id);
    expect(old).toEqual({ opened_at: before.openedAt, status: 'acknowledged' });
  });
});
