import { describe, expect, it } from 'vitest';
import { actionDoneLabel, carriedWhy, kindLabel, sessionLabel, statusLabel } from './incident-labels';

describe('incident labels', () => {
  it('says words, not ids, and shows a word it does not know as it is', () => {
    expect(statusLabel('false-alarm')).toBe('False alarm');
    expect(actionDoneLabel('acknowledge')).toBe('Acknowledged');
    expect(kindLabel('audio')).toBe('Audio problem');
    expect(statusLabel('paused-by-a-newer-onair')).toBe('paused-by-a-newer-onair');
    expect(statusLabel('toString')).toBe('toString'); // not Object.prototype's
  });

  it('names the session a carried-over incident comes from, and why it came', () => {
    const startedAt = new Date(2026, 11, 2, 10, 32).getTime();
    const from = { sessionId: 's-1', eventName: 'Launch', scenario: 'audio-loss', startedAt };
    expect(sessionLabel(from)).toBe('Launch · audio-loss · 2 Dec 10:32');
    expect(sessionLabel({ ...from, scenario: undefined })).toBe('Launch · 2 Dec 10:32');
    const carry = { from, intoSessionId: 's-2', at: startedAt, why: 'restart' as const };
    expect(carriedWhy(carry)).toBe('Onair restarted while it was open');
    expect(carriedWhy({ ...carry, why: 'new-session' })).toBe('A new session started while it was open');
  });
});
