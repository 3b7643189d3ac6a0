/**
 * What a failed Google call means for the watching: signed out for good (a revoked or expired refresh token:
 * stop, the producer signs in again), the day's quota gone (wait for the reset), slowed down (honour
 * Retry-After), the chat over, the broadcast gone, or something passing (retry with backoff). The reasons
 * are Google's own, from the error body (developers.google.com/youtube/v3/docs/errors).
 */
export type YoutubeFailure =
  | { kind: 'signed-out'; message: string }
  | { kind: 'quota'; message: string }
  | { kind: 'rate'; message: string; retryAfterMs?: number }
  | { kind: 'chat-ended'; message: string }
  | { kind: 'not-found'; message: string }
  | { kind: 'refused'; message: string }
  | { kind: 'transient'; message: string; answered: boolean };

interface ErrorBody {
  error?: string | { code?: number; message?: string; errors?: { reason?: string; message?: string }[] };
  error_description?: string;
}

interface HttpishError {
  message?: string;
  status?: number;
  response?: { status?: number; data?: unknown; headers?: unknown };
}

function retryAfterMs(headers: unknown): number | undefined {
  const raw =
    headers && typeof (headers as Headers).get === 'function'
      ? (headers as Headers).get('retry-after')
      : ((headers as Record<string, string> | undefined)?.['retry-after'] ?? null);
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'rateLimited']);
const SIGNED_OUT = 'Google refused the sign-in (it was revoked or has expired): sign in again';

export function classifyYoutubeError(err: unknown): YoutubeFailure {
  const e = (err ?? {}) as HttpishError;
  const status = e.response?.status ?? e.status;
  const body = (e.response?.data ?? {}) as ErrorBody;
  // The token endpoint's OAuth error ("invalid_grant"), or the Data API's structured error.
  const oauthError = typeof body.error === 'string' ? body.error : undefined;
  const apiError = typeof body.error === 'object' ? body.error : undefined;
  const reason = apiError?.errors?.[0]?.reason;
  const said = apiError?.message ?? body.error_description ?? e.message ?? 'unknown error';
  const message = `YouTube: ${said}${status ? ` (HTTP ${status})` : ''}`;
  if (oauthError === 'invalid_grant' || oauthError === 'unauthorized_client' || status === 401)
    return { kind: 'signed-out', message: SIGNED_OUT };
  if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded') return { kind: 'quota', message };
  if (status === 429 || RATE_REASONS.has(reason ?? ''))
    return { kind: 'rate', message, retryAfterMs: retryAfterMs(e.response?.headers) };
  if (reason === 'liveChatEnded' || reason === 'liveChatDisabled') return { kind: 'chat-ended', message };
  if (status === 404) return { kind: 'not-found', message };
  if (status !== undefined && status >= 400 && status < 500) return { kind: 'refused', message };
  return { kind: 'transient', message, answered: status !== undefined };
}
