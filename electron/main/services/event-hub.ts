/** Fans each domain event out to every attached transport (IPC windows, web console sockets, tests). */
import type { EventName, Events } from '../../../shared/contract';

type EventListener = <E extends EventName>(name: E, payload: Events[E]) => void;

export interface EventHub {
  emit<E extends EventName>(name: E, payload: Events[E]): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(onListenerError: (err: unknown) => void = () => {}): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      for (const l of listeners) {
        try {
          l(name, payload);
        } catch (err) {
          onListenerError(err); // one broken window must not stop the others from hearing
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
