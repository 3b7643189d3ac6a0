/**
 * The YouTube source against the Google stand-in on 127.0.0.1 (the documented request and answer shapes): the
 * chat read page by page at the pace YouTube and the quota allow, the stream's health, our posts recognised by
 * the id YouTube returned, and the limits: a revoked sign-in, the day's quota gone, Retry-After, a chat that
 * ended. The source runs on a fake clock (its polling and backoff); the HTTP is real, so each step waits for
 * what the stand-in saw.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage, ConnectionState, HealthSample } from '../../shared/types';
import { openDatabase } from '../../electron/main/services/db/open';
import { platformQuotaRepo } from '../../electron/main/services/db/platform-quota-repo';
import type { SourceAdapter, SourceSink } from '../../electron/main/services/ingest/source-adapter';
import type { YoutubeSettings } from '../../electron/main/services/sources/source-settings';
import { createQuotaLedger, POST_RESERVE } from '../../electron/main/services/sources/youtube/quota-ledger';
import { youtubeSource } from '../../electron/main/services/sources/youtube/youtube-source';
import { fakeClock, type FakeClock } from '../support/fake-clock';
import { youtubeSettingsAt } from '../support/google-browser';
import { startGoogleStandIn, type GoogleStandIn } from '../support/google-standin';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';

const POLL_MS = 2_000;

function recordingSink() {
  const r = {
    chat: [] as ChatMessage[],
    health: [] as HealthSample[],
    connections: [] as ConnectionState[],
    own: [] as string[],
    quarantined: [] as string[],
  };
  const sink: SourceSink = {
    hello: () => {},
    ended: () => {},
    chat: (m) => void r.chat.push(...m),
    health: (h) => void r.health.push(h),
    connection: (c) => void r.connections.push(c),
    ownPost: (id) => void r.own.push(id),
    quarantined: (_event, reason) => void r.quarantined.push(reason),
  };
  return { ...r, sink, last: () => r.connections.at(-1) };
}

let google: GoogleStandIn;
let clock: FakeClock;
let settings: YoutubeSettings;
const running: SourceAdapter[] = [];
/**
 * Today at noon in Los Angeles: the quota day then has 12 hours left, more than the 4-hour event the pacing
 * plans for. From the real time the tests failed in the last hour before midnight Pacific, when the quota
 * left for the day (not the event) set the pace.
 */
const pacificNoon = () => {
  const day = new Date().toISOString().slice(0, 10);
  return Date.parse(`${day}T20:00:00Z`); // 12:00 PST (13:00 PDT): far from midnight either way
};

beforeEach(async () => {
  google = await startGoogleStandIn({ pollingIntervalMillis: POLL_MS });
  settings = await youtubeSettingsAt(google);
  clock = fakeClock(pacificNoon());
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  await google.close();
});

function watch(over: { dailyQuota?: number } = {}) {
  const rec = recordingSink();
  const ledger = createQuotaLedger({
    repo: platformQuotaRepo(openDatabase({ file: join(tempDir(), 'onair.sqlite') })),
    project: settings.clientId,
    dailyLimit: over.dailyQuota ?? 1_000_000,
    watchHours: 4,
    healthEveryMs: 30_000,
    clock,
  });
  const source = youtubeSource({ settings, ledger, clock, random: () => 0.5 });
  running.push(source);
  source.start(rec.sink);
  return { rec, source, ledger };
}

const chatReads = () => google.requests.filter((r) => r.method === 'GET' && r.path === '/youtube/v3/liveChat/messages');
/**
 * The stand-in has seen `n` chat reads and the source has taken the answers in: its next chat and health reads
 * are on the fake clock (advancing it before then would find nothing to fire).
 */
const readsTaken = (n: number) =>
  poll(() => chatReads().length === n && clock.pending() >= 2, { what: `${n} chat reads taken in` });
const viewers = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ author: `Viewer ${from + i}`, text: `hello ${from + i}` }));

describe('YouTube source', () => {
  it('reads the chat page by page: every message once, none lost across nextPageToken', async () => {
    google.addChat(viewers(3));
    const { rec } = watch();
    await poll(() => rec.chat.length === 3);
    expect(rec.last()).toMatchObject({ status: 'online', url: `youtube://broadcast/${settings.broadcastId}` });
    for (let round = 1; round <= 3; round++) {
      google.addChat(viewers(4, round * 10));
      clock.advance(POLL_MS);
      await poll(() => rec.chat.length === 3 + 4 * round, { what: `round ${round}` });
    }
    clock.advance(POLL_MS);
    await poll(() => chatReads().length === 5);
    expect(new Set(rec.chat.map((m) => m.id)).size).toBe(15);
    expect(rec.chat.map((m) => m.text)).toEqual(
      [0, 1, 2, 10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33].map((n) => `hello ${n}`),
    );
    expect(rec.chat[0]).toMatchObject({ author: 'Viewer 0', ts: expect.any(Number) });
    // Each read after the first carries the token the one before it returned.
    const reads = chatReads();
    expect(reads[0]!.query).toMatchObject({ liveChatId: 'chat-bc-live', part: 'snippet,authorDetails' });
    expect(reads[0]!.query.pageToken).toBeUndefined();
    for (const r of reads.slice(1)) expect(r.query.pageToken).toEqual(expect.any(String));
    expect(new Set(reads.slice(1).map((r) => r.query.pageToken)).size).toBe(4);
    expect(reads.every((r) => /^Bearer ya29\./.test(String(r.headers.authorization)))).toBe(true);
  });

  it('reads no faster than YouTube says, and slower when the day’s quota would not last the event', async () => {
    const fast = watch();
    await readsTaken(1);
    clock.advance(POLL_MS - 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(chatReads()).toHaveLength(1);
    clock.advance(1);
    await poll(() => chatReads().length === 2);
    await fast.source.stop();

    const paced = watch({ dailyQuota: 10_000 });
    const before = chatReads().length;
    await readsTaken(before + 1);
    const every = paced.ledger.chatDelayMs(POLL_MS);
    expect(every).toBeGreaterThan(POLL_MS);
    expect(paced.source.quota?.()).toMatchObject({
      limit: 10_000,
      pollEveryMs: every,
      warning: expect.stringMatching(/read every/),
    });
    clock.advance(every - 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(chatReads()).toHaveLength(before + 1);
    clock.advance(1);
    await poll(() => chatReads().length === before + 2);
  });

  it("turns the stream's status into samples: its grade, its issues, its state once it has been active", async () => {
    const { rec } = watch();
    await poll(() => rec.health.length === 1);
    expect(rec.health[0]).toMatchObject({ platformHealth: 'good', streamState: 'online', platformIssues: [] });
    google.setHealth({
      streamStatus: 'active',
      healthStatus: 'bad',
      configurationIssues: [
        {
          type: 'bitrateLow',
          severity: 'error',
          reason: 'Check video settings',
          description: 'The bitrate is too low.',
        },
        { type: 'gopSizeLong', severity: 'info', reason: 'Keyframes', description: 'Use a 2 s keyframe interval.' },
      ],
    });
    clock.advance(30_000);
    await poll(() => rec.health.length === 2);
    expect(rec.health[1]).toMatchObject({ platformHealth: 'bad', platformIssues: ['error: The bitrate is too low.'] });
    const streamReads = google.requests.filter((r) => r.path === '/youtube/v3/liveStreams');
    expect(streamReads.at(-1)!.query).toMatchObject({ id: 's-1', part: 'status' });
  });

  it('posts into the chat and knows the message as ours by the id YouTube returned', async () => {
    const { rec, source } = watch();
    await poll(() => source.isConnected());
    const ack = await source.postToChat({
      key: 'inc-1:1:webinar-chat',
      author: 'Organiser',
      text: 'We hear you: audio is back in 2 minutes.',
    });
    expect(ack).toMatchObject({ ok: true, duplicate: false });
    expect(google.posted).toEqual([
      {
        id: (ack as { messageId: string }).messageId,
        liveChatId: 'chat-bc-live',
        messageText: 'We hear you: audio is back in 2 minutes.',
      },
    ]);
    const insert = google.requests.find((r) => r.method === 'POST' && r.path === '/youtube/v3/liveChat/messages')!;
    expect(insert.query).toMatchObject({ part: 'snippet' });
    expect(insert.body).toEqual({
      snippet: {
        liveChatId: 'chat-bc-live',
        type: 'textMessageEvent',
        textMessageDetails: { messageText: 'We hear you: audio is back in 2 minutes.' },
      },
    });
    expect(rec.own).toEqual([(ack as { messageId: string }).messageId]);
    clock.advance(POLL_MS);
    await poll(() => rec.chat.some((m) => m.id === rec.own[0]));
  });

  it('gets a fresh access token with the refresh token when the old one lapsed, and reads on', async () => {
    const { rec } = watch();
    await readsTaken(1);
    google.expireAccessTokens();
    google.addChat(viewers(1, 70));
    clock.advance(POLL_MS);
    await poll(() => rec.chat.length === 1);
    const refresh = google.requests.filter((r) => r.path === '/token' && r.body?.grant_type === 'refresh_token');
    expect(refresh.length).toBeGreaterThanOrEqual(1);
    expect(refresh.at(-1)!.body).toMatchObject({ client_id: settings.clientId, refresh_token: settings.refreshToken });
    expect(rec.last()).toMatchObject({ status: 'online' });
  });

  it('stops for good when the sign-in is revoked, and says to sign in again', async () => {
    const { rec, source } = watch();
    await readsTaken(1);
    google.revokeAll();
    clock.advance(POLL_MS);
    await poll(() => rec.last()?.status === 'offline');
    expect(rec.last()!.lastError).toMatch(/sign in again/);
    expect(source.needsSignIn?.()).toBe(true);
    const seen = google.requests.length;
    clock.advance(6 * 3_600_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(google.requests.length).toBe(seen);
    expect(await source.postToChat({ key: 'k', author: 'a', text: 'x' })).toMatchObject({ ok: false, permanent: true });
  });

  it("waits for midnight Pacific Time when YouTube says the day's quota is gone, spending nothing meanwhile", async () => {
    const { rec, source } = watch({ dailyQuota: 10_000 });
    await readsTaken(1);
    google.exhaustQuota();
    clock.advance(60_000);
    await poll(() => rec.last()?.lastError?.includes('quota is used up'));
    expect(source.quota?.()).toMatchObject({ used: 10_000, limit: 10_000 });
    const seen = google.requests.length;
    clock.advance(60 * 60_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(google.requests.length).toBe(seen);
    expect(await source.postToChat({ key: 'k', author: 'a', text: 'x' })).toMatchObject({ ok: false });
    expect(google.requests.length).toBe(seen);
    expect(POST_RESERVE).toBeGreaterThan(0);
  });

  it('honours Retry-After on a 429 and goes on where it was', async () => {
    const { rec } = watch();
    await readsTaken(1);
    google.failNext('/youtube/v3/liveChat/messages', { status: 429, retryAfter: 7 });
    clock.advance(POLL_MS);
    await poll(() => rec.last()?.lastError?.includes('slow down'));
    const failedAt = chatReads().length;
    google.addChat(viewers(2, 50));
    clock.advance(6_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(chatReads()).toHaveLength(failedAt);
    clock.advance(1_000);
    await poll(() => rec.chat.length === 2);
  });

  it('says so when the live chat has ended, and reads it no more', async () => {
    const { rec } = watch();
    await readsTaken(1);
    google.endChat('chat-bc-live');
    clock.advance(POLL_MS);
    await poll(() => rec.last()?.detail?.includes('the live chat has ended'));
    const seen = chatReads().length;
    clock.advance(10 * POLL_MS);
    await new Promise((r) => setTimeout(r, 100));
    expect(chatReads()).toHaveLength(seen);
  });
});
