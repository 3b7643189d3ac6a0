import type { Clock } from '../../../shared/clock';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return { dispose: () => clearTimeout(t) };
  },
};
