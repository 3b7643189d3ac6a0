/**
 * Server-to-Server OAuth as Zoom documents it: `POST {tokenUrl}?grant_type=account_credentials&account_id=…`
 * with the app's client id and secret as Basic auth, answered `{access_token, token_type, expires_in, scope}`.
 * There is no refresh token: Onair asks for a new one, and Zoom lets several be valid at once.
 */
import { z } from 'zod';
import { parseWith } from '../../../../../shared/schemas';
import type { EpochMs } from '../../../../../shared/types';
import { parseRetryAfter } from '../../channels/http';
import { callZoom, jsonOf, zoomSays } from './zoom-http';

export interface ZoomApp {
  accountId: string;
  clientId: string;
  clientSecret?: string;
}

export interface AccessToken {
  value: string;
  expiresAt: EpochMs;
}

export type TokenOutcome =
  | { ok: true; token: AccessToken }
  /** `refused`: the credentials are wrong, and asking again cannot help. */
  | { ok: false; refused: true; reason: string }
  | { ok: false; refused: false; reason: string; retryAfterMs?: number };

/** A token this close to its expiry is replaced before a (re)connect: no socket opens on one about to lapse. */
const RENEW_AHEAD_MS = 5 * 60_000;

export const needsNewToken = (t: AccessToken | undefined, now: EpochMs): boolean =>
  !t || t.expiresAt - now <= RENEW_AHEAD_MS;

const CREDENTIALS_REFUSED = "Zoom refused the app's credentials: check the account id, client id and secret";

const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
});

/** The token endpoint's answer, asked for at `askedAt` (its lifetime counts from then: on the safe side). */
export function readTokenAnswer(
  a: { status: number; body: string; retryAfter: string | null },
  askedAt: EpochMs,
): TokenOutcome {
  if (a.status === 200) {
    const r = parseWith(tokenAnswerSchema, jsonOf(a.body));
    if (!r.ok) return { ok: false, refused: false, reason: `Zoom's token answer is not understood (${r.reason})` };
    return { ok: true, token: { value: r.value.access_token, expiresAt: askedAt + r.value.expires_in * 1000 } };
  }
  if (a.status === 429)
    return {
      ok: false,
      refused: false,
      reason: `Zoom's token endpoint asks Onair to slow down (429)${zoomSays(a.body)}`,
      // An HTTP date is wall time, whatever clock the source runs on.
      retryAfterMs: parseRetryAfter(a.retryAfter),
    };
  // invalid_client (wrong id or secret), a wrong account id, a deactivated app: the same answer next time.
  if (a.status === 400 || a.status === 401 || a.status === 403)
    return { ok: false, refused: true, reason: `${CREDENTIALS_REFUSED}${zoomSays(a.body)}` };
  return { ok: false, refused: false, reason: `Zoom's token endpoint answered ${a.status}${zoomSays(a.body)}` };
}

export async function requestToken(
  app: ZoomApp,
  tokenUrl: string,
  o: { askedAt: EpochMs; signal?: AbortSignal },
): Promise<TokenOutcome> {
  if (!app.clientSecret)
    return { ok: false, refused: true, reason: "no client secret is set for the Zoom app: enter the app's secret" };
  const url = new URL(tokenUrl);
  url.searchParams.set('grant_type', 'account_credentials');
  url.searchParams.set('account_id', app.accountId);
  const basic = Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64');
  const a = await callZoom(url.href, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}` },
    signal: o.signal,
  });
  if (!a.ok) return { ok: false, refused: false, reason: a.reason };
  return readTokenAnswer({ status: a.status, body: a.body, retryAfter: a.headers.get('retry-after') }, o.askedAt);
}
