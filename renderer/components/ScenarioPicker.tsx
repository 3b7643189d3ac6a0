import { useEffect, useState } from 'react';
import type { CommandResult } from '../../shared/contract';
import { useCommandError } from '../hooks/useErrorNotices';
import { useBackToLive, useRehearsal } from '../hooks/useRehearsal';
import { useTransport } from '../transport/TransportContext';
import { ErrorLine } from './ErrorNotice';

type Scenarios = CommandResult<'simulator.list'>;

const SPEEDS = [1, 2, 5, 10, 30];

/**
 * Rehearse on a simulator scenario, at a speed; it stays in the top bar while a replay or a drill plays (it says
 * what plays), and while rehearsing it leads back to live.
 */
export function ScenarioPicker(p: { current: { scenario: string; speed: number } | null; onWatchRealEvent(): void }) {
  const t = useTransport();
  const [list, setList] = useState<Scenarios>([]);
  const rehearsal = useRehearsal();
  const backToLive = useBackToLive(p.onWatchRealEvent);
  const { error, fail, clear } = useCommandError();
  useEffect(() => {
    t.invoke('simulator.list', {}).then(setList, fail);
  }, [t, fail]);
  const play = (scenario: string, speed: number) => {
    clear();
    t.invoke('simulator.play', { scenario, speed }).catch(fail);
  };
  const current = p.current && list.some((s) => s.name === p.current?.scenario) ? p.current : null;
  // A replay or a drill plays something that is not on the list: say what, and offer the list to switch.
  const placeholder = current ? null : rehearsal?.rehearsal ? (rehearsal.label ?? 'rehearsing') : 'rehearse…';
  return (
    <span className="scenario-picker" data-testid="scenario-picker">
      <label>
        Simulator
        <select
          data-testid="scenario-select"
          value={current?.scenario ?? ''}
          onChange={(e) => play(e.target.value, current?.speed ?? 1)}
        >
          {placeholder && (
            <option value="" disabled>
              {placeholder}
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
        <label>
          Speed
          <select
            data-testid="speed-select"
            value={current.speed}
            onChange={(e) => play(current.scenario, Number(e.target.value))}
          >
            {[...new Set([...SPEEDS, current.speed])]
              .sort((a, b) => a - b)
              .map((n) => (
                <option key={n} value={n}>
                  {n}×
                </option>
              ))}
          </select>
        </label>
      )}
      {rehearsal?.rehearsal && (
        <button onClick={() => backToLive().catch(fail)} data-testid="picker-back-to-live">
          Back to live
        </button>
      )}
      <ErrorLine error={error} />
    </span>
  );
}
