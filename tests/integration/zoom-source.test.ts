/**
 * The Zoom source against a stand-in speaking Zoom's documented shapes over real HTTP and a real WebSocket on
 * 127.0.0.1 (tests/support/zoom-standin.ts). The source's timers (heartbeat, backoff, Retry-After) run on a
 * fake clock the test advances; the stand-in's tokens expire on the same clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage, ConnectionState, HealthSample } from '../../shared/types';
import type { SourceAdapter, SourceSink } from '../../electron/main/services/ingest/source-adapter';
import { testZoom, zoomSource } from '../../electron/main/services/sources/zoom/zoom-source';
import { fakeClock, type FakeClock } from '../support/fake-clock';
import { freePort } from '../support/free-port';
import { poll } from '../support/poll';
import { startZoomStandin, type ZoomStandin } from '../support/zoom-standin';

const APP = { accountId: 'acc-1', clientId: 'client-1', clientSecret: 'secret-1', subscriptionId: 'sub-1' };
const WEBINAR = '81234567890';
const TOPIC = 'Quarterly results';
/** The first retry waits 1 s ± the backoff's jitter. */
const FIRST_RETRY_MS = 1500;

/** Local hh:mm, as the connection detail shows times. */
const hhmm = (ts: number) => new Date(ts).toTimeString().slice(0, 5);

function recordingSink() {
  const r = {
    connections: [] as ConnectionState[],
    chat: [] as ChatMessage[],
    health: [] as HealthSample[],
    quarantined: [] as { event: string; reason: string }[],
    /** What a platform source never calls: it carries no time line and takes no posts. */
    unexpected: [] as string[],
  };
  const sink: SourceSink = {
    hello: () => void r.unexpected.push('hello'),
    ended: () => void r.unexpected.push('ended'),
    ownPost: () => void r.unexpected.push('ownPost'),
    chat: (m) => void r.chat.push(...m),
    health: (s) => void r.health.push(s),
    connection: (c) => void r.connections.push(c),
    quarantined: (event, reason) => void r.quarantined.push({ event, reason }),
  };
  return { ...r, sink, last: () => r.connections.at(-1) };
}
type Recording = ReturnType<typeof recordingSink>;

let clock: FakeClock;
let zoom: ZoomStandin;
let logs: string[];
const sources: SourceAdapter[] = [];

beforeEach(async () => {
  clock = fakeClock();
  logs = [];
  zoom = await startZoomStandin({ ...APP, webinars: { [WEBINAR]: { topic: TOPIC } }, now: () => clock.now() });
});

afterEach(async () => {
  for (const s of sources.splice(0)) await s.stop();
  await zoom.close();
});

function watch(o: { subscriptionId?: string; webinarId?: string } = {}): Recording {
  const rec = recordingSink();
  const source = zoomSource({
    ...APP,
    subscriptionId: o.subscriptionId ?? APP.subscriptionId,
    webinarId: o.webinarId ?? WEBINAR,
    baseUrl: zoom.baseUrl,
    clock,
    log: (line) => logs.push(line),
  });
  sources.push(source);
  source.start(rec.sink);
  return rec;
}

const online = (rec: Recording, times = 1) =>
  poll(() => (rec.connections.filter((c) => c.status === 'online').length >= times ? rec.last() : undefined), {
    what: `online ${times}×`,
  });
const offline = (rec: Recording) =>
  poll(() => (rec.last()?.status === 'offline' ? rec.last() : undefined), { what: 'offline' });
const tokenRequests = () => zoom.requests.filter((r) => r.path === '/oauth/token');
const upgrades = () => zoom.requests.filter((r) => r.path === '/ws');
const issuedTokens = () => upgrades().map((r) => r.query.access_token);

const webinar = { id: WEBINAR, uuid: 'w-uuid==', host_id: 'host-1', topic: TOPIC, type: 5, duration: 60 };
const chatMessage = (id: string, sender: string, text: string) => ({
  event: 'webinar.chat_message_sent',
  object: {
    id: Number(WEBINAR),
    uuid: 'w-uuid==',
    chat_message: {
      date_time: '2026-05-12T12:34:56Z',
      sender_session_id: `s-${sender}`,
      sender_name: sender,
      sender_type: 'attendee',
      recipient_type: 'everyone',
      message_id: id,
      message_content: text,
    },
  },
});
const participant = (event: 'joined' | 'left', userId: string, uuid: string) => ({
  event: `webinar.participant_${event}`,
  object: { ...webinar, participant: { user_id: userId, user_name: userId, email: '', participant_uuid: uuid } },
});

describe('the Zoom source, against a Zoom stand-in', () => {
  it('asks for a token as Zoom documents, subscribes with it and names the webinar', async () => {
    const rec = watch();
    const state = await online(rec);

    const [asked] = tokenRequests();
    expect(asked).toMatchObject({
      method: 'POST',
      query: { grant_type: 'account_credentials', account_id: 'acc-1' },
      headers: { authorization: `Basic ${Buffer.from('client-1:secret-1').toString('base64')}` },
    });
    const token = issuedTokens()[0]!;
    expect(zoom.requests.find((r) => r.path === `/v2/webinars/${WEBINAR}`)?.headers.authorization).toBe(
      `Bearer ${token}`,
    );
    expect(upgrades()[0]?.query).toEqual({ subscriptionId: 'sub-1', access_token: token });
    expect(await poll(() => zoom.received[0], { what: 'a heartbeat' })).toEqual({ module: 'heartbeat' });

    expect(state).toMatchObject({ url: `zoom://webinar/${WEBINAR}`, attempt: 0 });
    expect(state.detail).toBe(
      `Zoom · webinar ${WEBINAR} "${TOPIC}" · viewers counted from ${hhmm(clock.now())}, when Onair connected`,
    );
    expect(JSON.stringify(rec.connections)).not.toContain('secret-1');
    expect(JSON.stringify(rec.connections)).not.toContain(token);

    zoom.send({ event: 'webinar.started', object: webinar });
    await poll(() => rec.last()?.detail?.includes(`· live since ${hhmm(clock.now())} ·`), { what: 'live' });
    zoom.send({ event: 'webinar.ended', object: webinar });
    await poll(() => rec.last()?.detail?.includes(`· ended at ${hhmm(clock.now())} ·`), { what: 'ended' });
    expect(rec.last()?.status).toBe('online');
    expect(rec.health).toEqual([]); // an ended webinar is no stream state
    expect(rec.unexpected).toEqual([]);
  });

  it("delivers the chat with Zoom's message id, sender and text", async () => {
    const rec = watch();
    await online(rec);
    zoom.send(chatMessage('msg-1', 'Giulia R.', 'non si sente niente'));
    zoom.send(chatMessage('msg-2', 'Tom', 'AUDIO??'));
    await poll(() => rec.chat.length === 2);
    const ts = Date.parse('2026-05-12T12:34:56Z');
    expect(rec.chat).toEqual([
      { id: 'msg-1', author: 'Giulia R.', text: 'non si sente niente', ts },
      { id: 'msg-2', author: 'Tom', text: 'AUDIO??', ts },
    ]);
  });

  it('counts viewers from joins and leaves, and passes on webinar.alert with its issues as Zoom says them', async () => {
    const rec = watch();
    await online(rec);
    zoom.send(participant('joined', '16778240', 'p-ada'));
    zoom.send(participant('joined', '16779264', 'p-bob'));
    zoom.send(participant('joined', '16780288', 'p-ada')); // Ada again, from a reconnect
    zoom.send(participant('left', '16778240', 'p-ada'));
    zoom.send(participant('left', '16779264', 'p-bob'));
    zoom.send(participant('left', '16780288', 'p-ada'));
    const issues = ['Unstable audio quality', 'High CPU occupation'];
    zoom.send({ event: 'webinar.alert', object: { ...webinar, issues } });
    await poll(() => rec.health.length === 7);
    expect(rec.health.slice(0, 6)).toEqual([1, 2, 2, 2, 1, 0].map((viewers) => ({ ts: clock.now(), viewers })));
    expect(rec.health[6]).toEqual({ ts: clock.now(), platformIssues: issues });
  });

  it("ignores other webinars' events (counted in the log) and quarantines what it cannot read", async () => {
    const rec = watch();
    await online(rec);
    const elsewhere = chatMessage('other-1', 'Eve', 'hello');
    zoom.send({ ...elsewhere, object: { ...elsewhere.object, id: 999 } });
    zoom.send({ event: 'webinar.alert', object: { ...webinar, id: '999', issues: ['Call Reconnection'] } });
    zoom.send({
      event: 'webinar.chat_message_sent',
      object: { id: WEBINAR, chat_message: { sender_name: 'Mallory' } },
    });
    zoom.sendFrame('this is not a frame');
    zoom.send(chatMessage('msg-3', 'Tom', 'after')); // one socket keeps the order: everything before is handled
    await poll(() => rec.chat.length === 1);

    expect(rec.chat.map((m) => m.id)).toEqual(['msg-3']);
    expect(rec.health).toEqual([]);
    expect(rec.quarantined).toEqual([
      {
        event: 'zoom.webinar.chat_message_sent',
        reason: expect.stringMatching(/^payload: object\.chat_message\.message_content/),
      },
      { event: 'zoom.frame', reason: 'not JSON' },
    ]);
    expect(logs).toContain(
      `zoom webinar ${WEBINAR}: ignored webinar.chat_message_sent of webinar 999, not ${WEBINAR} (1 ignored so far)`,
    );
  });
});

describe('the Zoom source when the connection drops', () => {
  it('says the events in between are lost, and reconnects on the token it holds while it is fresh', async () => {
    const rec = watch();
    await online(rec);
    const droppedAt = clock.now();
    zoom.dropSockets();
    const down = await offline(rec);
    expect(down.lastError).toMatch(
      /^the connection to Zoom dropped \(.+\); events Zoom sent while the connection was closed are lost: Zoom does not resend them$/,
    );
    expect(down.attempt).toBe(1);

    clock.advance(FIRST_RETRY_MS);
    const back = await online(rec, 2);
    expect(back.detail).toContain(
      `· events from ${hhmm(droppedAt)} to ${hhmm(clock.now())} lost: Zoom does not resend them`,
    );
    expect(back.attempt).toBe(0);
    expect(tokenRequests()).toHaveLength(1);
    expect(new Set(issuedTokens()).size).toBe(1);
    expect(upgrades()).toHaveLength(2);
  });

  it('asks for a new token before reconnecting when the one it holds expires within 5 minutes', async () => {
    zoom.expiresInSec = 290;
    const rec = watch();
    await online(rec);
    zoom.dropSockets();
    await offline(rec);
    clock.advance(FIRST_RETRY_MS);
    await online(rec, 2);
    expect(tokenRequests()).toHaveLength(2);
    const [first, second] = issuedTokens();
    expect(second).not.toBe(first);
  });

  it('replaces a token Zoom no longer takes, instead of giving up on the subscription', async () => {
    const rec = watch();
    await online(rec);
    zoom.revokeTokens();
    zoom.dropSockets();
    await offline(rec);
    clock.advance(FIRST_RETRY_MS);
    await poll(
      () => rec.last()?.lastError?.startsWith('Zoom refused the access token Onair held (Zoom: Invalid Token)'),
      {
        what: 'the held token refused',
      },
    );
    clock.advance(3000); // the second retry: 2 s ± jitter
    await online(rec, 2);
    expect(tokenRequests()).toHaveLength(2);
    expect(upgrades()).toHaveLength(3);
  });

  it('drops a socket whose heartbeats went unanswered for two intervals, and connects again', async () => {
    zoom.answerHeartbeats = false;
    const rec = watch();
    await online(rec); // on Zoom's build_connection
    clock.advance(30_000);
    await poll(() => zoom.received.length === 2, { what: 'the second heartbeat' });
    expect(rec.last()?.status).toBe('online');
    clock.advance(30_000);
    expect(rec.last()).toMatchObject({
      status: 'offline',
      lastError: expect.stringMatching(/^no heartbeat answer from Zoom for 60 s; events Zoom sent/),
    });
    await poll(() => zoom.connections === 0, { what: 'the silent socket closed' });

    zoom.answerHeartbeats = true;
    clock.advance(FIRST_RETRY_MS);
    await online(rec, 2);
  });

  it('stop() closes the socket and leaves no timer behind', async () => {
    const rec = watch();
    await online(rec);
    await sources.pop()!.stop();
    await poll(() => zoom.connections === 0, { what: 'the socket closed' });
    expect(clock.pending()).toBe(0);
  });
});

describe('the Zoom source when Zoom refuses', () => {
  it('stops after one token request when the credentials are refused', async () => {
    zoom.refuseCredentials = true;
    const rec = watch();
    const state = await offline(rec);
    expect(state.lastError).toBe(
      "Zoom refused the app's credentials: check the account id, client id and secret (Zoom: Invalid client_id or client_secret); Onair stopped trying until the source is set again",
    );
    clock.advance(24 * 60 * 60_000);
    expect(clock.pending()).toBe(0);
    expect(tokenRequests()).toHaveLength(1);
    expect(upgrades()).toHaveLength(0);
  });

  it('stops after one socket when Zoom refuses the subscription', async () => {
    const rec = watch({ subscriptionId: 'sub-unknown' });
    const state = await offline(rec);
    expect(state.lastError).toMatch(
      /^Zoom refused the event subscription sub-unknown \(Zoom: Invalid subscriptionId\): check the subscription id/,
    );
    clock.advance(60 * 60_000);
    expect(upgrades()).toHaveLength(1);
  });

  it('stops at once for a webinar the account does not have', async () => {
    const rec = watch({ webinarId: '999' });
    const state = await offline(rec);
    expect(state.lastError).toMatch(
      /^Zoom has no webinar 999 on this account: check the webinar id \(Zoom: Webinar does not exist: 999\.\)/,
    );
    clock.advance(60 * 60_000);
    expect(upgrades()).toHaveLength(0);
  });

  it("waits a 429's Retry-After before asking for a token again", async () => {
    zoom.rateLimitTokens(20);
    const rec = watch();
    const state = await offline(rec);
    expect(state.lastError).toBe(
      "Zoom's token endpoint asks Onair to slow down (429) (Zoom: You have reached the maximum per-second rate limit. Try again later.): trying again in 20 s",
    );
    clock.advance(19_000);
    expect(clock.pending()).toBe(1); // still waiting
    expect(tokenRequests()).toHaveLength(1);
    clock.advance(1000);
    await online(rec);
    expect(tokenRequests()).toHaveLength(2);
  });
});

describe('testZoom', () => {
  const settings = { ...APP, webinarId: WEBINAR };

  it("answers with the webinar's topic", async () => {
    expect(await testZoom({ ...settings, baseUrl: zoom.baseUrl })).toEqual({
      ok: true,
      detail: `Zoom · webinar ${WEBINAR} "${TOPIC}"`,
    });
  });

  it('says why not: a wrong secret, an unknown webinar, Zoom unreachable', async () => {
    expect(await testZoom({ ...settings, clientSecret: 'wrong', baseUrl: zoom.baseUrl })).toEqual({
      ok: false,
      detail:
        "Zoom refused the app's credentials: check the account id, client id and secret (Zoom: Invalid client_id or client_secret)",
    });
    expect(await testZoom({ ...settings, webinarId: '999', baseUrl: zoom.baseUrl })).toEqual({
      ok: false,
      detail: 'Zoom has no webinar 999 on this account: check the webinar id (Zoom: Webinar does not exist: 999.)',
    });
    const port = await freePort();
    expect(await testZoom({ ...settings, baseUrl: `http://127.0.0.1:${port}` })).toEqual({
      ok: false,
      detail: `Zoom is unreachable (127.0.0.1:${port}: ECONNREFUSED)`,
    });
  });
});
