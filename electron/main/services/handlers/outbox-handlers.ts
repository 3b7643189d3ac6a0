/** Commands of the outbox: what is queued, sent or failed per channel, and the operator's retry or skip. */
import { fail, type NounHandlers } from '../dispatch';
import type { Outbox } from '../outbox/outbox';

export function outboxHandlers(outbox: Outbox): NounHandlers<'outbox'> {
  const entry = async (id: number) => (await outbox.get(id)) ?? fail('not-found', `no outbox entry ${id}`);
  return {
    'outbox.list': ({ incidentId }) => outbox.list({ incidentId, limit: 500 }),
    'outbox.retry': async ({ id }) => {
      if (!(await outbox.retryNow(id))) fail('conflict', `outbox entry ${id} is sending, sent or skipped`);
      return entry(id);
    },
    'outbox.skip': async ({ id, reason }) => {
      if (!(await outbox.skip(id, reason))) fail('conflict', `outbox entry ${id} can no longer be skipped`);
      return entry(id);
    },
  };
}
