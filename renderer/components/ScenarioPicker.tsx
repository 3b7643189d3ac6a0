import { useEffect, useState } from 'react';
import type { CommandResult } from '../../shared/contract';
import { useCommandError } from '../hooks/useErrorNotices';
import { useTransport } from '../transport/TransportContext';
import { ErrorLine } from './ErrorNotice';

type Scenarios = CommandResult<'simulator.list'>;

/** Plays a scenario on the simulator; while a real event is watched, it offers to go back to rehearsing. */
export function ScenarioPicker({ current }: { current: { scenario: string; speed: number } | null }) {
  const t = useTransport();
  const [list, setList] = useState<Scenarios>([]);
  const { error, fail, clear } = useCommandError();
  useEffect(() => {
    t.invoke('simulator.list', {}).then(setList, fail);
  }, [t, fail]);
  const play = (scenario: string, speed: number) => {
    clear();
    t.invoke('simulator.play', { scenario, speed }).catch(fail);
  };
  return (
    <span className="scenario-picker">
      <label>
        Simulator
        <select
          data-testid="scenario-select"
          value={current?.scenario ?? ''}
          onChange={(e) => play(e.target.value, current?.speed ?? 1)}
        >
          {!current && (
            <option value="" disabled>
              rehearse…
            </option>
          )}
          {list.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {current && (
        <select
          data-testid="speed-select"
          value={current.speed}
          onChange={(e) => play(current.scenario, Number(e.target.value))}
        >
          {[1, 2, 5, 10, 30].map((n) => (
            <option key={n} value={n}>
              {n}×
            </option>
          ))}
        </select>
      )}
      <ErrorLine error={error} />
    </span>
  );
}
