import { describe, expect, it } from 'vitest';
import { peerMessage, scrub } from './redact';

const SLACK = 'https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/XoXoSecretPath987';
const TEAMS =
  'https://prod-12.westeurope.logic.azure.com/workflows/4f1e2d/triggers/manual/paths/invoke?api-version=2016-06-01&sig=Zk3Fq9SigValue_42';

describe('scrub', () => {
  it('removes a whole credential value, and its URL-encoded form', () => {
    expect(
      scrub(`bad token sk_live_123456 (${encodeURIComponent('a b/c=d&secret')})`, {
        apiKey: 'sk_live_123456',
        pass: 'a b/c=d&secret',
      }),
    ).toBe('bad token [redacted] ([redacted])');
  });

  it('takes a value with half an emoji in it (no URL-encoded form) without throwing', () => {
    const half = 'secret-\ud83d-value';
    expect(scrub(`refused: ${half}`, { apiKey: half })).toBe('refused: [redacted]');
  });

  it('removes the token of a credential URL when a peer echoes only that part', () => {
    const creds = { webhookUrl: SLACK };
    expect(scrub('no_team: XoXoSecretPath987 is not a valid token', creds)).toBe(
      'no_team: [redacted] is not a valid token',
    );
    expect(scrub('hook T0ABCDEF1/B0ABCDEF2 unknown', creds)).toBe('hook [redacted]/[redacted] unknown');
    expect(scrub(`signature Zk3Fq9SigValue_42 expired`, { url: TEAMS })).toBe('signature [redacted] expired');
    expect(
      scrub(`hook ${encodeURIComponent('Tok%en/123')}`, { url: 'https://h.example/x/Tok%25en%2F123' }),
    ).not.toMatch(/Tok/);
  });

  it('removes token-shaped parts of any URL in the text, keeping the host and plain words readable', () => {
    expect(scrub(`moved to ${SLACK}.`, {})).toBe(
      'moved to https://hooks.slack.com/services/[redacted]/[redacted]/[redacted].',
    );
    expect(scrub(`POST ${TEAMS} failed`, {})).toBe(
      'POST https://prod-12.westeurope.logic.azure.com/workflows/[redacted]/triggers/manual/paths/invoke?api-version=[redacted]&sig=[redacted] failed',
    );
    expect(scrub('see https://user:hunter2pass@example.com/x', {})).toBe('see https://user:[redacted]@example.com/x');
    expect(scrub('HTTP 404 from 127.0.0.1:4000: no route http://127.0.0.1:4000/2/tweets', {})).toBe(
      'HTTP 404 from 127.0.0.1:4000: no route http://127.0.0.1:4000/2/tweets',
    );
  });

  it('leaves short, non-secret values and messages without secrets alone', () => {
    expect(scrub('SMTP 127.0.0.1:2525 refused, secure=true', { host: '127.0.0.1', port: '2525', secure: 'true' })).toBe(
      'SMTP 127.0.0.1:2525 refused, secure=true',
    );
    expect(peerMessage('  rate\n limited  ', {})).toBe('rate limited');
  });
});
