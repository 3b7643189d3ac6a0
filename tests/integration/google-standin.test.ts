/**
 * The Google stand-in's own logic, where a mistake would make the YouTube tests pass against a Google that
 * does not exist: PKCE verification and single-use codes, chat paging (no repeats, no gaps), quota units and
 * the documented error bodies. Plain fetch, so nothing of Onair's is in the way.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startGoogleStandIn, type GoogleStandIn } from '../support/google-standin';

const REDIRECT = 'http://127.0.0.1:9/callback';
const stands: GoogleStandIn[] = [];
afterEach(async () => Promise.all(stands.splice(0).map((s) => s.close())));

async function standIn(opts?: Parameters<typeof startGoogleStandIn>[0]) {
  const g = await startGoogleStandIn(opts);
  stands.push(g);
  return g;
}

function authUrl(g: GoogleStandIn, challenge: string, extra: Record<string, string> = {}) {
  const q = new URLSearchParams({
    client_id: g.app.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'https://www.googleapis.com/auth/youtube.force-ssl',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'st-1',
    access_type: 'offline',
    prompt: 'consent',
    ...extra,
  });
  return `${g.baseUrl}/o/oauth2/v2/auth?${q}`;
}

const exchange = (g: GoogleStandIn, fields: Record<string, string>) =>
  fetch(`${g.baseUrl}/token`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: g.app.clientId, client_secret: g.app.clientSecret, ...fields }),
  });

/** The browser's part: the consent page answers with a redirect carrying the code. */
async function consent(g: GoogleStandIn, challenge: string) {
  const res = await fetch(authUrl(g, challenge), { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

async function signedIn(g: GoogleStandIn): Promise<{ access_token: string; refresh_token: string }> {
  const verifier = randomBytes(48).toString('base64url');
  const back = await consent(g, createHash('sha256').update(verifier).digest('base64url'));
  const res = await exchange(g, {
    grant_type: 'authorization_code',
    code: back.searchParams.get('code') ?? '',
    code_verifier: verifier,
    redirect_uri: REDIRECT,
  });
  return (await res.json()) as { access_token: string; refresh_token: string };
}

const api = (g: GoogleStandIn, token: string, path: string, init?: RequestInit) =>
  fetch(`${g.baseUrl}/youtube/v3/${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...init?.headers },
  });

async function page(g: GoogleStandIn, token: string, q: Record<string, string>) {
  const res = await api(g, token, `liveChat/messages?${new URLSearchParams({ part: 'snippet,authorDetails', ...q })}`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    nextPageToken: string;
    pollingIntervalMillis: number;
    items: { id: string; snippet: { displayMessage: string }; authorDetails: { isChatOwner: boolean } }[];
  };
}

describe('Google stand-in', () => {
  it('checks PKCE: a code buys tokens only with the verifier behind its S256 challenge, and only once', async () => {
    const g = await standIn();
    const verifier = randomBytes(48).toString('base64url');
    const back = await consent(g, createHash('sha256').update(verifier).digest('base64url'));
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('st-1');
    const code = back.searchParams.get('code') ?? '';
    const fields = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT };

    const wrong = await exchange(g, { ...fields, code_verifier: `${verifier}x` });
    expect([wrong.status, await wrong.json()]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'Invalid code verifier.' },
    ]);
    const right = await exchange(g, { ...fields, code_verifier: verifier });
    expect(await right.json()).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3599,
      refresh_token: expect.any(String),
    });
    const again = await exchange(g, { ...fields, code_verifier: verifier });
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a sign-in without a loopback redirect or without PKCE, on its own page', async () => {
    const g = await standIn();
    const refusals: Record<string, string>[] = [
      { redirect_uri: 'http://evil.example/cb' },
      { code_challenge_method: 'plain' },
      { state: '' },
    ];
    for (const extra of refusals) {
      const res = await fetch(authUrl(g, 'c'.repeat(43), extra), { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
  });

  it('pages the chat with tokens: every message once, in order, the owner’s posts included', async () => {
    const g = await standIn({ pollingIntervalMillis: 3500 });
    const { access_token: token } = await signedIn(g);
    const liveChatId = g.broadcasts[0].liveChatId ?? '';
    g.addChat([{ author: 'giulia.r', text: 'non si sente' }]);
    const first = await page(g, token, { liveChatId });
    expect(first.items.map((m) => m.snippet.displayMessage)).toEqual(['non si sente']);
    expect(first.pollingIntervalMillis).toBe(3500);

    g.addChat(Array.from({ length: 250 }, (_, i) => ({ author: `viewer${i}`, text: `m${i}` })));
    const posted = await api(g, token, 'liveChat/messages?part=snippet', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        snippet: { liveChatId, type: 'textMessageEvent', textMessageDetails: { messageText: 'We are on it' } },
      }),
    });
    expect(posted.status).toBe(200);

    const seen: string[] = [];
    let at = first.nextPageToken;
    for (let i = 0; i < 3; i++) {
      const next = await page(g, token, { liveChatId, pageToken: at, maxResults: '200' });
      seen.push(...next.items.map((m) => m.snippet.displayMessage));
      at = next.nextPageToken;
    }
    expect(seen).toEqual([...Array.from({ length: 250 }, (_, i) => `m${i}`), 'We are on it']);
    const last = await page(g, token, { liveChatId, pageToken: first.nextPageToken, maxResults: '2000' });
    expect(last.items.at(-1)?.authorDetails.isChatOwner).toBe(true);
  });

  it('charges the documented units and answers quotaExceeded once the day’s quota is spent', async () => {
    const g = await standIn({ dailyQuota: 25 });
    const { access_token: token } = await signedIn(g);
    const liveChatId = g.broadcasts[0].liveChatId ?? '';
    await api(g, token, 'channels?part=snippet&mine=true');
    await api(g, token, 'liveBroadcasts?part=snippet&broadcastStatus=active');
    await api(g, token, 'liveStreams?part=status&id=s-1');
    await page(g, token, { liveChatId });
    expect(g.quotaUsed).toBe(1 + 1 + 1 + 5);

    const refused = await api(g, token, 'liveChat/messages?part=snippet', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        snippet: { liveChatId, type: 'textMessageEvent', textMessageDetails: { messageText: 'x' } },
      }),
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      error: { code: 403, errors: [{ domain: 'youtube.quota', reason: 'quotaExceeded' }] },
    });
    expect(g.posted).toEqual([]);
    g.resetQuota();
    expect((await api(g, token, 'channels?part=snippet&mine=true')).status).toBe(200);
  });

  it('answers as Google does: missing parameters, a lapsed or revoked token, an ended chat, injected failures', async () => {
    const g = await standIn();
    const { access_token: token, refresh_token: refresh } = await signedIn(g);
    const liveChatId = g.broadcasts[0].liveChatId ?? '';
    const reason = async (res: Response) => [
      res.status,
      ((await res.json()) as { error: { errors: { reason: string }[] } }).error.errors[0].reason,
    ];

    expect(await reason(await api(g, token, 'liveBroadcasts?broadcastStatus=active'))).toEqual([
      400,
      'missingRequiredParameter',
    ]);
    expect(await reason(await api(g, token, 'liveBroadcasts?part=id'))).toEqual([400, 'missingRequiredParameter']);
    expect(await reason(await fetch(`${g.baseUrl}/youtube/v3/channels?part=snippet&mine=true`))).toEqual([
      401,
      'required',
    ]);

    g.failNext('/youtube/v3/liveChat/messages', { status: 429, retryAfter: 7 });
    const limited = await api(g, token, `liveChat/messages?part=snippet&liveChatId=${liveChatId}`);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '7']);

    g.endChat(liveChatId);
    expect(await reason(await api(g, token, `liveChat/messages?part=snippet&liveChatId=${liveChatId}`))).toEqual([
      403,
      'liveChatEnded',
    ]);
    g.endChat(liveChatId, 'deleted');
    expect(await reason(await api(g, token, `liveChat/messages?part=snippet&liveChatId=${liveChatId}`))).toEqual([
      404,
      'liveChatNotFound',
    ]);

    g.expireAccessTokens();
    expect(await reason(await api(g, token, 'channels?part=snippet&mine=true'))).toEqual([401, 'authError']);
    const renewed = await exchange(g, { grant_type: 'refresh_token', refresh_token: refresh });
    expect(renewed.status).toBe(200);

    g.revokeAll();
    const refused = await exchange(g, { grant_type: 'refresh_token', refresh_token: refresh });
    expect([refused.status, await refused.json()]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    ]);
  });
});
