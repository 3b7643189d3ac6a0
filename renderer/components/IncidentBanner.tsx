/** The alarm strip: every open incident nobody has acknowledged yet, and every missed deadline. */
import type { DeadlineAlarm, IncidentView } from '../../shared/contract';
import { percent } from './format';

export function IncidentBanner(p: {
  incidents: IncidentView[];
  alarms: DeadlineAlarm[];
  onAcknowledge(id: string): void;
  onRespond(id: string): void;
}) {
  const unacked = p.incidents.filter((i) => i.status === 'detected');
  if (!unacked.length && !p.alarms.length) return null;
  return (
    <div className="banner" role="alert" data-testid="incident-banner">
      {unacked.map((i) => (
        <div key={i.id} className="banner-row">
          <strong>{i.kind.toUpperCase()} INCIDENT</strong>
          <span data-testid="banner-title">{i.title}</span>
          <span className="muted">
            {percent(i.confidence)} confident · seen by {i.detectedBy === 'both' ? 'signals and chat' : i.detectedBy}
          </span>
          <span className="spacer" />
          <button className="primary" data-testid="banner-acknowledge" onClick={() => p.onAcknowledge(i.id)}>
            Acknowledge
          </button>
        </div>
      ))}
      {p.alarms.map((a) => (
        <div key={a.incidentId} className="banner-row banner-deadline" data-testid="deadline-alarm">
          <strong>DEADLINE MISSED</strong>
          <span>
            {a.deadline === 'first-update'
              ? 'No public acknowledgement yet: the audience is waiting.'
              : 'The next public update is overdue.'}
          </span>
          <span className="spacer" />
          <button className="primary" onClick={() => p.onRespond(a.incidentId)}>
            Post an update now
          </button>
        </div>
      ))}
    </div>
  );
}
