/**
 * One HTTP client for every HTTP channel: timeouts, caller abort, no redirects (a redirect could carry an
 * Authorization header or a token-bearing body to another host), status → retryable classification,
 * Retry-After, and error messages that name only the host.
 *
 * It tells two failures apart that look alike from far away. Until the connection is up (TLS handshake
 * included) nothing has left, so a refused connection, a DNS or TLS error or a connect timeout is safe to
 * retry. Once it is up the request is on its way: a timeout, a reset or an answer cut off after that means
 * the platform may have published the post without telling us (ChannelError.maybeDelivered), and only a
 * platform that recognises our key can be asked again. Each request gets its own connection (no keep-alive
 * pool), so "connected" always means "this request is out" and never "an idle pooled socket went stale".
 * Node's http module rather than fetch, because fetch does not say whether the request got out.
 */
import { request as plainRequest, type IncomingMessage } from 'node:http';
import { request as tlsRequest } from 'node:https';
import { CHANNEL_SPECS, type ChannelId } from '../../../../shared/channels';
import type { Clock, Disposable } from '../../../../shared/clock';
import { systemClock } from '../clock';
import {
  ChannelError,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  type AdapterOptions,
  type Credentials,
} from './channel-adapter';
import { hostOf, peerMessage } from './redact';

export interface HttpRequest {
  channel: ChannelId;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Wait for the answer once the request is out (default 60 s); past it the outcome is unknown. */
  timeoutMs?: number;
  /** Wait for the connection (default 10 s); nothing is sent before it is up. */
  connectTimeoutMs?: number;
  /** Runs both timeouts (default: the system clock). */
  clock?: Clock;
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

/** A peer's answer is read up to this; the rest is dropped (we only need a status, an id or an error text). */
const MAX_ANSWER_BYTES = 1 << 20;

interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The connection closed before the answer was complete. */
  cutOff: boolean;
}

/** One request on its own connection; rejects with a ChannelError that says whether the request got out. */
function exchange(url: URL, req: HttpRequest): Promise<RawAnswer> {
  const host = url.host;
  const clock = req.clock ?? systemClock;
  const connectMs = req.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const answerMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const body = req.body ?? '';
  return new Promise<RawAnswer>((resolve, reject) => {
    let out = false; // the connection is up, so the request is on its way
    let settled = false;
    let timer: Disposable | undefined;
    const notSent = (what: string) => new ChannelError(`${req.channel}: ${what}`, true);
    const unknown = (what: string) => ChannelError.maybeDelivered(`${req.channel}: ${what}`);
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      timer?.dispose();
      req.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const fail = (err: ChannelError) =>
      settle(() => {
        request.destroy();
        reject(err);
      });
    const onAbort = () =>
      fail(
        out ? unknown(`request to ${host} was aborted after it was sent`) : notSent(`request to ${host} was aborted`),
      );
    const arm = (ms: number, onExpire: () => void) => {
      timer?.dispose();
      timer = clock.setTimer(ms, onExpire);
    };

    const request = (url.protocol === 'https:' ? tlsRequest : plainRequest)(url, {
      method: req.method ?? 'POST',
      headers: {
        Accept: '*/*',
        'User-Agent': 'Onair',
        ...req.headers,
        ...(req.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }),
      },
      agent: false,
    });
    arm(connectMs, () => fail(notSent(`could not connect to ${host} within ${connectMs} ms`)));
    request.once('socket', (socket) => {
      const up = () => {
        out = true;
        arm(answerMs, () => fail(unknown(`${host} did not answer within ${answerMs} ms`)));
      };
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', up);
    });
    request.once('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < MAX_ANSWER_BYTES) chunks.push(c.subarray(0, MAX_ANSWER_BYTES - size));
        size += c.length;
      });
      const done = (cutOff: boolean) =>
        settle(() =>
          resolve({
            status: res.statusCode ?? 0,
            headers: headersOf(res),
            text: Buffer.concat(chunks).toString('utf8'),
            cutOff,
          }),
        );
      res.once('end', () => done(false));
      res.once('error', () => done(true));
      res.once('close', () => done(!res.complete));
    });
    request.once('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code ? ` (${code})` : '';
      fail(
        out
          ? unknown(`${host} closed the connection before answering${why}`)
          : notSent(`network error contacting ${host}${why}`),
      );
    });
    if (req.signal?.aborted) return onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    request.end(req.body === undefined ? undefined : body);
  });
}

function headersOf(res: IncomingMessage): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(res.headers)) {
    if (Array.isArray(v)) v.forEach((x) => h.append(k, x));
    else if (v !== undefined) h.set(k, v);
  }
  return h;
}

export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const url = validateUrl(req);
  const host = url.host;
  const res = await exchange(url, req);
  const { status, headers, text } = res;
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (status >= 200 && status < 300) {
    // "Accepted" without the rest of the answer: most likely published, but we cannot read what it said.
    if (res.cutOff)
      throw ChannelError.maybeDelivered(`${req.channel}: the answer from ${host} (HTTP ${status}) was cut off`, status);
    return { status, headers, text, json };
  }

  const override = req.classify?.(status, json);
  const detail = peerMessage(override?.message ?? extractPeerError(json, text), req.creds);
  const retryable = override?.retryable ?? (status >= 300 && status < 400 ? false : isRetryableStatus(status));
  const what = status >= 300 && status < 400 ? 'unexpected redirect' : `HTTP ${status}`;
  throw new ChannelError(
    `${req.channel}: ${what} from ${host}${detail ? `: ${detail}` : ''}`,
    retryable,
    status,
    retryable ? retryAfterOf(status, headers, json) : undefined,
  );
}

/** Retry-After, then X's x-rate-limit-reset (epoch seconds), then Discord's JSON retry_after (seconds). */
function retryAfterOf(status: number, headers: Headers, json: unknown): number | undefined {
  const header = parseRetryAfter(headers.get('retry-after'));
  if (header !== undefined) return header;
  const reset = Number(headers.get('x-rate-limit-reset'));
  if (status === 429 && reset > 0) return Math.max(0, reset * 1000 - Date.now());
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
  const label = (k: string) => CHANNEL_SPECS[channel]?.credentialFields.find((f) => f.key === k)?.label ?? k;
  if (missing.length) throw new ChannelError(`${channel}: missing ${missing.map(label).join(', ')}`, false);
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

/** An adapter's timeouts and clock, as httpRequest takes them. */
export const timing = (o: AdapterOptions) => ({
  timeoutMs: o.timeoutMs,
  connectTimeoutMs: o.connectTimeoutMs,
  clock: o.clock,
});

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

export { hostOf };
