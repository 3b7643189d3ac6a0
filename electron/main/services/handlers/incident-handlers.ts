/** Commands of the incident workflow: list, open by hand, move through the lifecycle, keep a carried one open. */
import type { NounHandlers } from '../dispatch';
import type { IncidentService } from '../incidents/incident-service';

export function incidentHandlers(incidents: IncidentService): NounHandlers<'incident'> {
  return {
    'incident.list': ({ sessionId }) => incidents.list(sessionId),
    'incident.open': ({ kind, title, operator }) => incidents.operator({ type: 'open', kind, title, operator }),
    'incident.transition': ({ incidentId, action, operator, note }) =>
      incidents.operator({ type: action, incidentId, operator, note }),
    'incident.keepOpen': ({ incidentId, operator }) => incidents.operator({ type: 'keep-open', incidentId, operator }),
  };
}
