/**
 * Onair restarts while the webinar goes on: the same source run maps to the same session, and the
 * incidents found before the restart are still there, never overwritten by the new engine's ids.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { loadScenarioFile, startSimulator } from '../../electron/main/services/simulator/server';
import { tempDir } from '../support/temp-dir';

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of closers.reverse()) await c();
});

async function until(ok: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('restart during a live event', () => {
  it('keeps the session and its incidents', async () => {
    const sim = await startSimulator({ scenario: loadScenarioFile('audio-loss'), speed: 20 }); // audio is lost from 3 s to 12 s: still lost after the restart
    closers.push(() => sim.close());
    const dataDir = tempDir();
    const opts = { dataDir, mode: 'web' as const, version: 'test', log: () => {}, source: { kind: 'url' as const, url: sim.url } };

    const first: Onair = await createOnair(opts);
    await until(() => first.incidents.list().some((i) => i.kind === 'audio'));
    const before = first.incidents.list().find((i) => i.kind === 'audio')!;
    const sessionId = first.ingest.session()!.id;
    await first.close();

    const second = await createOnair(opts);
    closers.push(() => second.close());
    await until(() => second.ingest.session()?.id === sessionId);
    const after = second.incidents.list();
    expect(after.find((i) => i.id === before.id)).toMatchObject({ kind: 'audio', title: before.title });
    // The audio is still gone: the new engine opens its own incident, under a new id, and the one
    // stored before the restart is untouched.
    await until(() => second.incidents.list().some((i) => i.kind === 'audio' && i.id !== before.id));
    const old = second.db.prepare('SELECT opened_at FROM incidents WHERE id = ?').get(before.id) as { opened_at: number };
    expect(old.opened_at).toBe(before.openedAt);
    const stored = second.db.prepare('SELECT COUNT(*) AS n FROM incidents WHERE session_id = ?').get(sessionId) as { n: number };
    expect(stored.n).toBe(second.incidents.list().length);
  });
});
