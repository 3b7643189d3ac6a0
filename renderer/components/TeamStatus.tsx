/**
 * The team database in the top bar, on consoles that share one: whether it answers, and whether this console
 * runs the event's engine and timers. While it does not answer, the console still shows its live data, the
 * team's outbox cannot send, and new posts wait on this console until the database is back: the operator must
 * know before pressing Send. A console whose clock is off the database's says so too: the consoles judge each
 * other's claims and deadlines by their own clocks.
 */
import { useEffect, useState } from 'react';
import type { TeamState } from '../../shared/contract';
import { useTransport } from '../transport/TransportContext';
import { formatTime } from './format';

/** Where the event's incident engine and deadline timers run: here, or on another console of the team. */
const ENGINE = { here: 'engine here', standby: 'engine on another console' } as const;

export function TeamStatus() {
  const t = useTransport();
  const [team, setTeam] = useState<TeamState | undefined>();
  useEffect(() => {
    let alive = true;
    t.invoke('app.info', {}).then(
      (info) => alive && setTeam((now) => now ?? info.team),
      () => undefined, // no header chip until the next change says how the team database is
    );
    const off = t.on('team.changed', setTeam);
    return () => {
      alive = false;
      off();
    };
  }, [t]);
  if (!team) return null;
  const clockOff = team.clockOffMs;
  return team.reachable ? (
    <span
      className={clockOff === undefined ? 'team team-up' : 'team team-clock'}
      data-testid="team-state"
      data-state={clockOff === undefined ? 'up' : 'clock-off'}
      data-engine={team.engine}
      title={`${team.database} · ${team.consoleId}`}
      role={clockOff === undefined ? undefined : 'status'}
    >
      Team database{team.engine && ` · ${ENGINE[team.engine]}`}
      {clockOff !== undefined &&
        ` · this computer's clock is ${(Math.abs(clockOff) / 1000).toFixed(1)} s ${clockOff > 0 ? 'behind' : 'ahead'}: set it right (NTP)`}
    </span>
  ) : (
    <span className="team team-down" data-testid="team-state" data-state="down" role="status" title={team.problem}>
      Team database unreachable since {formatTime(team.since, 'HH:mm')}: the team's outbox waits; new posts wait on this
      console{team.postsWaiting ? ` (${team.postsWaiting})` : ''}
      {team.ingestWaiting ? `; ${team.ingestWaiting} chat and signal rows to copy` : ''}
    </span>
  );
}
