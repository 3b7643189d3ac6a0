/**
 * The team database in the top bar, on consoles that share one: whether it answers. While it does not, the
 * console still shows its live data, the team's outbox cannot send, and new posts wait on this console until
 * the database is back: the operator must know before pressing Send.
 */
import { useEffect, useState } from 'react';
import type { TeamState } from '../../shared/contract';
import { useTransport } from '../transport/TransportContext';
import { formatTime } from './format';

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
  return team.reachable ? (
    <span
      className="team team-up"
      data-testid="team-state"
      data-state="up"
      title={`${team.database} · ${team.consoleId}`}
    >
      Team database
    </span>
  ) : (
    <span className="team team-down" data-testid="team-state" data-state="down" role="status" title={team.problem}>
      Team database unreachable since {formatTime(team.since, 'HH:mm')}: the team's outbox waits; new posts wait on this
      console{team.postsWaiting ? ` (${team.postsWaiting})` : ''}
      {team.ingestWaiting ? `; ${team.ingestWaiting} chat and signal rows to copy` : ''}
    </span>
  );
}
