import { describe, expect, it } from 'vitest';
import { fakeClock } from '../../../../tests/support/fake-clock';
import { LAG_ALLOWANCE_MS } from '../../../../shared/domain/session-time';
import { sessionClock } from './session-clock';

describe('session clock', () => {
  it('is the wall clock for a real-time source', () => {
    const clock = fakeClock();
    const t = sessionClock(clock, clock.now() - 5000, 1);
    clock.advance(1234);
    expect(t.now()).toBe(clock.now());
  });

  it('runs at the playback speed from the newest data, after an allowance for our own batching', () => {
    const clock = fakeClock();
    const t = sessionClock(clock, 1_000_000, 30);
    t.observe(1_060_000);
    clock.advance(LAG_ALLOWANCE_MS);
    expect(t.now()).toBe(1_060_000); // batching lag is not silence
    clock.advance(1000);
    expect(t.now()).toBe(1_060_000 + 30_000);
    t.observe(1_050_000); // older data never moves the clock back
    expect(t.now()).toBe(1_090_000);
  });
});
