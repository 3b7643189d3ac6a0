/**
 * Waits on something real (a child process, a server, a socket, a SQLite file written by another part):
 * reads `read()` every `intervalMs` until `until(value)` holds (by default: until the value is truthy) and
 * returns that value, or fails after `timeoutMs` with the last value or error it saw.
 *
 * Only for real processes and servers: code driven by a clock takes a fake clock and is advanced instead.
 * Inside a test, `expect.poll` does the same with an assertion's message; this one also works in
 * beforeAll/afterAll and in helpers that need the value back. It keeps to real time even under
 * `vi.useFakeTimers()` (node:timers/promises and performance.now are not faked).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';

export interface PollOptions<T> {
  /** The condition on the value read; by default the value must be truthy. */
  until?: (value: T) => boolean;
  /** Give up after this long (default 20 s). */
  timeoutMs?: number;
  /** Time between reads (default 50 ms). */
  intervalMs?: number;
  /** What is awaited, for the error message. */
  what?: string | (() => string);
}

/** Until the value read is truthy: returns it. */
export function poll<T>(
  read: () => T | Promise<T>,
  opts?: Omit<PollOptions<T>, 'until'> & { until?: undefined },
): Promise<NonNullable<T>>;
/** Until `opts.until(value)` holds: returns the value. */
export function poll<T>(
  read: () => T | Promise<T>,
  opts: PollOptions<T> & { until: (value: T) => boolean },
): Promise<T>;
export async function poll<T>(read: () => T | Promise<T>, opts: PollOptions<T> = {}): Promise<T> {
  const { until = (v: T) => !!v, timeoutMs = 20_000, intervalMs = 50, what = 'condition' } = opts;
  const end = performance.now() + timeoutMs;
  let last: { value: T } | { error: unknown } | undefined;
  for (;;) {
    try {
      const value = await read();
      if (until(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (performance.now() >= end) {
      const seen = !last
        ? 'nothing'
        : 'error' in last
          ? `an error: ${last.error instanceof Error ? last.error.message : inspect(last.error)}`
          : inspect(last.value, { depth: 3, breakLength: Infinity });
      const label = typeof what === 'function' ? what() : what;
      throw new Error(`${label} not met within ${timeoutMs} ms; last read: ${seen}`, {
        cause: last && 'error' in last ? last.error : undefined,
      });
    }
    await sleep(intervalMs);
  }
}
