/**
 * The Zoom Webinars source: the webinar's chat, its viewers and Zoom's own quality alerts, through the
 * WebSocket event subscription of a Server-to-Server OAuth app (Marketplace → the app → Features → Event
 * Subscriptions → WebSocket). Zoom delivers events only while the socket is open and never resends what it
 * sent while it was closed: a drop says so in the state, and the row keeps the stretch that was lost.
 *
 * Connecting: an access token (kept until 5 min before it expires), the webinar's topic once, then
 * `{ws}?subscriptionId=…&access_token=…`, which Zoom answers with `build_connection`. Onair sends
 * `{"module":"heartbeat"}` every 30 s and drops a socket that left two unanswered. A drop or an unreachable
 * Zoom is retried with backoff on the injected clock (1 s doubling to 30 s; a 429's Retry-After is honoured).
 * Refused credentials, an unknown webinar or a refused subscription stop it: the same call would fail the same
 * way, and a loop of refused calls is what gets an app blocked.
 */
import WebSocket from 'ws';
import type { Clock, Disposable } from '../../../../../shared/clock';
import { healthSampleSchema, parseWith } from '../../../../../shared/schemas';
import type { ChatPostAck } from '../../../../../shared/source-protocol';
import type { SourceTestResult } from '../../../../../shared/sources';
import type { ConnectionState, EpochMs, HealthSample } from '../../../../../shared/types';
import { loggingFailures, reconnectLoop } from '../reconnect';
import { messageOf } from '../../../../../shared/error-message';
import type { SourceAdapter, SourceSink } from '../../ingest/source-adapter';
import { participantCount } from './participants';
import { webinarDetail, type WebinarView } from './webinar-detail';
import { lookUpWebinar } from './zoom-api';
import { zoomEndpoints, type ZoomEndpoints } from './zoom-endpoints';
import { needsNewToken, requestToken, type AccessToken, type ZoomApp } from './zoom-oauth';
import { readEvent, readFrame } from './zoom-payloads';

interface ZoomSettings extends ZoomApp {
  /** The app's WebSocket event subscription. */
  subscriptionId: string;
  webinarId: string;
  baseUrl?: string;
}

const HEARTBEAT_MS = 30_000;
const MISSED_HEARTBEATS = 2;
const CONNECT_TIMEOUT_MS = 10_000;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;
/** A Retry-After is honoured up to this: a bogus "come back tomorrow" must not blind Onair for the event. */
const RETRY_AFTER_MAX_MS = 10 * 60_000;
/** Zoom's events are a few kB; a peer sending more is not Zoom. */
const MAX_FRAME_BYTES = 1024 * 1024;
const LOST = 'events Zoom sent while the connection was closed are lost: Zoom does not resend them';
const STOPPED_TRYING = 'Onair stopped trying until the source is set again';
const CANNOT_POST = "Zoom's API cannot post into a webinar's chat: post there from Zoom itself";

const seconds = (ms: number) => `${Math.ceil(ms / 1000)} s`;

export function zoomSource(o: ZoomSettings & { clock: Clock; log?: (line: string) => void }): SourceAdapter {
  const url = `zoom://webinar/${o.webinarId}`;
  const endpoints = zoomEndpoints(o.baseUrl);
  const log = (line: string) => o.log?.(`zoom webinar ${o.webinarId}: ${line}`);
  const view: WebinarView = { webinarId: o.webinarId };
  const viewers = participantCount();
  let sink: SourceSink | null = null;
  let token: AccessToken | undefined;
  let current: { online: () => boolean; end: (polite: boolean) => void } | null = null;
  /** When a connection that was online dropped; cleared once one is online again. */
  let downSince: EpochMs | undefined;
  let ignored = 0;

  const report = (status: ConnectionState['status'], lastError?: string, since = o.clock.now()) =>
    sink?.connection({
      status,
      url,
      since,
      attempt: reconnect.attempt(),
      detail: webinarDetail(view),
      ...(lastError ? { lastError } : {}),
    });

  const safely = loggingFailures(log);
  const reconnect = reconnectLoop({
    clock: o.clock,
    minMs: RETRY_MIN_MS,
    maxMs: RETRY_MAX_MS,
    guard: safely,
    connect: () => {
      if (sink && !current) connect(sink);
    },
  });

  /** The token to connect with: the one held, unless it is about to expire. */
  const tokenFor = async (signal: AbortSignal) => {
    const now = o.clock.now();
    if (token && !needsNewToken(token, now)) return { ok: true as const, token, fresh: false };
    const r = await requestToken(o, endpoints.tokenUrl, { askedAt: now, signal });
    if (!r.ok) return r;
    token = r.token;
    return { ok: true as const, token: r.token, fresh: true };
  };

  function connect(to: SourceSink): void {
    const abort = new AbortController();
    let ws: WebSocket | undefined;
    let beat: Disposable | undefined;
    let connectTimeout: Disposable | undefined;
    let online = false;
    let onlineSince = 0;
    let unanswered = 0;
    let socketError: string | undefined;
    const end = (polite: boolean) => {
      abort.abort();
      beat?.dispose();
      connectTimeout?.dispose();
      if (!ws) return;
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      if (polite && ws.readyState === WebSocket.OPEN) ws.close(1000);
      else ws.terminate();
    };
    const conn = { online: () => online, end };
    current = conn;
    const mine = () => current === conn;

    const down = (reason: string, retryAfterMs?: number) => {
      if (!mine()) return;
      current = null;
      end(false);
      if (online) downSince = o.clock.now();
      const waitMs = Math.min(retryAfterMs ?? 0, RETRY_AFTER_MAX_MS);
      const ms = reconnect.retry(waitMs);
      const lost = downSince === undefined ? '' : `; ${LOST}`;
      report('offline', `${reason}${waitMs ? `: trying again in ${seconds(ms)}` : ''}${lost}`);
      log(`${reason}; retrying in ${ms} ms`);
    };

    const giveUp = (reason: string) => {
      if (!mine()) return;
      current = null;
      end(false);
      report('offline', `${reason}; ${STOPPED_TRYING}`);
      log(`${reason}; not trying again`);
    };

    const goOnline = () => {
      if (online) return;
      online = true;
      onlineSince = o.clock.now();
      reconnect.reset();
      connectTimeout?.dispose();
      view.countingSince ??= onlineSince;
      if (downSince !== undefined) view.lost = { from: downSince, to: onlineSince };
      downSince = undefined;
      report('online', undefined, onlineSince);
      log(`online: ${webinarDetail(view)}`);
    };

    const heartbeat = () => {
      if (unanswered >= MISSED_HEARTBEATS)
        return down(`no heartbeat answer from Zoom for ${seconds(MISSED_HEARTBEATS * HEARTBEAT_MS)}`);
      unanswered++;
      ws?.send(JSON.stringify({ module: 'heartbeat' }), (err) => err && log(`heartbeat not sent: ${err.message}`));
      beat = o.clock.setTimer(HEARTBEAT_MS, safely('heartbeat', heartbeat));
    };

    const health = (event: string, sample: HealthSample) => {
      const r = parseWith(healthSampleSchema, sample);
      if (r.ok) to.health(r.value);
      else to.quarantined(`zoom.${event}`, r.reason, sample);
    };

    const onEvent = (content: string) => {
      const r = readEvent(content, o.webinarId);
      if (r.kind === 'malformed') return to.quarantined(`zoom.${r.name}`, r.reason, r.payload);
      if (r.kind === 'ignored') {
        ignored++;
        if (ignored === 1 || ignored % 100 === 0) log(`ignored ${r.name} ${r.why} (${ignored} ignored so far)`);
        return;
      }
      const e = r.event;
      switch (e.kind) {
        case 'started':
          view.liveSince = e.at;
          view.endedAt = undefined;
          view.topic = e.topic || view.topic;
          if (online) report('online', undefined, onlineSince);
          return;
        case 'ended':
          view.endedAt = e.at;
          view.topic = e.topic || view.topic;
          if (online) report('online', undefined, onlineSince);
          return;
        case 'joined':
          return health('webinar.participant_joined', { ts: e.at, viewers: viewers.joined(e.participant) });
        case 'left':
          return health('webinar.participant_left', { ts: e.at, viewers: viewers.left(e.participant) });
        case 'chat':
          return to.chat([e.message]);
        case 'alert':
          return to.health(e.sample);
      }
    };

    const open = (t: AccessToken, fresh: boolean) => {
      // A cached token Zoom refuses may have been revoked: one more try with a new one tells it apart.
      const refused = (why: string) => {
        if (fresh)
          return giveUp(
            `Zoom refused the event subscription ${o.subscriptionId} (Zoom: ${why}): check the subscription id and that it belongs to this app`,
          );
        token = undefined;
        down(`Zoom refused the access token Onair held (Zoom: ${why}); asking for a new one`);
      };
      const query = new URLSearchParams({ subscriptionId: o.subscriptionId, access_token: t.value });
      const socket = new WebSocket(`${endpoints.wsUrl}?${query}`, { maxPayload: MAX_FRAME_BYTES });
      ws = socket;
      connectTimeout = o.clock.setTimer(
        CONNECT_TIMEOUT_MS,
        safely('connect timeout', () =>
          down(`no answer from Zoom's event WebSocket within ${seconds(CONNECT_TIMEOUT_MS)}`),
        ),
      );
      socket.on('open', safely('open', heartbeat));
      socket.on(
        'message',
        safely('message', (data: WebSocket.RawData) => {
          if (!mine()) return;
          const raw = String(data);
          const f = readFrame(raw);
          if (f.kind === 'connected') return goOnline();
          if (f.kind === 'heartbeat') {
            unanswered = 0;
            return goOnline();
          }
          if (f.kind === 'connection-refused') return refused(f.reason);
          if (f.kind === 'message') return onEvent(f.content);
          if (f.kind === 'other') return log(`ignored a "${f.module}" frame`);
          to.quarantined('zoom.frame', f.reason, raw);
        }),
      );
      // The socket's error comes before its close, which decides: say what the error was.
      socket.on('error', (err) => void (socketError = err.message));
      socket.on(
        'close',
        safely('close', (code: number, why: Buffer) => {
          const status = /Unexpected server response: (\d+)/.exec(socketError ?? '')?.[1];
          if (status === '401' || status === '403') return refused(`HTTP ${status}`);
          const what = socketError ?? `code ${code}${why.length ? `: ${String(why)}` : ''}`;
          down(
            online ? `the connection to Zoom dropped (${what})` : `cannot connect to Zoom's event WebSocket (${what})`,
          );
        }),
      );
    };

    void (async () => {
      const t = await tokenFor(abort.signal);
      if (!mine()) return;
      if (!t.ok) return t.refused ? giveUp(t.reason) : down(t.reason, t.retryAfterMs);
      if (view.topic === undefined) {
        const w = await lookUpWebinar(endpoints.apiRoot, t.token.value, o.webinarId, abort.signal);
        if (!mine()) return;
        if (w.kind === 'not-found') return giveUp(w.reason);
        if (w.kind === 'found') view.topic = w.topic;
        else log(`the webinar's topic is unknown: ${w.reason}`);
      }
      open(t.token, t.fresh);
    })().catch(safely('connect', (err: unknown) => down(`cannot connect to Zoom: ${messageOf(err)}`)));
  }

  return {
    url,
    isConnected: () => current?.online() ?? false,

    start(to: SourceSink) {
      if (sink) throw new Error('source already started');
      sink = to;
      reconnect.reset();
      report('connecting');
      connect(to);
    },

    async stop() {
      const c = current;
      current = null;
      sink = null;
      reconnect.cancel();
      c?.end(true);
    },

    postToChat: async (): Promise<ChatPostAck> => ({ ok: false, error: CANNOT_POST }),
  };
}

/** The Test button: a token, then the webinar (`GET /webinars/{id}`). Never throws. */
export async function testZoom(o: ZoomSettings): Promise<SourceTestResult> {
  let endpoints: ZoomEndpoints;
  try {
    endpoints = zoomEndpoints(o.baseUrl);
  } catch (err) {
    return { ok: false, detail: messageOf(err) };
  }
  const t = await requestToken(o, endpoints.tokenUrl, { askedAt: Date.now() });
  if (!t.ok) return { ok: false, detail: t.reason };
  const w = await lookUpWebinar(endpoints.apiRoot, t.token.value, o.webinarId);
  return w.kind === 'found'
    ? { ok: true, detail: webinarDetail({ webinarId: o.webinarId, topic: w.topic }) }
    : { ok: false, detail: w.reason };
}
