/**
 * Did the request get out? Failures before the connection is up are safe to retry; after it, the platform may
 * have published the post without telling us (maybeDelivered). Real peers on 127.0.0.1, timeouts on a fake
 * clock: a peer "answers after 12 s" by holding its answer until the test has advanced the clock.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClock } from '../../../../tests/support/fake-clock';
import { refusedUrl, startPeer, type Peer, type Reply } from '../../../../tests/support/http-peer';
import { ChannelError, type AdapterOptions, type ChannelAdapter } from './channel-adapter';
import { createSmsAdapter } from './sms';
import { createSlackAdapter } from './webhooks';
import { createXAdapter } from './x';
import { makePost, SECRET } from './test-support/fixtures';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A peer whose answers wait for `release()`; `arrived` resolves when a request is in. */
async function heldPeer(reply: Reply = { status: 201, body: { data: { id: '1' } } }) {
  let release!: () => void;
  const released = new Promise<Reply>((r) => (release = () => r(reply)));
  let arrive!: () => void;
  const arrived = new Promise<void>((r) => (arrive = r));
  const peer = await startPeer(() => (arrive(), released));
  cleanup.push(() => peer.close());
  return { peer, arrived, release };
}

async function peerWith(reply: Reply): Promise<Peer> {
  const peer = await startPeer(() => reply);
  cleanup.push(() => peer.close());
  return peer;
}

/** Accepts TCP connections and never says a word: a TLS handshake to it never completes. */
async function silentTcp(): Promise<string> {
  const sockets: Socket[] = [];
  const server: Server = createServer((s) => void sockets.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(
    () =>
      new Promise<void>((r) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => r());
      }),
  );
  const { port } = server.address() as { port: number };
  return `https://127.0.0.1:${port}`;
}

const fail = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the send to fail');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(ChannelError);
      return e as ChannelError;
    },
  );

const x = (opts: AdapterOptions, endpoint: string, signal?: AbortSignal) =>
  createXAdapter(opts).send(makePost('x'), { endpoint, bearerToken: SECRET }, signal);

describe('what a failed HTTP send tells the outbox', () => {
  it('a slow answer (12 s) is waited for: one request, one receipt', async () => {
    const clock = fakeClock();
    const { peer, arrived, release } = await heldPeer();
    const sending = x({ clock }, peer.url);
    await arrived;
    clock.advance(12_000);
    release();
    expect(await sending).toMatchObject({ channel: 'x', remoteId: '1' });
    expect(peer.requests).toHaveLength(1);
  });

  it('no answer within 60 s after the request went out is an unknown outcome, not a plain retry', async () => {
    const clock = fakeClock();
    const { peer, arrived } = await heldPeer();
    const sending = fail(x({ clock }, peer.url));
    await arrived;
    clock.advance(59_999);
    clock.advance(1);
    const e = await sending;
    expect(e).toMatchObject({ maybeDelivered: true, retryable: true });
    expect(e.message).toMatch(/^x: 127\.0\.0\.1:\d+ did not answer within 60000 ms$/);
  });

  it('a peer that drops the connection before answering leaves the outcome unknown', async () => {
    const e = await fail(x({}, (await peerWith('close')).url));
    expect(e.maybeDelivered).toBe(true);
    expect(e.message).toMatch(/closed the connection before answering/);
  });

  it('an answer cut off mid-body: unknown after a 2xx, a plain retry after a 503', async () => {
    const ok = await fail(x({}, (await peerWith({ status: 200, body: { data: { id: '7' } }, cutOff: true })).url));
    expect(ok).toMatchObject({ maybeDelivered: true, status: 200 });
    expect(ok.message).toMatch(/the answer from 127\.0\.0\.1:\d+ \(HTTP 200\) was cut off/);
    const busy = await fail(x({}, (await peerWith({ status: 503, body: { detail: 'busy' }, cutOff: true })).url));
    expect(busy).toMatchObject({ maybeDelivered: false, retryable: true, status: 503 });
  });

  it('nothing left when the connection was refused or never came up: safe to retry', async () => {
    const refused = await fail(x({}, await refusedUrl()));
    expect(refused).toMatchObject({ maybeDelivered: false, retryable: true });

    const clock = fakeClock();
    const handshake = fail(x({ clock }, await silentTcp()));
    clock.advance(10_000);
    const e = await handshake;
    expect(e).toMatchObject({ maybeDelivered: false, retryable: true });
    expect(e.message).toMatch(/^x: could not connect to 127\.0\.0\.1:\d+ within 10000 ms$/);
  });

  it('an abort before the connection is up sent nothing; an abort after it may have', async () => {
    const before = new AbortController();
    const connecting = fail(x({}, await silentTcp(), before.signal));
    before.abort();
    expect(await connecting).toMatchObject({ maybeDelivered: false, retryable: true });

    const after = new AbortController();
    const { peer, arrived } = await heldPeer();
    const sent = fail(x({}, peer.url, after.signal));
    await arrived;
    after.abort();
    expect(await sent).toMatchObject({ maybeDelivered: true });
  });

  it('every HTTP channel reports the same way (Slack, SMS gateway)', async () => {
    const clock = fakeClock();
    const slackPeer = await heldPeer({ body: 'ok' });
    const smsPeer = await heldPeer({ status: 201, body: { id: 's1' } });
    const adapters: [ChannelAdapter, Record<string, string>][] = [
      [createSlackAdapter({ clock }), { webhookUrl: `${slackPeer.peer.url}/services/T/B/${SECRET}` }],
      [createSmsAdapter({ clock }), { endpoint: smsPeer.peer.url, apiKey: SECRET, sender: 'S', recipients: '+1' }],
    ];
    const sends = adapters.map(([a, creds]) => fail(a.send(makePost(a.id), creds)));
    await Promise.all([slackPeer.arrived, smsPeer.arrived]);
    clock.advance(60_000);
    for (const e of await Promise.all(sends)) expect(e.maybeDelivered).toBe(true);
  });
});
