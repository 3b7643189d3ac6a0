/**
 * An event's playbooks in a team (team/team-playbooks.ts), on a real PostgreSQL and real consoles (createOnair,
 * each with its own SQLite, in this process): an edit on one console is every other's at once, also a console's
 * that joins later, and the later edit wins; an edit made while the database is away holds on its console at
 * once and reaches the team once it is back; another event's playbooks are not touched.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Playbook } from '../../shared/domain/broadcast/playbook';
import type { Transport } from '../../shared/contract';
import { refusedUrl } from '../support/http-peer';
import { onairInProcess } from '../support/onair-in-process';
import { poll } from '../support/poll';
import { startPostgres, type PostgresPeer } from '../support/postgres-peer';

let peer: PostgresPeer;
beforeAll(async () => {
  peer = await startPostgres();
});
afterAll(() => peer?.close());

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A console of the team on `database`, watching the event at `url`, with what its hub said of playbooks. */
async function teamConsole(database: string, url: string): Promise<{ t: Transport; changed: Playbook[] }> {
  const { onair, t } = await onairInProcess({ database, source: { kind: 'url', url } });
  cleanup.push(() => onair.close());
  const changed: Playbook[] = [];
  t.on('playbook.changed', (p) => changed.push(p));
  return { t, changed };
}

const audioOf = async (t: Transport) => (await t.invoke('playbook.list', {})).find((p) => p.kind === 'audio')!;
const withFirstUpdate = async (t: Transport, minutes: number): Promise<Playbook> =>
  t.invoke('playbook.save', { playbook: { ...(await audioOf(t)), firstUpdateDeadlineMs: minutes * 60_000 } });
const firstUpdateOf = (t: Transport) => poll(() => audioOf(t)).then((p) => p.firstUpdateDeadlineMs);
/** Until console `t` counts the audio playbook's first update at `minutes`. */
const untilFirstUpdate = (t: Transport, minutes: number, what: string) =>
  poll(() => audioOf(t), { until: (p) => p.firstUpdateDeadlineMs === minutes * 60_000, timeoutMs: 10_000, what });

describe("an event's playbooks in a team", () => {
  it('are every console’s: an edit holds on the others at once, and on a console joining later', async () => {
    const database = await peer.database();
    const event = await refusedUrl();
    const a = await teamConsole(database, event);
    const b = await teamConsole(database, event);
    const elsewhere = await teamConsole(database, await refusedUrl());

    await withFirstUpdate(a.t, 7);
    await untilFirstUpdate(b.t, 7, "A's edit on B");
    expect(b.changed.map((p) => [p.kind, p.firstUpdateDeadlineMs])).toEqual([['audio', 7 * 60_000]]);

    const late = await teamConsole(database, event);
    await untilFirstUpdate(late.t, 7, "the team's edit on a console started later");

    // An edit on B comes back to A: the newest edit is the team's.
    await withFirstUpdate(b.t, 4);
    await untilFirstUpdate(a.t, 4, "B's later edit on A");
    await untilFirstUpdate(late.t, 4, "B's later edit on the late console");
    // Another event keeps its own.
    expect(await firstUpdateOf(elsewhere.t)).not.toBe(4 * 60_000);
    expect(elsewhere.changed).toEqual([]);
  });

  it('keep an edit made while the database is away, and give it to the team once it is back', async () => {
    const database = await peer.database();
    const event = await refusedUrl();
    const a = await teamConsole(database, event);
    const b = await teamConsole(database, event);
    await withFirstUpdate(b.t, 9);
    await untilFirstUpdate(a.t, 9, "B's edit on A");

    peer.stop();
    try {
      // Saved on A alone: its timers count by it at once, offline.
      expect((await withFirstUpdate(a.t, 3)).firstUpdateDeadlineMs).toBe(3 * 60_000);
      expect(await firstUpdateOf(b.t)).toBe(9 * 60_000);
    } finally {
      peer.start();
    }
    await untilFirstUpdate(b.t, 3, "A's offline edit on B once the database is back");
    expect(await firstUpdateOf(a.t)).toBe(3 * 60_000);
  });
});
