/**
 * Whether the console rehearses, read once per transport and kept current by `rehearsal.changed`: the banner,
 * the composer and every preview row ask, and share one subscription.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { Transport } from '../../shared/contract';
import type { RehearsalState } from '../../shared/rehearsal';
import { useTransport } from '../transport/TransportContext';

interface Store {
  get(): RehearsalState | null;
  subscribe(cb: () => void): () => void;
  set(s: RehearsalState): void;
}

const stores = new WeakMap<Transport, Store>();

function storeOf(t: Transport): Store {
  const known = stores.get(t);
  if (known) return known;
  let state: RehearsalState | null = null;
  const listeners = new Set<() => void>();
  const set = (s: RehearsalState) => {
    state = s;
    listeners.forEach((l) => l());
  };
  let off: (() => void) | null = null;
  const store: Store = {
    get: () => state,
    set,
    subscribe(cb) {
      listeners.add(cb);
      if (!off) {
        off = t.on('rehearsal.changed', set);
        // A failed read leaves the state unknown; the next change event fills it in.
        t.invoke('rehearsal.state', {}).then(set, () => undefined);
      }
      return () => {
        listeners.delete(cb);
        if (!listeners.size) {
          off?.();
          off = null;
        }
      };
    },
  };
  stores.set(t, store);
  return store;
}

/** The rehearsal state, or null until it is known. */
export function useRehearsal(): RehearsalState | null {
  const store = storeOf(useTransport());
  return useSyncExternalStore(store.subscribe, store.get);
}

/** Focus the field where the Sources screen asks for the real event's name, once that screen has rendered. */
function focusEventName(framesLeft = 10): void {
  const field = document.querySelector<HTMLElement>('[data-testid="watch-event-name"]');
  if (field) field.focus();
  else if (framesLeft > 0) requestAnimationFrame(() => focusEventName(framesLeft - 1));
}

/**
 * The one click back to live: the real event watched last; with none, `openSources` shows the Sources screen and
 * its event-name field takes the focus. Rejects with the command's error.
 */
export function useBackToLive(openSources: () => void): () => Promise<void> {
  const t = useTransport();
  return useCallback(async () => {
    const r = await t.invoke('rehearsal.backToLive', {});
    storeOf(t).set(r.state);
    if (r.resumed) return;
    openSources();
    focusEventName();
  }, [t, openSources]);
}
