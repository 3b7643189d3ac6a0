import { describe, expect, it } from 'vitest';
import { needsNewToken, readTokenAnswer, requestToken } from './zoom-oauth';

const ASKED = 1_760_000_000_000;
const answer = (status: number, body: unknown, retryAfter: string | null = null) => ({
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  retryAfter,
});

describe("Zoom's token endpoint, understood", () => {
  it('takes a token, its lifetime counted from when it was asked for', () => {
    const body = { access_token: 'eyJ.t', token_type: 'bearer', expires_in: 3599, scope: 'webinar:read:admin' };
    expect(readTokenAnswer(answer(200, body), ASKED)).toEqual({
      ok: true,
      token: { value: 'eyJ.t', expiresAt: ASKED + 3_599_000 },
    });
  });

  it('refuses for good wrong credentials, naming what to check and what Zoom said', () => {
    const r = readTokenAnswer(
      answer(400, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' }),
      ASKED,
    );
    expect(r).toEqual({
      ok: false,
      refused: true,
      reason:
        "Zoom refused the app's credentials: check the account id, client id and secret (Zoom: Invalid client_id or client_secret)",
    });
    expect(readTokenAnswer(answer(401, ''), ASKED)).toMatchObject({ ok: false, refused: true });
  });

  it("keeps a 429's Retry-After, and lets a server error or an answer it cannot read be tried again", () => {
    expect(readTokenAnswer(answer(429, { code: 429, message: 'Too many requests' }, '20'), ASKED)).toEqual({
      ok: false,
      refused: false,
      reason: "Zoom's token endpoint asks Onair to slow down (429) (Zoom: Too many requests)",
      retryAfterMs: 20_000,
    });
    expect(readTokenAnswer(answer(503, '<html>'), ASKED)).toEqual({
      ok: false,
      refused: false,
      reason: "Zoom's token endpoint answered 503",
    });
    expect(readTokenAnswer(answer(200, { token_type: 'bearer' }), ASKED)).toMatchObject({
      ok: false,
      refused: false,
      reason: /not understood \(access_token/,
    });
  });

  it('asks for a new token when none is held or the one held expires within 5 minutes', () => {
    expect(needsNewToken(undefined, ASKED)).toBe(true);
    expect(needsNewToken({ value: 't', expiresAt: ASKED + 5 * 60_000 + 1 }, ASKED)).toBe(false);
    expect(needsNewToken({ value: 't', expiresAt: ASKED + 5 * 60_000 }, ASKED)).toBe(true);
  });

  it('does not call Zoom without a client secret', async () => {
    const r = await requestToken({ accountId: 'a', clientId: 'c' }, 'http://127.0.0.1:9/oauth/token', {
      askedAt: ASKED,
    });
    expect(r).toMatchObject({ ok: false, refused: true, reason: /no client secret/ });
  });
});
