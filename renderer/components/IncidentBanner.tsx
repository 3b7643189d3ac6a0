/** The alarm strip: every open incident nobody has acknowledged yet, and every missed deadline. */
import type { DeadlineAlarm, IncidentView } from '../../shared/contract';
import { detectedByLabel, kindLabel } from './incident-labels';
import { formatDuration, percent } from './format';
import type { LiveFeed } from '../hooks/useLiveFeed';
import { useSessionNow } from '../hooks/useSessionNow';

export function IncidentBanner(p: {
  incidents: IncidentView[];
  alarms: DeadlineAlarm[];
  /** The session's clock: how long each late incident has been open. */
  clock: Pick<LiveFeed, 'anchor' | 'session'>;
  onAcknowledge(id: string): void;
  onRespond(id: string): void;
}) {
  const unacked = p.incidents.filter((i) => i.status === 'detected');
  if (!unacked.length && !p.alarms.length) return null;
  return (
    <div className="banner" role="alert" data-testid="incident-banner">
      {unacked.map((i) => (
        <div key={i.id} className="banner-row">
          <strong>{kindLabel(i.kind)}</strong>
          <span data-testid="banner-title">{i.title}</span>
          <span className="banner-meta">
            {percent(i.confidence)} confident · seen by {detectedByLabel(i.detectedBy)}
          </span>
          <span className="spacer" />
          <button className="primary" data-testid="banner-acknowledge" onClick={() => p.onAcknowledge(i.id)}>
            Acknowledge
          </button>
        </div>
      ))}
      {p.alarms.map((a) => (
        <DeadlineRow
          key={a.incidentId}
          alarm={a}
          incident={p.incidents.find((x) => x.id === a.incidentId)}
          clock={p.clock}
          onRespond={() => p.onRespond(a.incidentId)}
        />
      ))}
    </div>
  );
}

/** Its own component: only a late incident's row ticks (its age), not the whole banner. */
function DeadlineRow(p: {
  alarm: DeadlineAlarm;
  incident: IncidentView | undefined;
  clock: Pick<LiveFeed, 'anchor' | 'session'>;
  onRespond(): void;
}) {
  const now = useSessionNow(p.clock);
  const i = p.incident;
  const which = i ? `${i.title} (${kindLabel(i.kind)}, open ${formatDuration(now - i.openedAt)})` : '';
  return (
    <div className="banner-row banner-deadline" data-testid="deadline-alarm">
      <strong>Deadline missed</strong>
      <span>
        {p.alarm.deadline === 'first-update'
          ? 'No public acknowledgement yet: the audience is waiting.'
          : 'The next public update is overdue.'}
      </span>
      {i && (
        <span className="banner-meta" data-testid="deadline-incident">
          {which}
        </span>
      )}
      <span className="spacer" />
      <button
        className="primary"
        onClick={p.onRespond}
        data-testid="deadline-respond"
        aria-label={`Post an update now on ${which || 'this incident'}`}
      >
        Post an update now
      </button>
    </div>
  );
}
