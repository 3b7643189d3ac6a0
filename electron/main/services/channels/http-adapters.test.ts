import { afterEach, describe, expect, it } from 'vitest';
import { createFacebookAdapter } from './facebook';
import { createLinkedInAdapter, linkedInPostBody } from './linkedin';
import { createSmsAdapter } from './sms';
import { createXAdapter } from './x';
import { makePost, SECRET } from './test-support/fixtures';
import { startPeer, type Peer } from '../../../../tests/support/http-peer';

let peer: Peer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

describe('sms gateway', () => {
  it('POSTs {from,to,text} to /messages with Bearer key and Idempotency-Key', async () => {
    peer = await startPeer(() => ({ status: 201, body: { id: 'msg_77' } }));
    const creds = {
      endpoint: `${peer.url}/v1/`,
      apiKey: SECRET,
      sender: 'Onair',
      recipients: '+4915100000001, +4915100000002',
    };
    const post = makePost('sms');
    const receipt = await createSmsAdapter().send(post, creds);
    const [req] = peer.requests;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v1/messages');
    expect(req.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(req.headers['idempotency-key']).toBe(post.idempotencyKey);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.json).toEqual({
      from: 'Onair',
      to: ['+4915100000001', '+4915100000002'],
      text: `${post.text}\n\n${post.link}`,
    });
    expect(receipt).toMatchObject({ channel: 'sms', remoteId: 'msg_77' });
    expect(receipt.detail).toContain('2 recipients');
    expect(JSON.stringify(receipt)).not.toContain(SECRET);
  });

  it('does not repeat a link the composer already put into the text', async () => {
    peer = await startPeer(() => ({ status: 200, body: { id: 1 } }));
    const post = makePost('sms', { text: 'Back in 5 min: https://status.example.com/live?e=1&x=2' });
    await createSmsAdapter().send(post, { endpoint: peer.url, apiKey: SECRET, sender: 'S', recipients: '+1' });
    expect(peer.requests[0].json.text).toBe(post.text);
  });
});

describe('x (API v2)', () => {
  it('POSTs {text} to /2/tweets with the user token and reads data.id', async () => {
    peer = await startPeer((r) => ({ status: 201, body: { data: { id: '1790000000000000001', text: r.json.text } } }));
    const post = makePost('x', { link: undefined });
    const receipt = await createXAdapter().send(post, { endpoint: peer.url, bearerToken: SECRET });
    const [req] = peer.requests;
    expect([req.method, req.path]).toEqual(['POST', '/2/tweets']);
    expect(req.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.json).toEqual({ text: post.text });
    expect(receipt.remoteId).toBe('1790000000000000001');
  });

  it('testConnection GETs /2/users/me', async () => {
    peer = await startPeer(() => ({ body: { data: { id: '1', name: 'Acme', username: 'acme_events' } } }));
    const res = await createXAdapter().testConnection({ endpoint: peer.url, bearerToken: SECRET });
    expect(res).toEqual({ ok: true, detail: 'posting as @acme_events' });
    expect([peer.requests[0].method, peer.requests[0].path]).toEqual(['GET', '/2/users/me']);
  });
});

describe('linkedin (Posts API)', () => {
  it('POSTs the documented body to /rest/posts with versioned headers and reads x-restli-id', async () => {
    peer = await startPeer(() => ({ status: 201, headers: { 'x-restli-id': 'urn:li:share:7200000000000000000' } }));
    const post = makePost('linkedin', { text: 'Audio fixed (sorry!) #live', link: undefined });
    const creds = { endpoint: peer.url, accessToken: SECRET, author: 'urn:li:organization:123' };
    const receipt = await createLinkedInAdapter().send(post, creds);
    const [req] = peer.requests;
    expect([req.method, req.path]).toEqual(['POST', '/rest/posts']);
    expect(req.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(req.headers['linkedin-version']).toBe('202405');
    expect(req.headers['x-restli-protocol-version']).toBe('2.0.0');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.json).toEqual({
      author: 'urn:li:organization:123',
      commentary: 'Audio fixed \\(sorry!\\) \\#live',
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
    });
    expect(linkedInPostBody('a', 'b')).toMatchObject({ author: 'a', commentary: 'b' });
    expect(receipt.remoteId).toBe('urn:li:share:7200000000000000000');
  });

  it('testConnection GETs /v2/userinfo and checks a person author against the token', async () => {
    peer = await startPeer(() => ({ body: { sub: 'abc', name: 'Pat Producer' } }));
    const adapter = createLinkedInAdapter();
    expect(
      await adapter.testConnection({ endpoint: peer.url, accessToken: SECRET, author: 'urn:li:person:abc' }),
    ).toEqual({
      ok: true,
      detail: 'signed in as Pat Producer',
    });
    const mismatch = await adapter.testConnection({
      endpoint: peer.url,
      accessToken: SECRET,
      author: 'urn:li:person:zzz',
    });
    expect(mismatch.ok).toBe(false);
    expect(peer.requests[0].path).toBe('/v2/userinfo');
    expect(peer.requests[0].headers.authorization).toBe(`Bearer ${SECRET}`);
  });
});

describe('facebook (Graph API page feed)', () => {
  it('POSTs form-encoded message, link and page token to /{pageId}/feed', async () => {
    peer = await startPeer(() => ({ body: { id: '1234_5678' } }));
    const post = makePost('facebook');
    const receipt = await createFacebookAdapter().send(post, {
      endpoint: `${peer.url}/v21.0`,
      pageId: '1234',
      pageAccessToken: SECRET,
    });
    const [req] = peer.requests;
    expect([req.method, req.path]).toEqual(['POST', '/v21.0/1234/feed']);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(req.body);
    expect(Object.fromEntries(form)).toEqual({ message: post.text, link: post.link, access_token: SECRET });
    expect(receipt.remoteId).toBe('1234_5678');
  });

  it('testConnection GETs /{pageId}?fields=name&access_token=…', async () => {
    peer = await startPeer(() => ({ body: { name: 'Acme Events', id: '1234' } }));
    const res = await createFacebookAdapter().testConnection({
      endpoint: peer.url,
      pageId: '1234',
      pageAccessToken: SECRET,
    });
    expect(res).toEqual({ ok: true, detail: 'page "Acme Events"' });
    const url = new URL(peer.requests[0].path, peer.url);
    expect(url.pathname).toBe('/1234');
    expect(url.searchParams.get('fields')).toBe('name');
    expect(url.searchParams.get('access_token')).toBe(SECRET);
  });
});
