/** One HTTP call to Zoom, bounded in time; a network failure comes back as a readable reason, never thrown. */
import { messageOf } from '../../../../../shared/error-message';

export type ZoomAnswer = { ok: true; status: number; headers: Headers; body: string } | { ok: false; reason: string };

const TIMEOUT_MS = 10_000;

/** fetch fails with "fetch failed" and the reason in its cause: a system error's code, or undici's message. */
const causeOf = (err: unknown): string => {
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string' && /^E[A-Z]+$/.test(cause.code)) return cause.code;
  if (typeof cause?.message === 'string' && cause.message) return cause.message;
  return messageOf(err);
};

/** `signal` aborts it early (the source stopped); the timeout is Zoom not answering. */
export async function callZoom(url: string, init: RequestInit & { signal?: AbortSignal }): Promise<ZoomAnswer> {
  const host = new URL(url).host;
  const signals = [AbortSignal.timeout(TIMEOUT_MS), ...(init.signal ? [init.signal] : [])];
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.any(signals) });
    return { ok: true, status: res.status, headers: res.headers, body: await res.text() };
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError')
      return { ok: false, reason: `Zoom did not answer within ${TIMEOUT_MS / 1000} s (${host})` };
    return { ok: false, reason: `Zoom is unreachable (${host}: ${causeOf(err)})` };
  }
}

/** A body as JSON, or undefined when it is not JSON. */
export function jsonOf(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** What Zoom said in an error body, as " (Zoom: …)": `{code, message}` from the API, `{reason, error}` from OAuth. */
export function zoomSays(body: string): string {
  const json = jsonOf(body);
  if (typeof json !== 'object' || json === null) return '';
  const { message, reason, error } = json as Record<string, unknown>;
  const text = [message, reason, error].find((t) => typeof t === 'string' && t);
  return typeof text === 'string' ? ` (Zoom: ${text.slice(0, 300)})` : '';
}
