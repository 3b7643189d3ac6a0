/**
 * The OAuth half of the Google stand-in (google-standin.ts serves it and the Data API on one port): the flow
 * for installed apps, i.e. the consent page, the token endpoint with PKCE and revocation, over the stores of
 * authorization codes, refresh tokens and access tokens that the Data API half checks bearers against. It is
 * strict where Google may be lenient (PKCE S256 and `state` are required, the redirect must be a loopback URI).
 * It also holds what both halves answer with: `Answer`, and `refuse` to stop a request with one.
 *
 * Docs followed: developers.google.com/identity/protocols/oauth2/native-app (auth, token, revoke).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const SCOPE = 'https://www.googleapis.com/auth/youtube';
export const READ_SCOPES = [`${SCOPE}.readonly`, SCOPE, `${SCOPE}.force-ssl`];
export const WRITE_SCOPES = [SCOPE, `${SCOPE}.force-ssl`];

export interface Answer {
  status: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string>;
}

export class Answered extends Error {
  constructor(readonly answer: Answer) {
    super(`answered ${answer.status}`);
  }
}

export function refuse(answer: Answer): never {
  throw new Answered(answer);
}

const oauthError = (status: number, error: string, description: string): Answer => ({
  status,
  json: { error, error_description: description },
});

/** Google answers a bad sign-in request with an error page, never with a redirect to an unchecked URI. */
const errorPage = (status: number, text: string): Answer => ({ status, html: `<p>${text}</p>` });

export const opaque = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;
export const base64urlSha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/** http://127.0.0.1:PORT[/path], the only redirect a desktop client may use here. */
function loopbackRedirect(uri: string | undefined): URL | undefined {
  try {
    const u = new URL(uri ?? '');
    const plain = u.protocol === 'http:' && u.hostname === '127.0.0.1' && u.port !== '';
    return plain && !u.username && !u.password && !u.hash ? u : undefined;
  } catch {
    return undefined;
  }
}

export interface OAuthOptions {
  now: () => number;
  /** expires_in of every access token issued. */
  ttlSec: number;
  /** 'deny': the browser comes back with error=access_denied. */
  consent?: 'grant' | 'deny';
}

export function startOAuth({ now, ttlSec, consent }: OAuthOptions) {
  const app = { clientId: 'onair-test.apps.googleusercontent.com', clientSecret: opaque('GOCSPX-') };
  let consented = false;
  const codes = new Map<string, { redirectUri: string; challenge: string; scope: string; offline: boolean }>();
  const refreshTokens = new Map<string, { scope: string }>();
  const accessTokens = new Map<string, { scope: string; expiresAt: number; refreshToken?: string }>();

  function issueAccessToken(scope: string, refreshToken?: string) {
    const token = opaque('ya29.');
    accessTokens.set(token, { scope, expiresAt: now() + ttlSec * 1000, refreshToken });
    return { access_token: token, expires_in: ttlSec, scope, token_type: 'Bearer' };
  }

  function authorize(q: Record<string, string>): Answer {
    const invalid = (why: string) => refuse(errorPage(400, `Error 400: ${why}`));
    if (q.client_id !== app.clientId) refuse(errorPage(401, 'Error 401: invalid_client'));
    const redirect = loopbackRedirect(q.redirect_uri) ?? invalid('redirect_uri_mismatch');
    if (q.response_type !== 'code') invalid('invalid_request (response_type)');
    if (!(q.scope ?? '').split(' ').some((s) => READ_SCOPES.includes(s))) invalid('invalid_scope');
    if (!q.code_challenge || q.code_challenge_method !== 'S256') invalid('invalid_request (PKCE S256)');
    if (!q.state) invalid('invalid_request (state)');
    const back = new URLSearchParams({ state: q.state });
    if (consent === 'deny') back.set('error', 'access_denied');
    else {
      const code = opaque('4/0A');
      // A refresh token comes with the first consent, or with every one when prompt=consent asks again.
      const offline = q.access_type === 'offline' && (!consented || (q.prompt ?? '').split(' ').includes('consent'));
      codes.set(code, { redirectUri: q.redirect_uri, challenge: q.code_challenge, scope: q.scope, offline });
      consented = true;
      back.set('code', code);
      back.set('scope', q.scope);
    }
    return { status: 302, headers: { Location: `${redirect.origin}${redirect.pathname}?${back}` } };
  }

  function token(f: Record<string, string>, headers: IncomingHttpHeaders): Answer {
    if (!headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      refuse(oauthError(400, 'invalid_request', 'Invalid Content-Type.'));
    }
    if (f.client_id !== app.clientId) refuse(oauthError(401, 'invalid_client', 'The OAuth client was not found.'));
    if (f.client_secret !== app.clientSecret) refuse(oauthError(401, 'invalid_client', 'Unauthorized'));
    if (f.grant_type === 'refresh_token') {
      const held = refreshTokens.get(f.refresh_token ?? '');
      if (!held) refuse(oauthError(400, 'invalid_grant', 'Token has been expired or revoked.'));
      return { status: 200, json: issueAccessToken(held.scope, f.refresh_token) };
    }
    if (f.grant_type !== 'authorization_code') {
      refuse(oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${f.grant_type ?? ''}`));
    }
    const grant = codes.get(f.code ?? '') ?? refuse(oauthError(400, 'invalid_grant', 'Malformed auth code.'));
    if (f.redirect_uri !== grant.redirectUri) refuse(oauthError(400, 'redirect_uri_mismatch', 'Bad Request'));
    if (!f.code_verifier) refuse(oauthError(400, 'invalid_grant', 'Missing code verifier.'));
    const verified = base64urlSha256(f.code_verifier) === grant.challenge;
    if (!verified) refuse(oauthError(400, 'invalid_grant', 'Invalid code verifier.'));
    codes.delete(f.code); // single use
    const refreshToken = grant.offline ? opaque('1//0g') : undefined;
    if (refreshToken) refreshTokens.set(refreshToken, { scope: grant.scope });
    const tokens = issueAccessToken(grant.scope, refreshToken);
    return { status: 200, json: refreshToken ? { ...tokens, refresh_token: refreshToken } : tokens };
  }

  /** Either kind of token: revoking one revokes its refresh token and every access token issued from it. */
  function revoke(t: string | undefined): Answer {
    const access = accessTokens.get(t ?? '');
    const refreshToken = refreshTokens.has(t ?? '') ? t : access?.refreshToken;
    if (!access && !refreshToken) refuse(oauthError(400, 'invalid_token', 'Token expired or revoked'));
    accessTokens.delete(t ?? '');
    if (refreshToken) {
      refreshTokens.delete(refreshToken);
      for (const [k, v] of accessTokens) if (v.refreshToken === refreshToken) accessTokens.delete(k);
    }
    return { status: 200, json: {} };
  }

  return {
    /** Onair's OAuth client. */
    app,
    /** The answer to a request on one of the OAuth endpoints; undefined for any other request. */
    serve(
      method: string,
      path: string,
      q: Record<string, string>,
      form: Record<string, string>,
      headers: IncomingHttpHeaders,
    ): Answer | undefined {
      if (method === 'GET' && path === '/o/oauth2/v2/auth') return authorize(q);
      if (method === 'POST' && path === '/token') return token(form, headers);
      if (method === 'POST' && path === '/revoke') return revoke(q.token ?? form?.token);
      return undefined;
    },
    /** The scopes of a bearer token still in force; undefined when it is unknown, revoked or lapsed. */
    scopeOf(bearer: string): string | undefined {
      const held = accessTokens.get(bearer);
      return held && held.expiresAt > now() ? held.scope : undefined;
    },
    revokeAll() {
      refreshTokens.clear();
      accessTokens.clear();
    },
    expireAccessTokens() {
      for (const t of accessTokens.values()) t.expiresAt = 0;
    },
  };
}
