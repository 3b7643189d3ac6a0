/**
 * Google on 127.0.0.1:0 for the YouTube source's tests: the OAuth flow for installed apps (consent page,
 * token endpoint with PKCE, revocation; in google-standin-oauth.ts) and the Data API v3 calls Onair makes
 * (channels, liveBroadcasts, liveStreams, liveChat/messages list and insert), with the request and answer
 * shapes Google documents, its error bodies and its quota units. It is strict where Google may be lenient
 * (maxResults must be in the documented range; the OAuth half requires PKCE S256 and `state`) so that a
 * regression in Onair shows here first. `startGoogleStandIn` serves both halves on one port and returns the
 * controls tests steer it with.
 *
 * Docs followed: developers.google.com/youtube/v3/live/docs/… (liveChatMessages list/insert, liveBroadcasts,
 * liveStreams and their errors), developers.google.com/youtube/v3/docs/errors (common errors, quotaExceeded)
 * and developers.google.com/youtube/v3/determine_quota_cost plus each method's "Quota impact" line.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GoogleApp } from '../../electron/main/services/sources/youtube/google-client';
import { YOUTUBE_CHAT_MAX_LENGTH, YOUTUBE_DEFAULT_DAILY_QUOTA } from '../../shared/sources';
import {
  Answered,
  base64urlSha256,
  opaque,
  READ_SCOPES,
  refuse,
  startOAuth,
  WRITE_SCOPES,
  type Answer,
} from './google-standin-oauth';

/** Units per call: channels.list 1 (the cost table); liveChatMessages.list 5 and .insert 20 (their pages'
 * "Quota impact"); liveBroadcasts.list and liveStreams.list are listed nowhere, so the floor every request
 * pays: 1. A call is charged once it passes authentication, whatever it answers (even an error). */
const ROUTES: Record<string, { cost: number; scopes: string[] } | undefined> = {
  'GET /youtube/v3/channels': { cost: 1, scopes: READ_SCOPES },
  'GET /youtube/v3/liveBroadcasts': { cost: 1, scopes: READ_SCOPES },
  'GET /youtube/v3/liveStreams': { cost: 1, scopes: READ_SCOPES },
  'GET /youtube/v3/liveChat/messages': { cost: 5, scopes: READ_SCOPES },
  'POST /youtube/v3/liveChat/messages': { cost: 20, scopes: WRITE_SCOPES },
};

interface StandInRequest {
  method: string;
  path: string;
  /** Repeated parameters joined with commas, as Google reads a repeated `part`. */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The form fields or the JSON value sent. Untyped: tests walk whatever Onair sent with expect(). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: a typed JSON value would need a cast per step
  body: any;
}

export interface StandInBroadcast {
  id: string;
  title: string;
  /** "created", "ready", "testing", "live", "complete", … */
  lifeCycleStatus: string;
  liveChatId?: string;
  scheduledStartTime: string;
  boundStreamId?: string;
}

export interface StreamHealth {
  /** "active", "created", "error", "inactive", "ready" */
  streamStatus: string;
  /** "good", "ok", "bad", "noData", "revoked" */
  healthStatus: string;
  configurationIssues?: { type: string; severity: 'info' | 'warning' | 'error'; reason: string; description: string }[];
}

export interface ChatMessageSeed {
  author: string;
  text: string;
  /** Epoch ms or RFC 3339; default now. */
  publishedAt?: number | string;
}

export interface Failure {
  status: number;
  /** The answer's body; by default Google's error body for `status` (and `reason`, when given). */
  body?: unknown;
  reason?: string;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
  /** Only a request with this method; by default any request on the path. */
  method?: string;
}

export interface StandInOptions {
  /** The signed-in account's channel. */
  channel?: { id: string; title: string };
  broadcasts?: StandInBroadcast[];
  dailyQuota?: number;
  /** expires_in of every access token issued (Google: 3599). */
  accessTokenTtlSec?: number;
  pollingIntervalMillis?: number;
  /** The user refuses the consent screen: the browser comes back with error=access_denied. */
  consent?: 'grant' | 'deny';
  /** The clock for token expiry and default timestamps (default Date.now). */
  now?: () => number;
}

function apiError(code: number, reason: string, message: string, domain = 'global'): Answer {
  return { status: code, json: { error: { code, message, errors: [{ message, domain, reason }] } } };
}

const DEFAULT_REASONS: Record<number, [string, string]> = {
  400: ['badRequest', 'Bad Request'],
  401: ['authError', 'Invalid Credentials'],
  403: ['forbidden', 'Access forbidden. The request may not be properly authorized.'],
  404: ['notFound', 'Not Found'],
  429: ['rateLimitExceeded', 'Resource has been exhausted (e.g. check quota).'],
  500: ['backendError', 'Backend Error'],
  503: ['backendError', 'The service is currently unavailable.'],
};

function chatError(code: number, reason: string, message: string): never {
  refuse(apiError(code, reason, message, 'youtube.liveChat'));
}

const QUOTA_MESSAGE =
  'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.';

const unauthenticated = (missing: boolean): Answer => ({
  ...apiError(
    401,
    missing ? 'required' : 'authError',
    missing
      ? 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.'
      : 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  ),
  headers: { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' },
});

const channelIdOf = (author: string) => `UC${base64urlSha256(author).slice(0, 22)}`;
const iso = (t: number | string) => (typeof t === 'string' ? t : new Date(t).toISOString());

function required(q: Record<string, string>, name: string): string {
  return q[name] || refuse(apiError(400, 'missingRequiredParameter', `Required parameter: ${name}`));
}

function parts(q: Record<string, string>, allowed: string[]): Set<string> {
  const asked = required(q, 'part').split(',');
  const unknown = asked.find((p) => !allowed.includes(p));
  if (unknown) refuse(apiError(400, 'unknownPart', unknown, 'youtube.part'));
  return new Set(asked);
}

/** Exactly one filter, as each list method documents. */
function filter(q: Record<string, string>, names: string[]): string {
  const given = names.filter((n) => q[n] !== undefined);
  if (given.length > 1) refuse(apiError(400, 'incompatibleParameters', `Incompatible parameters: ${given.join(', ')}`));
  return given[0] ?? refuse(apiError(400, 'missingRequiredParameter', `No filter selected. Expected one of: ${names}`));
}

/** Only the parts asked for; kind, etag and id always. */
function resource(kind: string, id: string, asked: Set<string>, all: Record<string, unknown>) {
  const picked = Object.fromEntries(Object.entries(all).filter(([p]) => asked.has(p)));
  return { kind: `youtube#${kind}`, etag: base64urlSha256(JSON.stringify(all)).slice(0, 27), id, ...picked };
}

const listResponse = (kind: string, items: unknown[], extra: Record<string, unknown> = {}) => ({
  kind: `youtube#${kind}ListResponse`,
  etag: base64urlSha256(JSON.stringify(items)).slice(0, 27),
  ...extra,
  pageInfo: { totalResults: items.length, resultsPerPage: items.length },
  items,
});

interface ChatMessage {
  id: string;
  liveChatId: string;
  author: string;
  authorChannelId: string;
  isChatOwner: boolean;
  text: string;
  publishedAt: string;
}

interface Chat {
  messages: ChatMessage[];
  gone?: 'ended' | 'deleted';
}

export type GoogleStandIn = Awaited<ReturnType<typeof startGoogleStandIn>>;

export async function startGoogleStandIn(opts: StandInOptions = {}) {
  const now = opts.now ?? Date.now;
  const channel = opts.channel ?? { id: 'UConairProducerChannel01', title: 'Onair Live Events' };
  const broadcasts = opts.broadcasts ?? [
    broadcast('bc-live', 'Launch webinar: Suite 2027', 'live', now() - 600_000),
    broadcast('bc-next', 'Quarterly results', 'ready', now() + 86_400_000),
    broadcast('bc-past', 'Last week’s town hall', 'complete', now() - 7 * 86_400_000),
  ];
  const dailyQuota = opts.dailyQuota ?? YOUTUBE_DEFAULT_DAILY_QUOTA;
  let pollingIntervalMillis = opts.pollingIntervalMillis ?? 2000;
  let quotaUsed = 0;
  const oauth = startOAuth({ now, ttlSec: opts.accessTokenTtlSec ?? 3599, consent: opts.consent });

  const requests: StandInRequest[] = [];
  const posted: { id: string; liveChatId: string; messageText: string }[] = [];
  const failures: (Failure & { path: string })[] = [];
  const chats = new Map<string, Chat>(
    broadcasts.flatMap((b) => (b.liveChatId ? [[b.liveChatId, { messages: [] }]] : [])),
  );
  const streams = new Map<string, StreamHealth & { updatedAt: number }>();
  for (const { boundStreamId: id } of broadcasts) {
    if (id) streams.set(id, { streamStatus: 'active', healthStatus: 'good', updatedAt: now() });
  }

  function broadcast(id: string, title: string, lifeCycleStatus: string, at: number): StandInBroadcast {
    return { id, title, lifeCycleStatus, liveChatId: `chat-${id}`, scheduledStartTime: iso(at), boundStreamId: 's-1' };
  }

  function authenticate(headers: IncomingHttpHeaders): { scope: string } {
    const bearer = /^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1];
    if (!bearer) refuse(unauthenticated(true));
    return { scope: oauth.scopeOf(bearer) ?? refuse(unauthenticated(false)) };
  }

  function chatOf(liveChatId: string): Chat {
    const chat = chats.get(liveChatId);
    if (!chat || chat.gone === 'deleted') chatError(404, 'liveChatNotFound', 'The live chat cannot be found.');
    if (chat.gone === 'ended') chatError(403, 'liveChatEnded', 'The specified live chat is no longer live.');
    return chat;
  }

  function messageResource(m: ChatMessage, asked: Set<string>) {
    return resource('liveChatMessage', m.id, asked, {
      snippet: {
        type: 'textMessageEvent',
        liveChatId: m.liveChatId,
        authorChannelId: m.authorChannelId,
        publishedAt: m.publishedAt,
        hasDisplayContent: true,
        displayMessage: m.text,
        textMessageDetails: { messageText: m.text },
      },
      authorDetails: {
        channelId: m.authorChannelId,
        channelUrl: `http://www.youtube.com/channel/${m.authorChannelId}`,
        displayName: m.author,
        profileImageUrl: `https://yt3.ggpht.com/${m.authorChannelId}`,
        isVerified: false,
        isChatOwner: m.isChatOwner,
        isChatSponsor: false,
        isChatModerator: false,
      },
    });
  }

  /** Page tokens name the position after the last message returned: no repeats, no gaps. */
  const pageToken = (liveChatId: string, at: number) => Buffer.from(`${liveChatId}\n${at}`).toString('base64url');

  function listMessages(q: Record<string, string>): Answer {
    const asked = parts(q, ['id', 'snippet', 'authorDetails']);
    const liveChatId = required(q, 'liveChatId');
    const max = Number(q.maxResults ?? 500);
    if (!(Number.isInteger(max) && max >= 200 && max <= 2000)) refuse(apiError(400, 'invalidValue', 'maxResults'));
    const { messages } = chatOf(liveChatId);
    let from = Math.max(0, messages.length - max); // a first read gets the most recent history
    if (q.pageToken !== undefined) {
      const [chatId, at] = Buffer.from(q.pageToken, 'base64url').toString().split('\n');
      from = Number(at);
      if (chatId !== liveChatId || !Number.isInteger(from) || from < 0 || from > messages.length) {
        refuse(apiError(400, 'invalidPageToken', 'The request specifies an invalid page token.'));
      }
    }
    const page = messages.slice(from, from + max);
    const items = page.map((m) => messageResource(m, asked));
    const extra = { nextPageToken: pageToken(liveChatId, from + page.length), pollingIntervalMillis };
    return { status: 200, json: listResponse('liveChatMessage', items, extra) };
  }

  function insertMessage(q: Record<string, string>, body: unknown): Answer {
    const asked = parts(q, ['id', 'snippet', 'authorDetails']);
    const snippet = (body as { snippet?: Record<string, unknown> } | undefined)?.snippet ?? {};
    const bad = (reason: string, message: string) => chatError(400, reason, message);
    if (typeof snippet.liveChatId !== 'string') bad('liveChatIdRequired', 'snippet.liveChatId is required.');
    if (snippet.type !== 'textMessageEvent') bad('typeRequired', 'snippet.type must be textMessageEvent.');
    const text = (snippet.textMessageDetails as { messageText?: unknown } | undefined)?.messageText;
    if (typeof text !== 'string' || !text.trim()) bad('messageTextRequired', 'messageText is required.');
    if ([...(text as string)].length > YOUTUBE_CHAT_MAX_LENGTH) bad('messageTextInvalid', 'The text is invalid.');
    const liveChatId = snippet.liveChatId as string;
    const chat = chatOf(liveChatId);
    const m = write(chat, liveChatId, { author: channel.title, text: text as string }, channel.id);
    posted.push({ id: m.id, liveChatId, messageText: m.text });
    return { status: 200, json: messageResource(m, asked) };
  }

  /** A message in the chat, by a viewer or (with the owner's channel id) by the signed-in account. */
  function write(chat: Chat, liveChatId: string, seed: ChatMessageSeed, ownerId?: string): ChatMessage {
    const m = {
      id: opaque('LCC.'),
      liveChatId,
      author: seed.author,
      authorChannelId: ownerId ?? channelIdOf(seed.author),
      isChatOwner: ownerId !== undefined,
      text: seed.text,
      publishedAt: iso(seed.publishedAt ?? now()),
    };
    chat.messages.push(m);
    return m;
  }

  const LIFECYCLES: Record<string, string[]> = {
    active: ['live', 'liveStarting'],
    upcoming: ['created', 'ready', 'testing', 'testStarting'],
    completed: ['complete'],
  };

  function listBroadcasts(q: Record<string, string>): Answer {
    const asked = parts(q, ['id', 'snippet', 'contentDetails', 'status', 'monetizationDetails']);
    const by = filter(q, ['broadcastStatus', 'id', 'mine']);
    const status = q.broadcastStatus;
    if (by === 'broadcastStatus' && status !== 'all' && !LIFECYCLES[status]) {
      refuse(apiError(400, 'invalidValue', `Invalid value for broadcastStatus: ${status}`));
    }
    const ids = by === 'id' ? q.id.split(',') : undefined;
    const items = broadcasts
      .filter((b) =>
        ids
          ? ids.includes(b.id)
          : by !== 'broadcastStatus' || status === 'all' || LIFECYCLES[status].includes(b.lifeCycleStatus),
      )
      .map((b) =>
        resource('liveBroadcast', b.id, asked, {
          snippet: {
            title: b.title,
            channelId: channel.id,
            scheduledStartTime: b.scheduledStartTime,
            liveChatId: b.liveChatId,
          },
          status: { lifeCycleStatus: b.lifeCycleStatus, privacyStatus: 'public' },
          contentDetails: { boundStreamId: b.boundStreamId, enableAutoStart: false },
        }),
      );
    return { status: 200, json: listResponse('liveBroadcast', items) };
  }

  function listStreams(q: Record<string, string>): Answer {
    const asked = parts(q, ['id', 'snippet', 'cdn', 'status', 'contentDetails']);
    const ids = filter(q, ['id', 'mine']) === 'id' ? q.id.split(',') : [...streams.keys()];
    const items = ids.flatMap((id) => {
      const s = streams.get(id);
      if (!s) return [];
      const healthStatus = {
        status: s.healthStatus,
        lastUpdateTimeSeconds: String(Math.floor(s.updatedAt / 1000)),
        configurationIssues: s.configurationIssues ?? [],
      };
      return [
        resource('liveStream', id, asked, {
          snippet: { title: `Stream ${id}`, channelId: channel.id },
          status: { streamStatus: s.streamStatus, healthStatus },
        }),
      ];
    });
    return { status: 200, json: listResponse('liveStream', items) };
  }

  function listChannels(q: Record<string, string>): Answer {
    const asked = parts(q, ['id', 'snippet', 'contentDetails', 'statistics', 'status', 'brandingSettings']);
    const by = filter(q, ['mine', 'id', 'forHandle', 'forUsername']);
    const mine = (by === 'mine' && q.mine === 'true') || (by === 'id' && q.id.split(',').includes(channel.id));
    const snippet = { title: channel.title, description: '', publishedAt: '2019-03-01T09:00:00Z' };
    const items = mine ? [resource('channel', channel.id, asked, { snippet })] : [];
    return { status: 200, json: listResponse('channel', items) };
  }

  function injected({ status, body, reason, retryAfter }: Failure): Answer {
    const [defaultReason, message] = DEFAULT_REASONS[status] ?? ['unknown', 'Failure'];
    const answer = body !== undefined ? { status, json: body } : apiError(status, reason ?? defaultReason, message);
    return retryAfter === undefined ? answer : { ...answer, headers: { 'Retry-After': String(retryAfter) } };
  }

  function route({ method, path, query: q, headers, body }: StandInRequest): Answer {
    const failure = failures.find((f) => f.path === path && (!f.method || f.method === method));
    if (failure) return injected(failures.splice(failures.indexOf(failure), 1)[0]);
    const signIn = oauth.serve(method, path, q, body as Record<string, string>, headers);
    if (signIn) return signIn;
    const api = ROUTES[`${method} ${path}`] ?? refuse(apiError(404, 'notFound', 'Not Found'));
    const caller = authenticate(headers);
    if (!caller.scope.split(' ').some((s) => api.scopes.includes(s))) {
      refuse(apiError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.'));
    }
    if (quotaUsed + api.cost > dailyQuota) refuse(apiError(403, 'quotaExceeded', QUOTA_MESSAGE, 'youtube.quota'));
    quotaUsed += api.cost;
    if (path === '/youtube/v3/channels') return listChannels(q);
    if (path === '/youtube/v3/liveBroadcasts') return listBroadcasts(q);
    if (path === '/youtube/v3/liveStreams') return listStreams(q);
    return method === 'GET' ? listMessages(q) : insertMessage(q, body);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const query: Record<string, string> = {};
      for (const k of new Set(url.searchParams.keys())) query[k] = url.searchParams.getAll(k).join(',');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw || undefined;
      if (req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
        body = Object.fromEntries(new URLSearchParams(raw));
      } else if (req.headers['content-type']?.startsWith('application/json')) {
        try {
          body = JSON.parse(raw);
        } catch {
          body = raw;
        }
      }
      const entry = { method: req.method ?? 'GET', path: url.pathname, query, headers: req.headers, body };
      requests.push(entry);
      let answer: Answer;
      try {
        answer = route(entry);
      } catch (e) {
        if (!(e instanceof Answered)) throw e;
        answer = e.answer;
      }
      const type = answer.html !== undefined ? 'text/html; charset=utf-8' : 'application/json; charset=UTF-8';
      res.writeHead(answer.status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...answer.headers });
      res.end(answer.html ?? (answer.json === undefined ? '' : JSON.stringify(answer.json)));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    /** Onair's OAuth client for this stand-in. */
    app: { ...oauth.app, baseUrl } satisfies GoogleApp,
    channel,
    broadcasts,
    /** Every request that reached the stand-in, in order. */
    requests,
    /** Messages inserted through liveChatMessages.insert. */
    posted,
    get quotaUsed() {
      return quotaUsed;
    },
    /** Viewers write in a chat (by default the first broadcast's). */
    addChat(messages: ChatMessageSeed[], liveChatId = broadcasts[0]?.liveChatId ?? '') {
      const chat = chats.get(liveChatId);
      if (!chat) throw new Error(`no chat ${liveChatId}`);
      for (const seed of messages) write(chat, liveChatId, seed);
    },
    /** What liveStreams.list says of a stream (by default the one the broadcasts are bound to). */
    setHealth(health: StreamHealth, streamId = [...streams.keys()][0] ?? '') {
      streams.set(streamId, { ...health, updatedAt: now() });
    },
    setPollingInterval(ms: number) {
      pollingIntervalMillis = ms;
    },
    /** The broadcast ended (403 liveChatEnded) or the owner deleted its chat (404 liveChatNotFound). */
    endChat(liveChatId: string, how: 'ended' | 'deleted' = 'ended') {
      const chat = chats.get(liveChatId);
      if (chat) chat.gone = how;
    },
    /** The next request on `path` gets this answer instead (no quota charged). */
    failNext(path: string, failure: Failure) {
      failures.push({ ...failure, path });
    },
    /** The user removed Onair's access in their Google account: every token stops working. */
    revokeAll() {
      oauth.revokeAll();
    },
    /** Every access token issued so far has lapsed (the refresh tokens still work). */
    expireAccessTokens() {
      oauth.expireAccessTokens();
    },
    exhaustQuota() {
      quotaUsed = dailyQuota;
    },
    /** Midnight Pacific Time: the day's quota starts again. */
    resetQuota() {
      quotaUsed = 0;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
