/**
 * Start a drill from a rehearsal: a fault chosen from the list, or a random one, comes at a moment the console
 * does not tell. While it runs, only that a drill runs is shown; once over, the team's score.
 */
import { useState } from 'react';
import { DRILL_FAULT_LABEL, DRILL_FAULTS, type DrillFault } from '../../shared/rehearsal';
import { useDrills } from '../hooks/useDrills';
import { useCommandError } from '../hooks/useErrorNotices';
import { useTransport } from '../transport/TransportContext';
import { DrillScoreCard } from './DrillScoreCard';
import { ErrorLine } from './ErrorNotice';

const SPEEDS = [1, 2, 5, 10];

export function DrillControl() {
  const t = useTransport();
  const drills = useDrills();
  const [fault, setFault] = useState<DrillFault | 'random'>('random');
  const [speed, setSpeed] = useState(1);
  const [shownId, setShownId] = useState<string | null>(null);
  const { error, fail, clear } = useCommandError();
  const running = drills.find((d) => d.endedAt === undefined);
  const finished = drills.find((d) => d.id === shownId && d.endedAt !== undefined);

  const start = () => {
    clear();
    t.invoke('drill.start', { fault, speed }).then((d) => setShownId(d.id), fail);
  };
  const end = () => {
    clear();
    t.invoke('drill.end', {}).catch(fail);
  };

  return (
    <div className="drill-control" data-testid="drill-control">
      {running ? (
        <div className="row" data-testid="drill-running">
          <strong>Drill running</strong>
          <span>
            {running.fault ? DRILL_FAULT_LABEL[running.fault] : 'A random fault'} comes at a moment nobody is told.
            Answer it as you would live.
          </span>
          <button onClick={end} data-testid="drill-end">
            End drill and score
          </button>
        </div>
      ) : (
        <div className="row">
          <label>
            Drill fault
            <select
              value={fault}
              onChange={(e) => setFault(e.target.value as DrillFault | 'random')}
              data-testid="drill-fault"
            >
              <option value="random">Random</option>
              {DRILL_FAULTS.map((f) => (
                <option key={f} value={f}>
                  {DRILL_FAULT_LABEL[f]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Drill speed
            <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="drill-speed">
              {SPEEDS.map((n) => (
                <option key={n} value={n}>
                  {n}×
                </option>
              ))}
            </select>
          </label>
          <button onClick={start} data-testid="drill-start">
            Start drill
          </button>
        </div>
      )}
      <ErrorLine error={error} />
      {finished && <DrillScoreCard drill={finished} />}
    </div>
  );
}
