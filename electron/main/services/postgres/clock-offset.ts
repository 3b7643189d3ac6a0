/**
 * How far this console's clock is from the team database's. The consoles of a team compare their own
 * clocks (a claim's lease, a deadline alarm's due time, a playbook's newest edit), so each one measures
 * itself against the one clock they all reach, the server's, and says when it is off by more than the team
 * tolerates. Correcting it is the machine's business (NTP): a console that set its own time would disagree
 * with every other program on it.
 *
 * The measure is NTP's, on one query: the server's time is taken to be read halfway through the round trip,
 * and of a few tries the one with the shortest trip wins (the least room for error).
 */
import type pg from 'pg';

export interface ClockOffset {
  /** The server's clock minus this console's: positive when this console is behind. */
  offsetMs: number;
  /** The round trip of the winning try: the offset is right to within half of it. */
  roundTripMs: number;
}

const TRIES = 3;

export async function measureClockOffset(pool: pg.Pool, now: () => number): Promise<ClockOffset> {
  const tries: ClockOffset[] = [];
  for (let i = 0; i < TRIES; i++) {
    const sent = now();
    const { rows } = await pool.query<{ at: number }>(
      'SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS at',
    );
    const received = now();
    tries.push({ offsetMs: Math.round(rows[0].at - (sent + received) / 2), roundTripMs: received - sent });
  }
  return tries.reduce((best, t) => (t.roundTripMs < best.roundTripMs ? t : best));
}
