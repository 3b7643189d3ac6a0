import { describe, expect, it } from 'vitest';
import { excerpt } from './excerpt';

describe('quarantine excerpt', () => {
  it('reads like JSON for ordinary payloads', () => {
    const p = { id: 'm1', ts: 1.5, ok: true, none: null, list: [1, 'two', { three: 3 }], gone: undefined };
    expect(excerpt(p, 4096)).toBe(
      '{"id":"m1","ts":1.5,"ok":true,"none":null,"list":[1,"two",{"three":3}],"gone":undefined}',
    );
    expect(excerpt('plain', 100)).toBe('"plain"');
    expect(excerpt(new Uint8Array(12), 100)).toBe('<binary 12 bytes>');
    expect(excerpt(10n, 100)).toBe('10n');
  });

  it('stores a 20,000-deep array as a short excerpt (JSON.stringify overflowed the stack)', () => {
    let deep: unknown = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const e = excerpt(deep, 4096);
    expect(e).toBe(`${'['.repeat(32)}[…]${']'.repeat(32)}`);
  });

  it('stays within its size, marking the cut, for huge strings, wide arrays and cycles', () => {
    const huge = excerpt({ text: 'x'.repeat(5_000_000) }, 4096);
    expect(huge).toHaveLength(4096);
    expect(huge.endsWith('…')).toBe(true);
    const wide = excerpt(new Array(2 ** 32 - 1), 100);
    expect(wide).toHaveLength(100);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(excerpt(cycle, 100)).toHaveLength(100);
    expect(excerpt(cycle, 1000)).toMatch(/^(\{"self":){32}\{…\}\}{32}$/);
    expect(excerpt('fits', 6)).toBe('"fits"');
  });

  it('survives objects that refuse to be read', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no');
        },
      },
    );
    const getter = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('no');
      },
    });
    expect(excerpt(hostile, 100)).toBe('{}');
    expect(excerpt(getter, 100)).toBe('{"boom":"[unreadable]"}');
  });
});
