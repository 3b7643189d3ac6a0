import { describe, expect, it } from 'vitest';
import { initialStreamOffline, stepStreamOffline } from './stream-offline';
import { fold, sample, seconds } from './test-support';

const run = (xs: Parameters<typeof fold>[2]) =>
  fold((s, x, now) => stepStreamOffline(s, x, now), initialStreamOffline, xs);

describe('stream-offline detector', () => {
  it('fires 2 s into an outage and clears 2 s after it ends', () => {
    const r = run([...seconds(0, 5), ...seconds(5, 30, { streamState: 'offline' }), ...seconds(30, 40)]);
    expect(r.findings.map((f) => f.sec)).toEqual([7]);
    expect(r.healthy.map((f) => f.sec)).toEqual([32]);
    const f = r.findings[0].report;
    expect(f.type === 'finding' && f.finding).toMatchObject({ kind: 'stream', severity: 'high' });
  });

  it('ignores a one-sample blip', () => {
    expect(run([...seconds(0, 5), sample(5, { streamState: 'offline' }), ...seconds(6, 10)]).findings).toHaveLength(0);
  });
});
