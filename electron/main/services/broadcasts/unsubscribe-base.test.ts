import { describe, expect, it } from 'vitest';
import { UNSUBSCRIBE_REASON, unsubscribeBaseProblem } from './public-link';

describe('unsubscribeBaseProblem', () => {
  it('names the fix the operator must make', () => {
    expect(UNSUBSCRIBE_REASON).toBe(
      'set the public unsubscribe address in Audience: without it no attendee can unsubscribe',
    );
  });

  it.each([
    '', // unset: the links would point at the local server on 127.0.0.1
    '   ',
    'http://127.0.0.1:41234',
    'http://127.0.0.1:41234/',
    'https://localhost/unsubscribe',
    'http://[::1]:8080/u',
    'http://0.0.0.0/',
    'http://2130706433/', // 127.0.0.1 as a number
    'mailto:unsubscribe@example.com', // not a link a one-click POST can go to
    'not a url',
  ])('refuses the base URL %j', (base) => {
    expect(unsubscribeBaseProblem(base)).toBe(UNSUBSCRIBE_REASON);
  });

  it.each(['https://events.example.com/unsubscribe', 'http://10.0.0.5/u', ' https://example.org '])(
    'accepts the base URL %j',
    (base) => {
      expect(unsubscribeBaseProblem(base)).toBeNull();
    },
  );
});
