/**
 * The whole chain on real parts: simulator (audio-loss, fast) → ingest → detectors → incident engine →
 * SQLite → events, and operator actions through the contract.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandFailed, IncidentView, Transport } from '../../shared/contract';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { inMemoryTransport } from '../support/in-memory-transport';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';

const running: Onair[] = [];
afterEach(async () => {
  for (const o of running.splice(0)) await o.close();
});

/** A fresh Onair on its own simulator run, for one test: what it detects, and the incident events it sent. */
async function start(): Promise<{ onair: Onair; t: Transport; seen: IncidentView[] }> {
  const onair = await createOnair({
    dataDir: tempDir(),
    mode: 'web',
    version: 'test',
    log: () => {},
    source: { kind: 'simulator', scenario: 'audio-loss', speed: 40, loop: false },
  });
  running.push(onair);
  const t = inMemoryTransport(onair.dispatcher, onair.hub);
  const seen: IncidentView[] = [];
  t.on('incident.changed', (i) => seen.push(i));
  return { onair, t, seen };
}

describe('audio loss on the simulator', () => {
  it('opens one audio incident with evidence, persisted, within seconds of the fault', async () => {
    const { onair, t, seen } = await start();
    await expect.poll(() => seen.some((i) => i.kind === 'audio'), { timeout: 20_000, interval: 50 }).toBe(true);
    const session = onair.ingest.session()!;
    const truth = session.truth.find((f) => f.kind === 'audio-loss')!;
    const incident = seen.find((i) => i.kind === 'audio')!;
    expect(incident.openedAt - truth.startTs).toBeLessThanOrEqual(5_000);
    expect(incident.status).toBe('detected');
    expect(incident.evidence.length).toBeGreaterThan(0);

    const row = onair.db.prepare('SELECT kind, status, session_id FROM incidents WHERE id = ?').get(incident.id);
    expect(row).toEqual({ kind: 'audio', status: 'detected', session_id: session.id });
    const evidence = onair.db
      .prepare('SELECT COUNT(*) AS n FROM incident_evidence WHERE incident_id = ?')
      .get(incident.id) as { n: number };
    expect(evidence.n).toBeGreaterThan(0);
    // Chat complaints join the same incident instead of opening a second one.
    await expect
      .poll(async () => (await t.invoke('incident.list', {})).find((i) => i.id === incident.id)?.detectedBy, {
        timeout: 20_000,
      })
      .toBe('both');
    expect((await t.invoke('incident.list', {})).filter((i) => i.kind === 'audio')).toHaveLength(1);
  });

  it('records operator actions and refuses invalid transitions', async () => {
    const { onair, t } = await start();
    const incident = await poll(async () => (await t.invoke('incident.list', {})).find((i) => i.kind === 'audio'), {
      what: 'an audio incident',
    });
    const acked = await t.invoke('incident.transition', {
      incidentId: incident.id,
      action: 'acknowledge',
      operator: 'giulia',
    });
    expect(acked.status).toBe('acknowledged');
    const err = await t
      .invoke('incident.transition', { incidentId: incident.id, action: 'reopen', operator: 'giulia' })
      .catch((e: unknown) => e);
    expect((err as CommandFailed).error.code).toBe('conflict');
    const actions = onair.db
      .prepare('SELECT to_status, operator FROM incident_actions WHERE incident_id = ? ORDER BY id')
      .all(incident.id);
    expect(actions).toContainEqual({ to_status: 'acknowledged', operator: 'giulia' });
  });

  it('opens an incident by hand', async () => {
    const { onair, t } = await start();
    await poll(() => onair.ingest.session(), { what: 'the live session' }); // incidents belong to a watched event
    const manual = await t.invoke('incident.open', { kind: 'other', title: 'Slides not advancing', operator: 'marco' });
    expect(manual).toMatchObject({ kind: 'other', detectedBy: 'manual', title: 'Slides not advancing' });
  });
});
