/**
 * Signing in to YouTube with Google's flow for installed apps, against the Google stand-in on 127.0.0.1.
 * The test plays the browser: it opens the auth URL, gets Google's redirect and follows it to Onair's
 * loopback listener. Every request Onair made is checked against what Google documents.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { googleClients } from '../../electron/main/services/sources/youtube/google-client';
import {
  revokeGoogle,
  startGoogleSignIn,
  type GoogleSignIn,
} from '../../electron/main/services/sources/youtube/google-sign-in';
import { startGoogleStandIn, type GoogleStandIn, type StandInOptions } from '../support/google-standin';
import { refusedUrl } from '../support/http-peer';

const stands: GoogleStandIn[] = [];
const flows: GoogleSignIn[] = [];
afterEach(async () => {
  for (const f of flows.splice(0)) f.cancel();
  await Promise.all(stands.splice(0).map((s) => s.close()));
});

async function setUp(opts?: StandInOptions, timeoutMs?: number) {
  const g = await startGoogleStandIn(opts);
  stands.push(g);
  const signIn = await startGoogleSignIn(g.app, { timeoutMs });
  flows.push(signIn);
  signIn.done.catch(() => undefined); // each test awaits the outcome it expects
  return { g, signIn };
}

/** The browser: Google's consent page redirects it to Onair's listener, which answers with a small page. */
async function browse(signIn: GoogleSignIn) {
  const consent = await fetch(signIn.authUrl, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const callback = new URL(consent.headers.get('location') ?? '');
  const page = await fetch(callback);
  return { callback, status: page.status, text: await page.text() };
}

const isListening = (url: string) =>
  fetch(url).then(
    () => true,
    () => false,
  );

describe('Google sign-in', () => {
  it('signs in end to end: PKCE, state, the code exchange, then the channel and its broadcasts', async () => {
    const { g, signIn } = await setUp();
    const auth = new URL(signIn.authUrl);
    expect(auth.origin + auth.pathname).toBe(`${g.baseUrl}/o/oauth2/v2/auth`);
    const q = Object.fromEntries(auth.searchParams);
    expect(q).toEqual({
      client_id: g.app.clientId,
      redirect_uri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/callback$/),
      response_type: 'code',
      scope: 'https://www.googleapis.com/auth/youtube.force-ssl',
      access_type: 'offline',
      prompt: 'consent',
      state: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });

    const { callback, status, text } = await browse(signIn);
    expect(callback.origin + callback.pathname).toBe(q.redirect_uri);
    expect([status, text]).toEqual([200, expect.stringContaining('Signed in to Onair — you can close this tab')]);
    const signedIn = await signIn.done;
    expect(signedIn).toEqual({
      refreshToken: expect.stringMatching(/^1\/\/0g/),
      account: 'Onair Live Events',
      broadcasts: [
        { id: 'bc-live', title: 'Launch webinar: Suite 2027', status: 'live', scheduledStart: expect.any(Number) },
        { id: 'bc-next', title: 'Quarterly results', status: 'ready', scheduledStart: expect.any(Number) },
      ],
    });
    expect(signedIn.broadcasts[0].scheduledStart).toBe(Date.parse(g.broadcasts[0].scheduledStartTime));

    const [exchange, ...rest] = g.requests.filter((r) => r.path !== '/o/oauth2/v2/auth');
    expect(exchange).toMatchObject({ method: 'POST', path: '/token' });
    expect(exchange.body).toEqual({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code'),
      code_verifier: expect.stringMatching(/^[\w~.-]{43,128}$/),
      redirect_uri: q.redirect_uri,
      client_id: g.app.clientId,
      client_secret: g.app.clientSecret,
    });
    expect(createHash('sha256').update(exchange.body.code_verifier).digest('base64url')).toBe(q.code_challenge);

    const calls = rest.map((r) => `${r.method} ${r.path} ${new URLSearchParams(r.query)}`).sort();
    const broadcasts = 'GET /youtube/v3/liveBroadcasts part=snippet%2Cstatus%2CcontentDetails&broadcastStatus';
    expect(calls).toEqual([
      'GET /youtube/v3/channels part=snippet&mine=true',
      `${broadcasts}=active&maxResults=50`,
      `${broadcasts}=upcoming&maxResults=50`,
    ]);
    const bearers = new Set(rest.map((r) => r.headers.authorization));
    expect([...bearers]).toEqual([expect.stringMatching(/^Bearer ya29\./)]);
    expect(g.quotaUsed).toBe(3);
    expect(await isListening(q.redirect_uri)).toBe(false);
  });

  it('rejects when the user refuses the consent screen, and exchanges nothing', async () => {
    const { g, signIn } = await setUp({ consent: 'deny' });
    const { callback, status, text } = await browse(signIn);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect([status, text]).toEqual([400, expect.stringContaining('not allowed to use the YouTube account')]);
    await expect(signIn.done).rejects.toThrow('Sign-in cancelled: Onair was not allowed to use the YouTube account');
    expect(g.requests.map((r) => r.path)).toEqual(['/o/oauth2/v2/auth']);
  });

  it('ignores a callback with another state, or on another path, and waits for the real one', async () => {
    const { g, signIn } = await setUp();
    const redirect = new URL(signIn.authUrl).searchParams.get('redirect_uri') ?? '';
    const forged = await fetch(`${redirect}?code=4/0Aforged&state=${'x'.repeat(43)}`);
    const elsewhere = await fetch(new URL('/favicon.ico', redirect));
    expect([forged.status, elsewhere.status]).toEqual([400, 404]);

    expect((await browse(signIn)).status).toBe(200);
    await expect(signIn.done).resolves.toMatchObject({ account: 'Onair Live Events' });
    expect(g.requests.filter((r) => r.path === '/token').map((r) => r.body.code)).not.toContain('4/0Aforged');
  });

  it('stops listening when cancelled, or when the browser never comes back', async () => {
    const { signIn } = await setUp();
    signIn.cancel();
    await expect(signIn.done).rejects.toThrow('Sign-in cancelled');
    expect(await isListening(new URL(signIn.authUrl).searchParams.get('redirect_uri') ?? '')).toBe(false);

    const late = await setUp(undefined, 30);
    await expect(late.signIn.done).rejects.toThrow('Sign-in timed out: the browser did not come back to Onair');
    expect(await isListening(new URL(late.signIn.authUrl).searchParams.get('redirect_uri') ?? '')).toBe(false);
  });

  it('rejects when Google issues no refresh token, or cannot answer with the channel', async () => {
    const { g, signIn } = await setUp();
    g.failNext('/token', { status: 200, body: { access_token: 'ya29.x', expires_in: 3599, token_type: 'Bearer' } });
    expect(await browse(signIn)).toMatchObject({ status: 400, text: expect.stringContaining('no refresh token') });
    await expect(signIn.done).rejects.toThrow('Google issued no refresh token');

    const spent = await setUp();
    spent.g.exhaustQuota();
    await browse(spent.signIn);
    await expect(spent.signIn.done).rejects.toThrow(
      'Signed in, but Google did not answer with the YouTube channel: The request cannot be completed because you have exceeded your quota. (quotaExceeded)',
    );
  });

  it('signs out: the refresh token is revoked (sent as a form, not in the URL) and refreshing answers invalid_grant', async () => {
    const { g, signIn } = await setUp();
    await browse(signIn);
    const { refreshToken } = await signIn.done;
    await revokeGoogle(g.app, refreshToken);
    expect(g.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/revoke',
      query: {},
      body: { token: refreshToken },
    });

    const { auth } = await googleClients(g.app, { refreshToken });
    await expect(auth.getAccessToken()).rejects.toMatchObject({
      response: {
        status: 400,
        data: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
      },
    });
    await expect(revokeGoogle(g.app, refreshToken)).resolves.toBeUndefined(); // already gone: signed out all the same
  });

  it('reports a sign-out that did not reach Google or that Google refused', async () => {
    const { g } = await setUp();
    await expect(revokeGoogle({ ...g.app, baseUrl: await refusedUrl() }, '1//0gtoken')).rejects.toThrow(
      'Could not reach Google to sign out',
    );
    g.failNext('/revoke', { status: 503 });
    await expect(revokeGoogle(g.app, '1//0gtoken')).rejects.toThrow('Google did not sign Onair out (503)');
  });
});
