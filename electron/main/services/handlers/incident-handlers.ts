/** Commands of the incident workflow and the guided response. */
import type { ChannelId } from '../../../../shared/channels';
import { playbookSchema, type Playbook } from '../../../../shared/domain/broadcast/playbook';
import type { BroadcastService } from '../broadcasts/broadcast-service';
import type { PlaybooksRepo } from '../db/playbooks-repo';
import { fail, type Dispatcher } from '../dispatch';
import type { EventHub } from '../event-hub';
import type { IncidentService } from '../incidents/incident-service';
import type { IncidentId } from '../../../../shared/types';

export function registerIncidentHandlers(
  d: Dispatcher,
  x: {
    incidents: IncidentService;
    broadcasts: BroadcastService;
    playbooks: PlaybooksRepo;
    hub: EventHub;
    now(): number;
  },
): void {
  d.register('incident.list', ({ sessionId }) => x.incidents.list(sessionId));
  d.register('incident.open', ({ kind, title, operator }) =>
    x.incidents.operator({ type: 'open', kind, title, operator }),
  );
  d.register('incident.transition', ({ incidentId, action, operator, note }) =>
    x.incidents.operator({ type: action, incidentId: incidentId as IncidentId, operator, note }),
  );
  d.register('playbook.list', () => x.playbooks.list());
  d.register('playbook.save', ({ playbook }) => {
    const parsed = playbookSchema.safeParse(playbook);
    if (!parsed.success) fail('bad-args', parsed.error.issues.map((i) => i.message).join('; '));
    const saved = x.playbooks.save(parsed.data as Playbook, x.now());
    x.hub.emit('playbook.changed', saved);
    return saved;
  });
  d.register('broadcast.compose', (a) => x.broadcasts.compose(a));
  d.register('broadcast.preview', ({ draft, channels }) => x.broadcasts.preview(draft, channels as ChannelId[]));
  d.register('broadcast.send', (a) => x.broadcasts.send(a));
  d.register('broadcast.rounds', ({ incidentId }) => x.broadcasts.rounds(incidentId));
}
