import { describe, expect, it } from 'vitest';
import { isRequestAllowed, policyFor } from './request-guard';

const local = policyFor(4780, ['127.0.0.1', 'localhost']);
const lan = policyFor(4780, ['127.0.0.1', 'localhost', '192.0.2.10'], 'tok-123');
/** The command socket on loopback: token and Origin required, as on the LAN. */
const socket = { ...policyFor(4780, ['127.0.0.1', 'localhost'], 'tok-123'), requireOrigin: true };
const own = { host: '127.0.0.1:4780', origin: 'http://127.0.0.1:4780' };

describe('isRequestAllowed', () => {
  it.each([
    ['own host, no origin', { host: '127.0.0.1:4780' }, local, true],
    ['own host and origin', { host: '127.0.0.1:4780', origin: 'http://127.0.0.1:4780' }, local, true],
    ['localhost alias', { host: 'LOCALHOST:4780', origin: 'http://localhost:4780' }, local, true],
    ['dns rebinding host', { host: 'evil.example:4780', origin: 'http://evil.example:4780' }, local, false],
    ['missing host', {}, local, false],
    ['other port', { host: '127.0.0.1:4781' }, local, false],
    ['cross-site origin', { host: '127.0.0.1:4780', origin: 'http://evil.example' }, local, false],
    ['null origin (sandboxed iframe)', { host: '127.0.0.1:4780', origin: 'null' }, local, false],
    ['lan without token', { host: '192.0.2.10:4780', origin: 'http://192.0.2.10:4780' }, lan, false],
    ['lan wrong token', { host: '192.0.2.10:4780', token: 'tok-124' }, lan, false],
    ['lan token of other length', { host: '192.0.2.10:4780', token: 'x' }, lan, false],
    ['lan right token', { host: '192.0.2.10:4780', origin: 'http://192.0.2.10:4780', token: 'tok-123' }, lan, true],
    ['socket: own page with the token', { ...own, token: 'tok-123' }, socket, true],
    ['socket: local process without a token', own, socket, false],
    ['socket: wrong token', { ...own, token: 'tok-124' }, socket, false],
    ['socket: no origin (not a browser page)', { host: '127.0.0.1:4780', token: 'tok-123' }, socket, false],
    ['socket: right token, foreign origin', { ...own, origin: 'http://evil.example', token: 'tok-123' }, socket, false],
    ['socket: right token, rebinding host', { ...own, host: 'evil.example:4780', token: 'tok-123' }, socket, false],
  ])('%s', (_name, req, policy, allowed) => {
    expect(isRequestAllowed(req, policy).ok).toBe(allowed);
  });

  it('explains a refusal', () => {
    const v = isRequestAllowed({ host: 'evil.example:4780' }, local);
    expect(v).toEqual({ ok: false, reason: 'host evil.example:4780 not allowed' });
    expect(isRequestAllowed({ host: '127.0.0.1:4780', token: 'tok-123' }, socket)).toEqual({
      ok: false,
      reason: 'origin missing',
    });
  });
});
