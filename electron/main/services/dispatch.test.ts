import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/contract';
import { createDispatcher, fail, type Handlers } from './dispatch';

const info: AppInfo = { version: '1', mode: 'web', capabilities: [], dataDir: '/tmp/x' };
// Only the commands these tests call; the compiler checks completeness where onair.ts composes the real ones.
const handlers: Partial<Handlers> = {
  'app.info': () => info,
  'outbox.retry': () => fail('conflict', 'entry 1 is sent'),
  'outbox.skip': () => {
    throw new Error('disk full');
  },
};

describe('dispatch', () => {
  const errors: unknown[] = [];
  const d = createDispatcher(handlers as Handlers, (err) => errors.push(err));

  it('runs the handler on valid arguments', async () => {
    expect(await d.dispatch('app.info', {})).toEqual({ ok: true, value: info });
  });

  it.each([['nope.nothing'], ['constructor'], ['__proto__'], ['toString'], [42], [null]])(
    'answers %s with unknown-command',
    async (name) => {
      const r = await d.dispatch(name, {});
      expect(r.ok === false && r.error.code).toBe('unknown-command');
    },
  );

  it('answers a name that cannot be made a string with unknown-command, not a rejection', async () => {
    // {"toString": 1} arrives as is from JSON over the web console's socket; String() throws on both.
    for (const name of [{ toString: 1 }, Object.create(null) as object, [Object.create(null)]]) {
      const r = await d.dispatch(name, {});
      expect(r).toEqual({ ok: false, error: { code: 'unknown-command', message: 'unknown command (object)' } });
    }
  });

  it('refuses bad arguments before the handler runs', async () => {
    const r = await d.dispatch('outbox.retry', { id: 'one' });
    expect(r.ok === false && r.error.code).toBe('bad-args');
  });

  it('passes a handler failure through as { code, message }', async () => {
    expect(await d.dispatch('outbox.retry', { id: 1 })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'entry 1 is sent' },
    });
  });

  it('reports an unexpected error as internal, and logs it', async () => {
    const r = await d.dispatch('outbox.skip', { id: 2, reason: 'sent by hand' });
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'outbox.skip failed: disk full' } });
    expect(errors).toHaveLength(1);
  });
});
