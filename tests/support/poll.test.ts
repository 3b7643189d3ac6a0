import { describe, expect, it } from 'vitest';
import { poll } from './poll';

describe('poll', () => {
  it('returns the first truthy value read', async () => {
    let n = 0;
    await expect(poll(() => (++n >= 3 ? `read ${n}` : null), { intervalMs: 1 })).resolves.toBe('read 3');
  });

  it('returns the value once `until` holds, even a falsy one', async () => {
    let n = 3;
    await expect(poll(async () => --n, { until: (v) => v === 0, intervalMs: 1 })).resolves.toBe(0);
  });

  it('reads again after an error, and names the last one when it gives up', async () => {
    let n = 0;
    await expect(
      poll(
        () => {
          if (++n < 3) throw new Error(`not yet ${n}`);
          return n;
        },
        { intervalMs: 1 },
      ),
    ).resolves.toBe(3);
    await expect(
      poll(
        () => {
          throw new Error('still down');
        },
        { timeoutMs: 20, intervalMs: 1, what: 'the server' },
      ),
    ).rejects.toThrow(/^the server not met within 20 ms; last read: an error: still down$/);
  });

  it('gives up after the timeout with what it waited for and the last value', async () => {
    await expect(
      poll(() => ({ status: 'sending' }), {
        until: (e) => e.status === 'sent',
        timeoutMs: 20,
        intervalMs: 1,
        what: () => 'x sent',
      }),
    ).rejects.toThrow("x sent not met within 20 ms; last read: { status: 'sending' }");
  });
});
