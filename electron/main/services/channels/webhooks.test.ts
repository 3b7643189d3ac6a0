import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, createSlackAdapter, createTeamsAdapter, createWebhookAdapter } from './webhooks';
import { makePost, SECRET } from './test-support/fixtures';
import { startPeer, type Peer } from '../../../../tests/support/http-peer';

let peer: Peer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

describe('slack incoming webhook', () => {
  it('POSTs {text, blocks:[section mrkdwn]} with the preview text escaped and the link; expects "ok"', async () => {
    peer = await startPeer(() => ({ body: 'ok' }));
    // The outbox text is the preview's: its bold subject line is already there and is not added again.
    const post = makePost('slack', { text: '*Audio problem on the main stage*\n\nAudio <b>dropped</b> & back soon' });
    const receipt = await createSlackAdapter().send(post, { webhookUrl: `${peer.url}/services/T1/B2/${SECRET}` });
    const [req] = peer.requests;
    expect([req.method, req.path]).toEqual(['POST', `/services/T1/B2/${SECRET}`]);
    expect(req.headers['content-type']).toBe('application/json');
    const text = `*Audio problem on the main stage*\n\nAudio &lt;b&gt;dropped&lt;/b&gt; &amp; back soon\n\nhttps://status.example.com/live?e=1&amp;x=2`;
    expect(req.json).toEqual({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
    expect(receipt.channel).toBe('slack');
    expect(JSON.stringify(receipt)).not.toContain(SECRET);
  });

  it('a 200 without "ok" is an error', async () => {
    peer = await startPeer(() => ({ body: 'something else' }));
    await expect(createSlackAdapter().send(makePost('slack'), { webhookUrl: peer.url })).rejects.toMatchObject({
      retryable: false,
    });
  });

  it('testConnection probes with an empty payload: 400 means the webhook is live', async () => {
    peer = await startPeer(() => ({ status: 400, body: 'no_text' }));
    const res = await createSlackAdapter().testConnection({ webhookUrl: `${peer.url}/services/x/${SECRET}` });
    expect(res.ok).toBe(true);
    expect(res.detail).not.toContain(SECRET);
    expect(peer.requests[0].body).toBe('{}');
  });
});

describe('teams workflows webhook', () => {
  it('POSTs an Adaptive Card 1.4 message', async () => {
    peer = await startPeer(() => ({ status: 202 }));
    const post = makePost('teams');
    const receipt = await createTeamsAdapter().send(post, {
      webhookUrl: `${peer.url}/workflows/abc/triggers/manual/paths/invoke?sig=${SECRET}`,
    });
    const [req] = peer.requests;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/workflows/abc/triggers/manual/paths/invoke?sig=${SECRET}`);
    expect(req.json).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [{ type: 'TextBlock', text: `${post.text}\n\n${post.link}`, wrap: true }],
          },
        },
      ],
    });
    expect(receipt.detail).toBe(`HTTP 202 from ${new URL(peer.url).host}`);
  });

  it('adds no heading of its own: the text carries the one the preview showed', async () => {
    peer = await startPeer(() => ({ status: 202 }));
    await createTeamsAdapter().send(makePost('teams', { subject: undefined, link: undefined }), {
      webhookUrl: peer.url,
    });
    expect(peer.requests[0].json.attachments[0].content.body).toEqual([
      { type: 'TextBlock', text: makePost('teams').text, wrap: true },
    ]);
  });
});

describe('discord webhook', () => {
  it('POSTs {content, allowed_mentions} with ?wait=true and reads the message id', async () => {
    peer = await startPeer(() => ({ body: { id: '1234567890', content: 'x' } }));
    const post = makePost('discord', { text: '**Audio problem on the main stage**\n\n@everyone audio is back' });
    const receipt = await createDiscordAdapter().send(post, { webhookUrl: `${peer.url}/api/webhooks/1/${SECRET}` });
    const [req] = peer.requests;
    expect([req.method, req.path]).toEqual(['POST', `/api/webhooks/1/${SECRET}?wait=true`]);
    expect(req.json).toEqual({
      content: `**Audio problem on the main stage**\n\n@everyone audio is back\n\n${post.link}`,
      allowed_mentions: { parse: [] },
    });
    expect(receipt.remoteId).toBe('1234567890');
  });

  it('testConnection GETs the webhook object without posting', async () => {
    peer = await startPeer(() => ({ body: { name: 'Onair', channel_id: '9' } }));
    const res = await createDiscordAdapter().testConnection({ webhookUrl: `${peer.url}/api/webhooks/1/${SECRET}` });
    expect(res).toEqual({ ok: true, detail: `webhook "Onair" on ${new URL(peer.url).host}` });
    expect([peer.requests[0].method, peer.requests[0].path]).toEqual(['GET', `/api/webhooks/1/${SECRET}`]);
  });
});

describe('generic webhook', () => {
  it('POSTs the Onair JSON with Idempotency-Key and a verifiable HMAC signature', async () => {
    peer = await startPeer(() => ({ status: 204 }));
    const post = makePost('webhook');
    await createWebhookAdapter().send(post, { url: `${peer.url}/hooks/onair`, secret: SECRET });
    const [req] = peer.requests;
    expect([req.method, req.path]).toEqual(['POST', '/hooks/onair']);
    expect(req.headers['idempotency-key']).toBe(post.idempotencyKey);
    expect(req.json).toEqual({
      idempotencyKey: post.idempotencyKey,
      channel: 'webhook',
      eventName: 'Spring Launch Webinar',
      phase: 'acknowledge',
      subject: post.subject,
      text: post.text,
      link: post.link,
      createdAt: post.createdAt,
    });
    // Verify as a receiver would: HMAC over the raw body bytes, constant-time compare.
    const sig = String(req.headers['x-onair-signature']);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(req.body).digest('hex')}`);
    expect(timingSafeEqual(Buffer.from(sig), expected)).toBe(true);
  });

  it('sends no signature without a secret', async () => {
    peer = await startPeer(() => ({ status: 200 }));
    await createWebhookAdapter().send(makePost('webhook'), { url: peer.url });
    expect(peer.requests[0].headers['x-onair-signature']).toBeUndefined();
  });
});
