/** The contract over a direct in-process pair, serialising like a wire would (A2's QueueProtocol). */
import { CommandFailed, type Transport } from '../../shared/contract';
import type { Dispatcher } from '../../electron/main/services/dispatch';
import type { EventHub } from '../../electron/main/services/event-hub';

export function inMemoryTransport(dispatcher: Dispatcher, hub: EventHub): Transport {
  const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
  return {
    async invoke(name, args) {
      const reply = wire(await dispatcher.dispatch(name, wire(args)));
      if (!reply.ok) throw new CommandFailed(reply.error);
      return reply.value as never;
    },
    on(name, cb) {
      return hub.subscribe((n, payload) => {
        if ((n as string) === name) cb(wire(payload) as never);
      });
    },
  };
}
