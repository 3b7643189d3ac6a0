/** Time is injected: services take a Clock, tests pass a fake one and advance it by hand. */
import type { EpochMs } from './types';

export interface Disposable {
  dispose(): void;
}

export interface Clock {
  now(): EpochMs;
  setTimer(ms: number, fn: () => void): Disposable;
}
