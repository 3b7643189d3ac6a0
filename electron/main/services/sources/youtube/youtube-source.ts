/**
 * A YouTube Live broadcast as a source of the session: its live chat (liveChatMessages.list, paged with
 * nextPageToken at the pollingIntervalMillis YouTube dictates, or slower when the day's quota would not last
 * the event), its bound stream's health (liveStreams.list), and our posts into the chat
 * (liveChatMessages.insert, recognised afterwards by the id YouTube returned). Every call's cost goes through
 * the quota ledger first. A revoked sign-in stops everything until the producer signs in again: never a loop
 * of failing calls.
 */
import type { youtube_v3 } from '@googleapis/youtube';
import type { Clock, Disposable } from '../../../../../shared/clock';
import { YOUTUBE_CHAT_MAX_LENGTH } from '../../../../../shared/sources';
import type { ConnectionState } from '../../../../../shared/types';
import { backoffMs } from '../../ingest/socketio-source';
import type { ChatPostOutcome, SourceAdapter, SourceSink } from '../../ingest/source-adapter';
import type { YoutubeSettings } from '../source-settings';
import { googleClients, type GoogleClients } from './google-client';
import type { QuotaCall, QuotaLedger } from './quota-ledger';
import { classifyYoutubeError, type YoutubeFailure } from './youtube-errors';
import { chatOf, healthOf } from './youtube-payloads';

export interface YoutubeSourceOptions {
  settings: YoutubeSettings;
  ledger: QuotaLedger;
  clock: Clock;
  /** How often the stream's health is read (default 30 s: 1 unit each). */
  healthEveryMs?: number;
  log?: (line: string) => void;
  /** For tests: the backoff jitter's randomness. */
  random?: () => number;
}

export const DEFAULT_HEALTH_EVERY_MS = 30_000;
/** YouTube's own advice when a page comes without pollingIntervalMillis. */
const DEFAULT_POLL_MS = 5_000;
const RETRY_MIN_MS = 2_000;
const RETRY_MAX_MS = 60_000;
/** A broadcast without a chat yet (not started, chat off) is looked at again this often. */
const NO_CHAT_RETRY_MS = 60_000;

/** The day's quota is gone: this source spends nothing until it comes back. */
class QuotaLow extends Error {}

export function youtubeSource(o: YoutubeSourceOptions): SourceAdapter {
  const s = o.settings;
  const app = { clientId: s.clientId, clientSecret: s.clientSecret, baseUrl: s.baseUrl };
  let clients: Promise<GoogleClients> | undefined;
  const healthEveryMs = o.healthEveryMs ?? DEFAULT_HEALTH_EVERY_MS;
  const url = `youtube://broadcast/${s.broadcastId}`;

  let sink: SourceSink | undefined;
  let stopped = false;
  let signedOut = false;
  let connection: ConnectionState = { status: 'connecting', url, since: o.clock.now(), attempt: 0 };
  const timers = new Map<'chat' | 'health' | 'broadcast', Disposable>();
  let liveChatId: string | undefined;
  let streamId: string | undefined;
  let pageToken: string | undefined;
  let platformMs = DEFAULT_POLL_MS;
  let wasActive = false;
  let failures = 0;
  let detail = `YouTube · ${s.account} · “${s.broadcastTitle}”`;

  function setState(status: ConnectionState['status'], extra: Partial<ConnectionState> = {}) {
    const changed =
      status !== connection.status || extra.lastError !== connection.lastError || detail !== connection.detail;
    connection = {
      status,
      url,
      since: changed ? o.clock.now() : connection.since,
      attempt: failures,
      detail,
      ...extra,
    };
    if (changed) sink?.connection(connection);
  }

  function after(which: 'chat' | 'health' | 'broadcast', ms: number, fn: () => Promise<void>) {
    timers.get(which)?.dispose();
    if (stopped || signedOut || !Number.isFinite(ms)) return;
    timers.set(
      which,
      o.clock.setTimer(ms, () => void fn()),
    );
  }

  async function call<T>(name: QuotaCall, fn: (api: youtube_v3.Youtube) => Promise<T>): Promise<T> {
    if (!o.ledger.canAfford(name)) throw new QuotaLow();
    // Every request costs its units, a refused one too.
    o.ledger.spend(name);
    clients ??= googleClients(app, { refreshToken: s.refreshToken });
    return fn((await clients).api);
  }

  /** Decides what comes next after a failed call; answers the delay before trying `which` again. */
  function failed(err: unknown, which: string): number {
    if (err instanceof QuotaLow) return quotaGone();
    const f: YoutubeFailure = classifyYoutubeError(err);
    o.log?.(`youtube ${which}: ${f.message}`);
    switch (f.kind) {
      case 'signed-out':
        signedOut = true;
        for (const t of timers.values()) t.dispose();
        timers.clear();
        setState('offline', { lastError: f.message });
        return Infinity;
      case 'quota':
        o.ledger.markExhausted();
        return quotaGone();
      case 'rate':
        failures++;
        setState('online', { lastError: `${f.message}: YouTube asked us to slow down` });
        return Math.max(f.retryAfterMs ?? 0, backoffMs(failures, RETRY_MIN_MS, RETRY_MAX_MS, o.random));
      default:
        failures++;
        setState('offline', { lastError: f.message });
        return backoffMs(failures, RETRY_MIN_MS, RETRY_MAX_MS, o.random);
    }
  }

  function quotaGone(): number {
    const at = o.ledger.resetsAt();
    setState('offline', {
      lastError: `YouTube's daily quota is used up: watching resumes when it resets at ${new Date(at).toISOString()}`,
    });
    return at - o.clock.now();
  }

  function succeeded() {
    failures = 0;
    setState('online');
  }

  /** Finds the broadcast's chat and stream (they can appear only once the broadcast is set up). */
  async function findBroadcast(): Promise<void> {
    let b: youtube_v3.Schema$LiveBroadcast | undefined;
    try {
      const res = await call('liveBroadcasts.list', (api) =>
        api.liveBroadcasts.list({ id: [s.broadcastId], part: ['snippet', 'status', 'contentDetails'] }),
      );
      b = res.data.items?.[0];
    } catch (err) {
      return after('broadcast', failed(err, 'broadcast'), findBroadcast);
    }
    if (!b) {
      failures++;
      setState('offline', { lastError: 'YouTube: this account has no such broadcast any more' });
      return after('broadcast', NO_CHAT_RETRY_MS, findBroadcast);
    }
    detail = `YouTube · ${s.account} · “${b.snippet?.title ?? s.broadcastTitle}” · ${b.status?.lifeCycleStatus ?? 'unknown'}`;
    succeeded();
    liveChatId = b.snippet?.liveChatId ?? undefined;
    streamId = b.contentDetails?.boundStreamId ?? undefined;
    if (liveChatId) void readChat();
    else after('broadcast', NO_CHAT_RETRY_MS, findBroadcast);
    if (streamId) void readHealth();
  }

  async function readChat(): Promise<void> {
    if (!liveChatId) return;
    let page: youtube_v3.Schema$LiveChatMessageListResponse;
    try {
      const res = await call('liveChatMessages.list', (api) =>
        api.liveChatMessages.list({
          liveChatId,
          part: ['snippet', 'authorDetails'],
          maxResults: 2000,
          ...(pageToken ? { pageToken } : {}),
        }),
      );
      page = res.data;
    } catch (err) {
      const f = err instanceof QuotaLow ? undefined : classifyYoutubeError(err);
      if (f?.kind === 'chat-ended') {
        detail = `${detail} · the live chat has ended`;
        setState('online');
        return;
      }
      if (f?.kind === 'not-found') {
        liveChatId = undefined;
        return after('broadcast', failed(err, 'chat'), findBroadcast);
      }
      return after('chat', failed(err, 'chat'), readChat);
    }
    if (stopped) return;
    succeeded();
    deliver(page.items ?? []);
    pageToken = page.nextPageToken ?? pageToken;
    platformMs = page.pollingIntervalMillis ?? DEFAULT_POLL_MS;
    after('chat', o.ledger.chatDelayMs(platformMs), readChat);
  }

  function deliver(items: youtube_v3.Schema$LiveChatMessage[]) {
    const messages = [];
    for (const item of items) {
      const c = chatOf(item);
      if (c.ok === true) messages.push(c.message);
      else if (c.ok === false) sink?.quarantined('liveChatMessages', c.reason, item);
    }
    if (messages.length) sink?.chat(messages);
  }

  async function readHealth(): Promise<void> {
    if (!streamId) return;
    try {
      const res = await call('liveStreams.list', (api) => api.liveStreams.list({ id: [streamId!], part: ['status'] }));
      const stream = res.data.items?.[0];
      if (stream) {
        const read = healthOf(stream, o.clock.now(), wasActive);
        const active = read.active;
        let sample = read.sample;
        // The stream stopping at the end of the show is no outage: ask the broadcast whether it is over.
        if (wasActive && !active && (await broadcastOver())) {
          wasActive = false;
          sample = healthOf(stream, o.clock.now(), false).sample;
        }
        wasActive ||= active;
        sink?.health(sample);
      }
      succeeded();
      after('health', healthEveryMs, readHealth);
    } catch (err) {
      after('health', Math.max(healthEveryMs, failed(err, 'health')), readHealth);
    }
  }

  async function broadcastOver(): Promise<boolean> {
    const res = await call('liveBroadcasts.list', (api) =>
      api.liveBroadcasts.list({ id: [s.broadcastId], part: ['status'] }),
    );
    const over = res.data.items?.[0]?.status?.lifeCycleStatus === 'complete';
    if (over) detail = `YouTube · ${s.account} · “${s.broadcastTitle}” · complete`;
    return over;
  }

  async function post(text: string): Promise<ChatPostOutcome> {
    if (signedOut) return { ok: false, error: 'YouTube: signed out; sign in again', permanent: true };
    if (!liveChatId) return { ok: false, error: 'YouTube: the broadcast has no live chat (yet)' };
    try {
      const res = await call('liveChatMessages.insert', (api) =>
        api.liveChatMessages.insert({
          part: ['snippet'],
          requestBody: { snippet: { liveChatId, type: 'textMessageEvent', textMessageDetails: { messageText: text } } },
        }),
      );
      const id = res.data.id;
      if (!id) return { ok: false, error: 'YouTube took the message but returned no id', unknown: true };
      sink?.ownPost(id);
      return { ok: true, messageId: id, duplicate: false };
    } catch (err) {
      if (err instanceof QuotaLow) return { ok: false, error: "YouTube's daily quota is used up" };
      const f = classifyYoutubeError(err);
      if (f.kind === 'signed-out') failed(err, 'post');
      if (f.kind === 'transient' && !f.answered) return { ok: false, error: f.message, unknown: true };
      return {
        ok: false,
        error: f.message,
        permanent: f.kind === 'refused' || f.kind === 'signed-out' || f.kind === 'chat-ended',
        ...(f.kind === 'rate' && f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}),
      };
    }
  }

  return {
    url,
    postsToChat: { maxLength: YOUTUBE_CHAT_MAX_LENGTH, dedupes: false },
    start(s_) {
      sink = s_;
      if (!s.refreshToken) {
        signedOut = true;
        setState('offline', { lastError: 'YouTube: not signed in; sign in again' });
        return;
      }
      sink.connection(connection);
      void findBroadcast();
    },
    async stop() {
      stopped = true;
      for (const t of timers.values()) t.dispose();
      timers.clear();
      setState('stopped');
    },
    isConnected: () => connection.status === 'online' && !!liveChatId,
    postToChat: (p) => post(p.text),
    quota: () => o.ledger.view(platformMs),
    needsSignIn: () => signedOut,
  };
}
