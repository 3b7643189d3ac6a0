/**
 * What a channel receives is exactly what its preview showed: the composer's preview (previewForChannel) is
 * the one render, the outbox stores its text, and each adapter only encodes it for the platform. For every
 * channel with a local peer here, the text the peer received, decoded from the platform's encoding, equals
 * the preview's text: no heading added twice, no link added twice.
 * The status page keeps the preview's text as its entry (the page and feeds render that). (E-mail renders a
 * MIME document with text and HTML parts: covered in its own tests.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir';
import type { ChannelId } from '../../../../shared/channels';
import type { ChatPost } from '../../../../shared/source-protocol';
import { previewForChannel, type BroadcastDraft } from '../../../../shared/domain/broadcast/channel-preview';
import { startPeer, type Peer, type RecordedRequest } from '../../../../tests/support/http-peer';
import type { ChannelAdapter, Credentials } from './channel-adapter';
import { createFacebookAdapter } from './facebook';
import { createLinkedInAdapter } from './linkedin';
import { createSmsAdapter } from './sms';
import { createStatusPageAdapter } from './status-page';
import { makePost } from './test-support/fixtures';
import { createDiscordAdapter, createSlackAdapter, createTeamsAdapter, createWebhookAdapter } from './webhooks';
import { createWebinarChatAdapter, type ChatDestination } from './webinar-chat';
import { createXAdapter } from './x';

const draft: BroadcastDraft = {
  subject: 'Audio problem on the main stage',
  body: 'We hear you: the audio dropped <again> & we are on it. Next update within 5 minutes.',
  link: 'https://status.example.com/live?e=1&x=2',
};

const unslack = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const unLittleText = (s: string) => s.replace(/\\(.)/g, '$1');

interface Case {
  adapter: ChannelAdapter;
  creds(url: string): Credentials;
  answer?: object | string;
  /** The text the platform shows, decoded from the request. */
  shown(req: RecordedRequest): string;
}

const HTTP_CASES: Partial<Record<ChannelId, Case>> = {
  slack: {
    adapter: createSlackAdapter(),
    creds: (url) => ({ webhookUrl: `${url}/services/T/B/x` }),
    answer: 'ok',
    shown: (r) => {
      expect(r.json.blocks[0].text.text).toBe(r.json.text);
      return unslack(r.json.text as string);
    },
  },
  teams: {
    adapter: createTeamsAdapter(),
    creds: (url) => ({ webhookUrl: `${url}/workflows/x` }),
    shown: (r) => (r.json.attachments[0].content.body as { text: string }[]).map((b) => b.text).join('\n\n'),
  },
  discord: {
    adapter: createDiscordAdapter(),
    creds: (url) => ({ webhookUrl: `${url}/api/webhooks/1/x` }),
    answer: { id: '1' },
    shown: (r) => r.json.content as string,
  },
  webhook: { adapter: createWebhookAdapter(), creds: (url) => ({ url }), shown: (r) => r.json.text as string },
  sms: {
    adapter: createSmsAdapter(),
    creds: (url) => ({ endpoint: url, apiKey: 'k', sender: 'Onair', recipients: '+393471234567' }),
    answer: { id: 's1' },
    shown: (r) => r.json.text as string,
  },
  x: {
    adapter: createXAdapter(),
    creds: (url) => ({ endpoint: url, bearerToken: 't' }),
    answer: { data: { id: '1' } },
    shown: (r) => r.json.text as string,
  },
  linkedin: {
    adapter: createLinkedInAdapter(),
    creds: (url) => ({ endpoint: url, accessToken: 't', author: 'urn:li:organization:1' }),
    shown: (r) => unLittleText(r.json.commentary as string),
  },
  facebook: {
    adapter: createFacebookAdapter(),
    creds: (url) => ({ endpoint: url, pageId: '1', pageAccessToken: 't' }),
    answer: { id: '1_2' },
    shown: (r) => new URLSearchParams(r.body).get('message') ?? '',
  },
};

/** The post as the broadcast service enqueues it: the preview's text, the draft's subject and link. */
const postFor = (channel: ChannelId) => {
  const preview = previewForChannel(draft, channel);
  return {
    preview,
    post: makePost(channel, { subject: preview.subject ?? draft.subject, text: preview.text, link: draft.link }),
  };
};

let peer: Peer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

describe('a channel receives exactly its preview', () => {
  for (const [channel, c] of Object.entries(HTTP_CASES) as [ChannelId, Case][]) {
    it(channel, async () => {
      peer = await startPeer(() => ({ status: 200, body: c.answer ?? {} }));
      const { preview, post } = postFor(channel);
      await c.adapter.send(post, c.creds(peer.url));
      const [req] = peer.requests.filter((r) => r.method === 'POST');
      expect(c.shown(req!)).toBe(preview.text);
      // The subject line appears once at most.
      expect(c.shown(req!).split(draft.subject!).length - 1).toBeLessThanOrEqual(1);
    });
  }

  it('status-page', async () => {
    const dir = tempDir();
    const { preview, post } = postFor('status-page');
    await createStatusPageAdapter({ dir, baseUrl: 'https://status.example.com/' }).send(post, { title: 'Status' });
    const [entry] = JSON.parse(readFileSync(join(dir, 'entries.json'), 'utf8')) as { text: string; subject?: string }[];
    expect(entry).toMatchObject({ text: preview.text, subject: preview.subject });
  });

  it('webinar-chat', async () => {
    const posted: ChatPost[] = [];
    const d: ChatDestination = {
      id: 'simulator',
      label: 'Simulator',
      connected: () => true,
      dedupes: true,
      maxLength: 500,
      async post(p) {
        posted.push(p);
        return { ok: true, messageId: 'm1', duplicate: false };
      },
    };
    const { preview, post } = postFor('webinar-chat');
    await createWebinarChatAdapter({ destinations: () => [d] }).send(post, {});
    expect(posted.map((p) => p.text)).toEqual([preview.text]);
  });
});
