import { describe, expect, it } from 'vitest';
import { INTERRUPTED, mayAlreadyBePublished, OUTCOME_UNKNOWN } from './outbox-entry';

describe('mayAlreadyBePublished', () => {
  it.each([
    ['failed', `${INTERRUPTED} (x)`, true],
    ['failed', `${OUTCOME_UNKNOWN}: X may already show it (no answer in 60 s). Check there.`, true],
    ['failed', 'HTTP 401: bad token', false],
    ['failed', undefined, false],
    ['queued', `${OUTCOME_UNKNOWN}: …`, false],
    ['sent', undefined, false],
  ] as const)('%s with %s → %s', (status, lastError, expected) => {
    expect(mayAlreadyBePublished({ status, lastError })).toBe(expected);
  });
});
