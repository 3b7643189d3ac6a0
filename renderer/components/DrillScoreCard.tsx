/** One drill's score: the overall figure, then (unfolded) each measure against the playbook. */
import { DRILL_FAULT_LABEL, type DrillView } from '../../shared/rehearsal';
import { drillLines } from '../state/drill-lines';
import { formatDuration } from './format';

export function DrillScoreCard({ drill }: { drill: DrillView }) {
  const s = drill.score;
  const fault = drill.fault ? DRILL_FAULT_LABEL[drill.fault] : 'unknown fault';
  if (!s)
    return (
      <div className="drill-score" data-testid="drill-score" data-scored="false">
        Drill ({fault}) not scored: {drill.unscored ?? 'no result'}
      </div>
    );
  return (
    <details className="drill-score" data-testid="drill-score" data-scored="true">
      <summary className="drill-score-head">
        Drill score <strong data-testid="drill-overall">{s.overall}/100</strong> · {fault}
        {s.detectMs !== null && <span className="muted"> · detected after {formatDuration(s.detectMs)}</span>}
      </summary>
      <ul>
        {drillLines(s).map((l) => (
          <li key={l.key} className={l.met ? 'ok' : 'bad'} data-testid="drill-line" data-met={l.met}>
            {l.met ? '✓' : '✗'} {l.label}: {l.value}
          </li>
        ))}
      </ul>
    </details>
  );
}
