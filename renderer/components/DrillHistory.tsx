/** Past drills with their figures, oldest to newest compared: is the team getting faster? */
import { drillTrend } from '../../shared/domain/review/drill-score';
import { DRILL_FAULT_LABEL } from '../../shared/rehearsal';
import { useDrills } from '../hooks/useDrills';
import { slowestFirstUpdate } from '../state/drill-lines';
import { formatDuration, formatTime } from './format';

const TREND_TEXT = { first: 'first drill', better: '▲ better', worse: '▼ worse', same: '= same' } as const;

const duration = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : formatDuration(ms));

export function DrillHistory() {
  const drills = useDrills().filter((d) => d.endedAt !== undefined);
  return (
    <section className="drill-history" aria-labelledby="drill-history-title" data-testid="drill-history">
      <h2 id="drill-history-title">Drills</h2>
      {drills.length === 0 ? (
        <p className="muted">No drill yet: start one from a rehearsal (the banner's “Start drill”).</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Fault</th>
              <th>Score</th>
              <th>Trend</th>
              <th>Acknowledged</th>
              <th>Slowest first update</th>
              <th>Missed channels</th>
              <th>Longest silence</th>
              <th>Tone findings</th>
            </tr>
          </thead>
          <tbody>
            {drills.map((d, i) => {
              const s = d.score;
              // Newest first: the drill before this one is the next scored one in the list.
              const previous = drills.slice(i + 1).find((x) => x.score)?.score?.overall;
              return (
                <tr key={d.id} data-testid="drill-row">
                  <td>{formatTime(d.startedAt, 'yyyy-MM-dd HH:mm')}</td>
                  <td>{d.fault ? DRILL_FAULT_LABEL[d.fault] : '—'}</td>
                  <td data-testid="drill-row-score">{s ? `${s.overall}/100` : `not scored: ${d.unscored ?? '—'}`}</td>
                  <td data-testid="drill-row-trend">{s ? TREND_TEXT[drillTrend(s.overall, previous)] : ''}</td>
                  <td>{duration(s?.acknowledge.ms)}</td>
                  <td>{s ? duration(slowestFirstUpdate(s)) : '—'}</td>
                  <td>{s ? s.missed.length : '—'}</td>
                  <td>{duration(s?.longestSilence.ms)}</td>
                  <td>{s ? s.tone.length : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
