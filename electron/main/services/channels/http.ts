/**
 * One fetch wrapper for every HTTP channel: timeout, caller abort, no redirects (a redirect could carry an
 * Authorization header or a token-bearing body to another host), status → retryable classification, Retry-After,
 * and error messages that name only the host.
 */
import type { ChannelId } from '../../../../shared/channels';
import { ChannelError, DEFAULT_TIMEOUT_MS, type Credentials } from './channel-adapter';
import { hostOf, peerMessage } from './redact';

export interface HttpRequest {
  channel: ChannelId;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Every value here is scrubbed from peer text that ends up in an error. */
  creds: Credentials;
  /** Allow plain http to non-loopback hosts (only for requests that carry no credentials). */
  allowInsecure?: boolean;
  /** Platform-specific override of the default status classification (e.g. Graph error codes). */
  classify?: (status: number, json: unknown) => { retryable?: boolean; message?: string } | undefined;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A 4xx other than 408/429 means the request itself is wrong; everything else may pass later. */
function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** Retry-After as delta-seconds or an HTTP date → ms from `now`; undefined when absent or unparseable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The error text platforms put in their JSON bodies (X, LinkedIn, Graph, Discord, generic `{message}`). */
function extractPeerError(json: unknown, text: string): string {
  const candidates = [
    field(field(json, 'error'), 'message'),
    field(json, 'detail'),
    field(json, 'message'),
    field(json, 'title'),
    field(field(field(json, 'errors'), 0), 'message'),
    field(json, 'error'),
  ];
  const hit = candidates.find((c): c is string => typeof c === 'string' && c !== '');
  if (hit) return hit;
  return /^\s*</.test(text) ? '' : text; // skip HTML error pages
}

/** `value[key]` when `value` is an object or array, else undefined: a peer's JSON can have any shape. */
function field(value: unknown, key: string | number): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
}

function validateUrl(req: HttpRequest): URL {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    throw new ChannelError(`${req.channel}: endpoint is not a valid URL`, false);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && (req.allowInsecure || LOOPBACK.has(url.hostname))) return url;
  throw new ChannelError(`${req.channel}: refusing to send to ${url.protocol}//${url.host} (https required)`, false);
}

export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const url = validateUrl(req);
  const host = url.host;
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: req.method ?? 'POST',
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal,
    });
    text = await res.text();
  } catch (err) {
    if (timeout.aborted) throw new ChannelError(`${req.channel}: ${host} did not answer within ${timeoutMs} ms`, true);
    if (req.signal?.aborted) throw new ChannelError(`${req.channel}: request to ${host} was aborted`, true);
    const code = (err as { cause?: { code?: string } })?.cause?.code;
    throw new ChannelError(`${req.channel}: network error contacting ${host}${code ? ` (${code})` : ''}`, true);
  }
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.status >= 200 && res.status < 300) return { status: res.status, headers: res.headers, text, json };

  const override = req.classify?.(res.status, json);
  const detail = peerMessage(override?.message ?? extractPeerError(json, text), req.creds);
  const retryable =
    override?.retryable ?? (res.status >= 300 && res.status < 400 ? false : isRetryableStatus(res.status));
  const what = res.status >= 300 && res.status < 400 ? 'unexpected redirect' : `HTTP ${res.status}`;
  throw new ChannelError(
    `${req.channel}: ${what} from ${host}${detail ? `: ${detail}` : ''}`,
    retryable,
    res.status,
    retryable ? retryAfterOf(res, json) : undefined,
  );
}

/** Retry-After, then X's x-rate-limit-reset (epoch seconds), then Discord's JSON retry_after (seconds). */
function retryAfterOf(res: Response, json: unknown): number | undefined {
  const header = parseRetryAfter(res.headers.get('retry-after'));
  if (header !== undefined) return header;
  const reset = Number(res.headers.get('x-rate-limit-reset'));
  if (res.status === 429 && reset > 0) return Math.max(0, reset * 1000 - Date.now());
  const body = (json as { retry_after?: unknown } | undefined)?.retry_after;
  return typeof body === 'number' ? Math.round(body * 1000) : undefined;
}

/** A missing credential is a configuration error: not retryable, names the field never the value. */
export function requireCreds<K extends string>(
  channel: ChannelId,
  creds: Credentials,
  keys: readonly K[],
): Record<K, string> {
  const missing = keys.filter((k) => !creds[k]?.trim());
  if (missing.length) throw new ChannelError(`${channel}: missing credential ${missing.join(', ')}`, false);
  return Object.fromEntries(keys.map((k) => [k, creds[k].trim()])) as Record<K, string>;
}

/** testConnection never throws: run a probe and turn a ChannelError into `{ ok: false }`. */
export async function probe(run: () => Promise<string>): Promise<{ ok: boolean; detail: string }> {
  try {
    return { ok: true, detail: await run() };
  } catch (err) {
    return { ok: false, detail: err instanceof ChannelError ? err.message : 'unexpected error' };
  }
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

export { hostOf };
