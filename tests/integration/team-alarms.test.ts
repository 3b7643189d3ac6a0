/**
 * A missed deadline in a team (team/team-alarms.ts), on a real PostgreSQL, a real simulator and real consoles
 * (createOnair in this process, each with its own SQLite): the console running the engine raises the alarm, the
 * standby console raises the same alarm once, and so does a console joining later while it stands; once an
 * update answered it, a console joining after that does not raise it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeadlineAlarm, Transport } from '../../shared/contract';
import type { Onair } from '../../electron/main/services/onair';
import { loadScenarioFile, startSimulator } from '../../electron/main/services/simulator/server';
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

interface TeamConsole {
  onair: Onair;
  t: Transport;
  alarms: DeadlineAlarm[];
}

async function teamConsole(database: string, url: string): Promise<TeamConsole> {
  const { onair, t } = await onairInProcess({ database, source: { kind: 'url', url } });
  cleanup.push(() => onair.close());
  const alarms: DeadlineAlarm[] = [];
  t.on('incident.deadlineMissed', (a) => alarms.push(a));
  return { onair, t, alarms };
}

const engineOf = (c: TeamConsole) => c.onair.info.team?.engine;

describe('a missed deadline in a team', () => {
  it('goes up on every console of the event, once each, until an update answers it', async () => {
    const database = await peer.database();
    // 600 s of scenario at 40×: the audio dies early, and the 120 s first-update deadline falls 3 s later.
    const sim = await startSimulator({ scenario: loadScenarioFile('audio-loss'), speed: 40, loop: false });
    cleanup.push(() => sim.close());
    const a = await teamConsole(database, sim.url);
    const b = await teamConsole(database, sim.url);

    const alarm = await poll(() => [...a.alarms, ...b.alarms][0], { timeoutMs: 20_000, what: 'a first-update alarm' });
    expect(alarm.deadline).toBe('first-update');
    const [holder, standby] = engineOf(a) === 'here' ? [a, b] : [b, a];
    expect([engineOf(holder), engineOf(standby)]).toEqual(['here', 'standby']);
    expect(holder.alarms).toContainEqual(alarm);
    await poll(() => standby.alarms.length > 0, { timeoutMs: 5_000, what: 'the alarm on the standby console' });

    const late = await teamConsole(database, sim.url);
    await poll(() => late.alarms.length > 0, { timeoutMs: 10_000, what: 'the alarm on a console joining late' });
    for (const c of [holder, standby, late])
      expect(c.alarms.filter((x) => x.incidentId === alarm.incidentId && x.dueAt === alarm.dueAt)).toEqual([alarm]);

    // The update answers it: a console joining after that does not raise it.
    const sent = await holder.t.invoke('broadcast.send', {
      incidentId: alarm.incidentId,
      phase: 'update',
      lang: 'en',
      draft: { body: 'We know the audio is gone and are fixing it.' },
      operator: 'sara',
      channels: ['status-page'],
      skipped: [{ channel: 'webinar-chat', reason: 'the test reads the status page' }],
    });
    expect(sent.at).toBeGreaterThanOrEqual(alarm.dueAt);
    const after = await teamConsole(database, sim.url);
    await poll(() => after.onair.info.team?.engine, { timeoutMs: 10_000, what: 'the console after the update' });
    await poll(async () => (await after.t.invoke('incident.list', {})).find((i) => i.id === alarm.incidentId), {
      until: (i) => (i?.rounds ?? 0) === 1,
      timeoutMs: 10_000,
      what: 'the update on the console joining after it',
    });
    expect(after.alarms.filter((x) => x.dueAt === alarm.dueAt)).toEqual([]);
  });
});
