import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError, type ChannelAdapter, type Credentials } from './channel-adapter';
import { createFacebookAdapter } from './facebook';
import { httpRequest, parseRetryAfter } from './http';
import { createLinkedInAdapter } from './linkedin';
import { createSmsAdapter } from './sms';
import { createDiscordAdapter, createSlackAdapter } from './webhooks';
import { createXAdapter } from './x';
import { makePost, SECRET } from './test-support/fixtures';
import { refusedUrl, startPeer, type Peer, type Reply } from '../../../../tests/support/http-peer';

let peer: Peer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

async function sendError(adapter: ChannelAdapter, creds: Credentials, signal?: AbortSignal): Promise<ChannelError> {
  const err = await adapter.send(makePost(adapter.id), creds, signal).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ChannelError);
  const e = err as ChannelError;
  // The token and the full webhook URL never surface, whatever the peer echoed back.
  expect(`${e.message} ${e.stack} ${JSON.stringify(e)}`).not.toContain(SECRET);
  return e;
}

async function xWith(reply: Reply, timeoutMs?: number) {
  peer = await startPeer(() => reply);
  return sendError(createXAdapter({ timeoutMs }), { endpoint: peer.url, bearerToken: SECRET });
}

describe('error classification', () => {
  it('401 is not retryable, and an echoed token is scrubbed', async () => {
    const e = await xWith({ status: 401, body: { title: 'Unauthorized', detail: `Token ${SECRET} is invalid` } });
    expect(e).toMatchObject({ retryable: false, status: 401 });
    expect(e.message).toContain('HTTP 401 from 127.0.0.1');
    expect(e.message).toContain('[redacted]');
  });

  it('403/400 are not retryable; 408 is', async () => {
    expect(await xWith({ status: 403, body: { detail: 'duplicate content' } })).toMatchObject({
      retryable: false,
      status: 403,
    });
    await peer!.close();
    expect(await xWith({ status: 408 })).toMatchObject({ retryable: true, status: 408 });
  });

  it('503 is retryable', async () => {
    const e = await xWith({ status: 503, body: '<html>upstream down</html>' });
    expect(e).toMatchObject({ retryable: true, status: 503 });
    expect(e.message).not.toContain('<html>');
  });

  it('429 honours Retry-After (seconds)', async () => {
    const e = await xWith({ status: 429, headers: { 'Retry-After': '7' }, body: { title: 'Too Many Requests' } });
    expect(e).toMatchObject({ retryable: true, status: 429, retryAfterMs: 7000 });
  });

  it('429 falls back to Discord retry_after in the body', async () => {
    peer = await startPeer(() => ({
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 1.5, global: false },
    }));
    const e = await sendError(createDiscordAdapter(), { webhookUrl: `${peer.url}/api/webhooks/1/${SECRET}` });
    expect(e).toMatchObject({ retryable: true, retryAfterMs: 1500 });
    expect(e.message).toContain('127.0.0.1');
    expect(e.message).not.toContain('/api/webhooks');
  });

  it('parses Retry-After as an HTTP date', () => {
    const now = Date.parse('2024-05-01T12:00:00Z');
    expect(parseRetryAfter('Wed, 01 May 2024 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('connection refused is retryable', async () => {
    const url = await refusedUrl();
    const e = await sendError(createSmsAdapter(), { endpoint: url, apiKey: SECRET, sender: 'S', recipients: '+1' });
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/network error contacting 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('a peer that never answers times out as retryable', async () => {
    const e = await xWith('hang', 150);
    expect(e.retryable).toBe(true);
    expect(e.message).toContain('did not answer within 150 ms');
  });

  it('a caller abort is reported as retryable', async () => {
    const ctl = new AbortController();
    peer = await startPeer(() => {
      ctl.abort(); // abort once the request is in flight
      return 'hang';
    });
    const e = await sendError(createXAdapter(), { endpoint: peer.url, bearerToken: SECRET }, ctl.signal);
    expect(e).toMatchObject({ retryable: true });
    expect(e.message).toContain('aborted');
  });

  it('a redirect is not followed (it could carry the token elsewhere)', async () => {
    peer = await startPeer(() => ({ status: 307, headers: { Location: 'http://127.0.0.1:1/steal' } }));
    const e = await sendError(createLinkedInAdapter(), {
      endpoint: peer.url,
      accessToken: SECRET,
      author: 'urn:li:person:1',
    });
    expect(e).toMatchObject({ retryable: false, status: 307 });
    expect(peer.requests).toHaveLength(1);
  });

  it('Graph code 190 is not retryable, code 4 (throttled) is', async () => {
    let code = 190;
    peer = await startPeer(() => ({
      status: 400,
      body: { error: { message: 'Error validating access token', type: 'OAuthException', code } },
    }));
    const creds = { endpoint: peer.url, pageId: '1', pageAccessToken: SECRET };
    const e190 = await sendError(createFacebookAdapter(), creds);
    expect(e190).toMatchObject({ retryable: false, status: 400 });
    expect(e190.message).toContain('Error validating access token (code 190)');
    code = 4;
    expect(await sendError(createFacebookAdapter(), creds)).toMatchObject({ retryable: true });
  });

  it('Slack error bodies are plain-text codes; the webhook path never appears', async () => {
    peer = await startPeer(() => ({ status: 404, body: 'no_service' }));
    const e = await sendError(createSlackAdapter(), { webhookUrl: `${peer.url}/services/T000/B000/${SECRET}` });
    expect(e).toMatchObject({ retryable: false, status: 404 });
    expect(e.message).toBe(`slack: HTTP 404 from ${new URL(peer.url).host}: no_service`);
  });

  it('missing or unusable configuration is not retryable and names no value', async () => {
    expect(await sendError(createSmsAdapter(), { apiKey: SECRET })).toMatchObject({ retryable: false });
    const bad = await sendError(createXAdapter(), { endpoint: `not a url ${SECRET}`, bearerToken: SECRET });
    expect(bad.message).toBe('x: endpoint is not a valid URL');
    const clear = await sendError(createXAdapter(), { endpoint: 'http://api.example.com', bearerToken: SECRET });
    expect(clear).toMatchObject({ retryable: false });
    expect(clear.message).toContain('https required');
  });

  it('testConnection reports failure instead of throwing', async () => {
    peer = await startPeer(() => ({ status: 401, body: { message: `bad ${SECRET}` } }));
    const res = await createXAdapter().testConnection({ endpoint: peer.url, bearerToken: SECRET });
    expect(res.ok).toBe(false);
    expect(res.detail).toContain('HTTP 401');
    expect(res.detail).not.toContain(SECRET);
  });

  it('httpRequest returns status, headers and parsed JSON on 2xx', async () => {
    peer = await startPeer(() => ({ status: 201, headers: { 'X-Test': 'yes' }, body: { a: 1 } }));
    const res = await httpRequest({ channel: 'webhook', url: peer.url, body: '{}', creds: {} });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-test')).toBe('yes');
    expect(res.json).toEqual({ a: 1 });
  });
});
