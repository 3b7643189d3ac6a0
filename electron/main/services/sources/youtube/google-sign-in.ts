/**
 * Google's OAuth flow for installed apps (developers.google.com/identity/protocols/oauth2/native-app): the
 * browser signs in on Google's page and comes back to a loopback listener on 127.0.0.1 with a random port,
 * with PKCE S256 and a `state` the listener checks. Any program on this machine can reach that listener,
 * so only one request counts: the redirect path with our `state` (a CSRF or injected-code guard; PKCE also
 * makes an intercepted code useless without our verifier). Tokens are never logged, and never put in a URL
 * or an error message.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { youtube_v3 } from '@googleapis/youtube';
import type { CodeChallengeMethod } from 'google-auth-library';
import type { BroadcastChoice } from '../../../../../shared/sources';
import { googleClients, googleEndpoints, type GoogleApp, type GoogleClients } from './google-client';
import { messageOf } from '../../../../../shared/error-message';

/** Reads and posts live chat, reads the broadcasts and their streams (each method's "Authorization"). */
const SCOPE = 'https://www.googleapis.com/auth/youtube.force-ssl';
const REDIRECT_PATH = '/oauth2/callback';
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

export interface SignedIn {
  refreshToken: string;
  /** The channel's title, as Google names it. */
  account: string;
  /** The account's live and upcoming broadcasts, live first. */
  broadcasts: BroadcastChoice[];
}

export interface GoogleSignIn {
  /** Open it in the browser. */
  authUrl: string;
  /** Settles within the timeout; rejects with a message the console can show as is. */
  done: Promise<SignedIn>;
  cancel(): void;
}

/** Google's words for why a request failed, without anything of the request (no token, code or secret). */
function googleSays(e: unknown): string {
  const data = (e as { response?: { data?: unknown } }).response?.data as
    { error?: string | { message?: string; errors?: { reason?: string }[] }; error_description?: string } | undefined;
  if (typeof data?.error === 'string')
    return data.error_description ? `${data.error}: ${data.error_description}` : data.error;
  if (data?.error?.message) {
    const reason = data.error.errors?.[0]?.reason;
    const text = data.error.message.replace(/<[^>]*>/g, '');
    return reason ? `${text} (${reason})` : text;
  }
  return messageOf(e);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function answerPage(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // The address bar still holds the code: no script, nothing loaded, no referrer that could carry it on.
    'Content-Security-Policy': "default-src 'none'",
    'Referrer-Policy': 'no-referrer',
  });
  res.end(`<!doctype html><meta charset="utf-8"><title>Onair</title><p>${escapeHtml(text)}</p>`);
}

function sameState(got: string | null, want: string): boolean {
  const a = Buffer.from(got ?? '');
  const b = Buffer.from(want);
  return a.length === b.length && timingSafeEqual(a, b);
}

function toChoice(b: youtube_v3.Schema$LiveBroadcast): BroadcastChoice {
  const start = Date.parse(b.snippet?.scheduledStartTime ?? '');
  return {
    id: b.id ?? '',
    title: b.snippet?.title ?? '',
    status: b.status?.lifeCycleStatus ?? '',
    ...(Number.isNaN(start) ? {} : { scheduledStart: start }),
  };
}

/**
 * A call to Google whose failure becomes an Error in Google's words only. The caught error is dropped, not
 * kept as `cause`: a GaxiosError carries its request (the code, the verifier, the client secret, the Bearer).
 */
async function askGoogle<T>(failure: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    // eslint-disable-next-line preserve-caught-error -- see above
    throw new Error(`${failure}: ${googleSays(e)}`);
  }
}

async function readAccount({ api: yt }: GoogleClients, refreshToken: string): Promise<SignedIn> {
  const channels = await askGoogle('Signed in, but Google did not answer with the YouTube channel', () =>
    yt.channels.list({ part: ['snippet'], mine: true }),
  );
  const account = channels.data.items?.[0]?.snippet?.title;
  if (!account) throw new Error('This Google account has no YouTube channel: sign in with the channel that streams');
  const list = (broadcastStatus: 'active' | 'upcoming') =>
    yt.liveBroadcasts.list({ part: ['snippet', 'status', 'contentDetails'], broadcastStatus, maxResults: 50 });
  const [active, upcoming] = await askGoogle('Signed in, but Google did not answer with the live broadcasts', () =>
    Promise.all([list('active'), list('upcoming')]),
  );
  const soonest = (a: BroadcastChoice, b: BroadcastChoice) =>
    (a.scheduledStart ?? Infinity) - (b.scheduledStart ?? Infinity);
  const broadcasts = [
    ...(active.data.items ?? []).map(toChoice),
    ...(upcoming.data.items ?? []).map(toChoice).sort(soonest),
  ];
  return { refreshToken, account, broadcasts };
}

export async function startGoogleSignIn(app: GoogleApp, o: { timeoutMs?: number } = {}): Promise<GoogleSignIn> {
  const server = createServer();
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ready);
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${REDIRECT_PATH}`;
  const google = await googleClients(app, { redirectUri });
  const client = google.auth;
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const state = randomBytes(32).toString('base64url');
  let settle: { resolve(v: SignedIn): void; reject(e: Error): void } | undefined;
  const done = new Promise<SignedIn>((resolve, reject) => (settle = { resolve, reject }));
  let browser: ServerResponse | undefined;

  function finish(outcome: SignedIn | Error): void {
    if (!settle) return;
    const { resolve, reject } = settle;
    settle = undefined;
    clearTimeout(timer);
    if (server.listening) server.close();
    if (outcome instanceof Error) reject(outcome);
    else resolve(outcome);
    if (!browser) return void server.closeAllConnections();
    const failed = outcome instanceof Error ? `Onair could not sign in: ${outcome.message}.` : undefined;
    browser.on('finish', () => server.closeAllConnections());
    answerPage(browser, failed ? 400 : 200, failed ?? 'Signed in to Onair — you can close this tab.');
  }

  async function exchange(code: string): Promise<SignedIn> {
    const { tokens } = await askGoogle('Google did not accept the sign-in', () =>
      client.getToken({ code, codeVerifier }),
    );
    client.setCredentials(tokens);
    const refreshToken = tokens.refresh_token;
    if (!refreshToken) throw new Error('Google issued no refresh token, so Onair could not stay signed in. Try again');
    return readAccount(google, refreshToken);
  }

  const timer = setTimeout(
    () => finish(new Error('Sign-in timed out: the browser did not come back to Onair. Start it again')),
    o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  );
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== REDIRECT_PATH) return answerPage(res, 404, 'Not found');
    if (browser || !sameState(url.searchParams.get('state'), state)) {
      return answerPage(res, 400, 'This is not the sign-in Onair is waiting for. Start it again from Onair.');
    }
    const code = url.searchParams.get('code');
    const error = url.searchParams.get('error');
    if (!code && !error) return answerPage(res, 400, 'Google sent no answer. Start the sign-in again from Onair.');
    browser = res; // the one callback: the page answers once the sign-in is through
    server.close();
    if (error === 'access_denied')
      finish(new Error('Sign-in cancelled: Onair was not allowed to use the YouTube account'));
    else if (error)
      finish(new Error(`Google refused the sign-in (${/^[a-z_]{1,64}$/.test(error) ? error : 'unknown error'})`));
    else void exchange(code ?? '').then(finish, finish);
  });

  const authUrl = client.generateAuthUrl({
    access_type: 'offline', // a refresh token, so Onair keeps reading the chat after the first hour
    prompt: 'consent', // Google issues a refresh token again only when it shows the consent screen again
    scope: [SCOPE],
    state,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256' as CodeChallengeMethod,
  });
  return { authUrl, done, cancel: () => finish(new Error('Sign-in cancelled')) };
}

/** Sign out: Google forgets the refresh token and every access token issued from it. */
export async function revokeGoogle(app: GoogleApp, refreshToken: string): Promise<void> {
  // POSTed as a form, not as `?token=` (what OAuth2Client.revokeToken sends): a URL ends up in errors and logs.
  let res: Response;
  try {
    res = await fetch(googleEndpoints(app.baseUrl).revokeUrl, {
      method: 'POST',
      body: new URLSearchParams({ token: refreshToken }),
    });
  } catch (e) {
    throw new Error(`Could not reach Google to sign out: ${messageOf(e)}`, { cause: e });
  }
  if (res.ok) return;
  const data = (await res.json().catch(() => undefined)) as { error?: unknown } | undefined;
  const error = typeof data?.error === 'string' ? data.error : undefined;
  // Already revoked (e.g. from the Google account's settings): signed out all the same.
  if (error === 'invalid_token') return;
  throw new Error(`Google did not sign Onair out (${res.status}${error ? ` ${error}` : ''})`);
}
