import { describe, expect, it } from 'vitest';
import { isExternalLinkAllowed, LINK_HOSTS } from './external-links';

const policy = { httpsHosts: LINK_HOSTS, ownOrigins: ['http://127.0.0.1:4781'] };

describe('isExternalLinkAllowed', () => {
  it.each([
    ['a post on a listed host', 'https://x.com/onair/status/1', true],
    ['the local status page', 'http://127.0.0.1:4781/', true],
    ['the status page, another path', 'http://127.0.0.1:4781/index.html', true],
    ['Google sign-in', 'https://accounts.google.com/o/oauth2/v2/auth?client_id=x&state=y', true],
    ['Google sign-in over http', 'http://accounts.google.com/o/oauth2/v2/auth', false],
    ['another Google host', 'https://oauth2.googleapis.com/token', false],
    ['a listed host over http', 'http://x.com/onair', false],
    ['an unlisted https host', 'https://evil.example/', false],
    ['a look-alike subdomain', 'https://x.com.evil.example/', false],
    ['a listed host on another port', 'https://x.com:8443/', false],
    ['credentials before a host', 'https://x.com@evil.example/', false],
    ['user info on a listed host', 'https://user:pw@x.com/', false],
    ['another local port', 'http://127.0.0.1:4782/', false],
    ['a local file', 'file:///etc/passwd', false],
    ['a network share', 'smb://fileserver/share', false],
    ['a program scheme', 'ms-msdt:/id PCWDiagnostic', false],
    ['javascript', 'javascript:alert(1)', false],
    ['not a URL', 'x.com/onair', false],
    ['upper-case host (URL lower-cases it)', 'https://X.COM/onair', true],
  ])('%s: %s', (_what, url, allowed) => {
    expect(isExternalLinkAllowed(url, policy)).toBe(allowed);
  });
});
