/**
 * A console's clock against the team database's, on a real PostgreSQL: the offset is measured as the server
 * sees it, and a console whose clock is off by more than the team tolerates says so in its team state, then
 * stops saying so once its clock is right again. The console's clock is shifted by hand (the machine's cannot
 * be); its timers are a fake clock's, so the minute between checks passes at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../shared/clock';
import type { TeamState } from '../../shared/contract';
import { measureClockOffset } from '../../electron/main/services/postgres/clock-offset';
import { openTeamDatabase } from '../../electron/main/services/postgres/connect';
import { openTeamLink, TEAM_CLOCK_TOLERANCE_MS } from '../../electron/main/services/team/team-link';
import { openTeamStore } from '../../electron/main/services/team/team-store';
import { fakeClock } from '../support/fake-clock';
import { poll } from '../support/poll';
import { startPostgres, type PostgresPeer } from '../support/postgres-peer';

let peer: PostgresPeer;
beforeAll(async () => {
  peer = await startPostgres();
});
afterAll(() => peer?.close());

/** The machine's time plus `shift`, with timers that fire only when the test advances them. */
function shiftedClock(): Clock & { shift(ms: number): void; advance(ms: number): void } {
  const timers = fakeClock();
  let shift = 0;
  return {
    now: () => Date.now() + shift,
    setTimer: timers.setTimer,
    advance: timers.advance,
    shift: (ms) => void (shift = ms),
  };
}

describe('the team clock', () => {
  it("measures the database's time minus the console's, to within the round trip", async () => {
    const db = await openTeamDatabase({ url: await peer.database() });
    try {
      const right = await measureClockOffset(db.pool, Date.now);
      expect(Math.abs(right.offsetMs)).toBeLessThanOrEqual(right.roundTripMs / 2 + 20);
      const ahead = await measureClockOffset(db.pool, () => Date.now() + 7000);
      expect(Math.abs(ahead.offsetMs + 7000)).toBeLessThanOrEqual(ahead.roundTripMs / 2 + 20);
    } finally {
      await db.close();
    }
  });

  it('tells a console whose clock is off, and stops once it is right again', async () => {
    const clock = shiftedClock();
    clock.shift(5000); // five seconds ahead of the database
    const log: string[] = [];
    const link = await openTeamLink({ url: await peer.database(), clock, log: (line) => log.push(line) });
    const states: TeamState[] = [];
    const store = openTeamStore({ link, clock, eventKey: () => 'event', onState: (s) => states.push(s) });
    try {
      store.watch({ outbox: () => undefined, team: () => undefined });
      await poll(() => store.state().clockOffMs !== undefined, { what: 'the clock found off' });
      expect(store.state().clockOffMs).toBe(-5000);
      expect(log).toContain("team database: this console's clock is 5000 ms ahead of the database's");
      expect(states.at(-1)?.clockOffMs, 'told to the console (team.changed)').toBe(-5000);

      clock.shift(TEAM_CLOCK_TOLERANCE_MS / 2); // within what the team tolerates
      clock.advance(60_000); // the next check
      await poll(() => store.state().clockOffMs === undefined, { what: 'the clock found right' });
      expect(log.at(-1)).toBe("team database: this console's clock agrees with the database's again");
      expect(states.at(-1)?.clockOffMs).toBeUndefined();
    } finally {
      store.close();
      await link.close();
    }
  });
});
