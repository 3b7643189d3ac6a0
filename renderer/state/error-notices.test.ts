import { describe, expect, it } from 'vitest';
import { CommandFailed } from '../../shared/contract';
import { errorNoticesReducer, MAX_NOTICES, noNotices, toContractError } from './error-notices';

describe('toContractError', () => {
  it("keeps a failed command's code and message", () => {
    expect(toContractError(new CommandFailed({ code: 'conflict', message: 'already resolved' }))).toEqual({
      code: 'conflict',
      message: 'already resolved',
    });
  });

  it('turns anything else thrown into an internal error with its message', () => {
    expect(toContractError(new TypeError('x is undefined'))).toEqual({ code: 'internal', message: 'x is undefined' });
    expect(toContractError(new Error())).toEqual({ code: 'internal', message: 'Error' });
    expect(toContractError('socket closed')).toEqual({ code: 'internal', message: 'socket closed' });
  });
});

describe('error notices', () => {
  const fail = (what: string, message = 'down') =>
    ({ type: 'failed', what, error: { code: 'unavailable', message } }) as const;

  it('lists each failure with what the console was doing', () => {
    const s = errorNoticesReducer(noNotices, fail('Loading the channels'));
    expect(s.list).toEqual([{ id: 1, what: 'Loading the channels', code: 'unavailable', message: 'down' }]);
  });

  it('keeps one notice per operation: the newest failure replaces the older one', () => {
    let s = errorNoticesReducer(noNotices, fail('Loading the channels', 'first'));
    s = errorNoticesReducer(s, fail('Loading the outbox'));
    s = errorNoticesReducer(s, fail('Loading the channels', 'second'));
    expect(s.list.map((n) => [n.what, n.message])).toEqual([
      ['Loading the outbox', 'down'],
      ['Loading the channels', 'second'],
    ]);
    expect(new Set(s.list.map((n) => n.id)).size).toBe(2);
  });

  it(`shows at most ${MAX_NOTICES}, dropping the oldest`, () => {
    let s = noNotices;
    for (let i = 0; i < MAX_NOTICES + 2; i++) s = errorNoticesReducer(s, fail(`op ${i}`));
    expect(s.list.map((n) => n.what)).toEqual(['op 2', 'op 3', 'op 4', 'op 5']);
  });

  it('dismisses one notice by id, and ignores an unknown id', () => {
    let s = errorNoticesReducer(noNotices, fail('a'));
    s = errorNoticesReducer(s, fail('b'));
    const after = errorNoticesReducer(s, { type: 'dismissed', id: s.list[0].id });
    expect(after.list.map((n) => n.what)).toEqual(['b']);
    expect(errorNoticesReducer(after, { type: 'dismissed', id: 999 })).toBe(after);
  });
});
