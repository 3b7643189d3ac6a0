/** Commands of the playbooks: deadlines, cadence and templates per incident kind. */
import { playbookSchema, type Playbook } from '../../../../shared/domain/broadcast/playbook';
import type { PlaybooksRepo } from '../db/playbooks-repo';
import { fail, type NounHandlers } from '../dispatch';
import type { EventHub } from '../event-hub';

export function playbookHandlers(x: {
  playbooks: PlaybooksRepo;
  hub: EventHub;
  now(): number;
}): NounHandlers<'playbook'> {
  return {
    'playbook.list': () => x.playbooks.list(),
    'playbook.save': ({ playbook }) => {
      const parsed = playbookSchema.safeParse(playbook);
      if (!parsed.success) fail('bad-args', parsed.error.issues.map((i) => i.message).join('; '));
      const saved = x.playbooks.save(parsed.data as Playbook, x.now());
      x.hub.emit('playbook.changed', saved);
      return saved;
    },
  };
}
