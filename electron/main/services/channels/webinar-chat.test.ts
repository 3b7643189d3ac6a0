import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_IDS } from '../../../../shared/channels';
import type { ChatPost } from '../../../../shared/source-protocol';
import type { ChatPostOutcome } from '../ingest/source-adapter';
import { createChannelRegistry } from './registry';
import { createWebinarChatAdapter, type ChatDestination } from './webinar-chat';
import { makePost } from './test-support/fixtures';

/** A chat honouring the source protocol: a key is posted at most once, a repeat acks duplicate. */
function timelineChat(over: Partial<ChatDestination> = {}) {
  const posted = new Map<string, { id: string; post: ChatPost }>();
  const d: ChatDestination = {
    id: 'simulator',
    label: 'Simulator',
    connected: () => true,
    dedupes: true,
    maxLength: 500,
    async post(post) {
      const seen = posted.get(post.key);
      if (seen) return { ok: true, messageId: seen.id, duplicate: true };
      const id = `m${posted.size + 1}`;
      posted.set(post.key, { id, post });
      return { ok: true, messageId: id, duplicate: false };
    },
    ...over,
  };
  return { posted, d };
}

/** A platform chat without keys (YouTube): answers as told, remembers every text it was sent. */
function platformChat(answer: (n: number) => Promise<ChatPostOutcome>, maxLength = 200) {
  const texts: string[] = [];
  const d: ChatDestination = {
    id: 'youtube',
    label: 'YouTube Live',
    connected: () => true,
    dedupes: false,
    maxLength,
    post: (p) => (texts.push(p.text), answer(texts.length)),
  };
  return { texts, d };
}

const ok = (id: string) => async (): Promise<ChatPostOutcome> => ({ ok: true, messageId: id, duplicate: false });

/** The outbox's part bookkeeping, kept across attempts as the outbox keeps it. */
function parts() {
  const done = new Set<string>();
  const sending = new Set<string>();
  return {
    done,
    sending,
    progress: {
      isDone: (p: string) => done.has(p),
      isUnknown: (p: string) => sending.has(p),
      markSending: async (p: string) => void sending.add(p),
      markDone: (p: string) => (done.add(p), sending.delete(p)),
      markRefused: (p: string) => void sending.delete(p),
    },
  };
}

describe('webinar chat channel', () => {
  it('posts with the idempotency key as ChatPost.key and the configured author', async () => {
    const src = timelineChat();
    const adapter = createWebinarChatAdapter({ destinations: () => [src.d] });
    const post = makePost('webinar-chat');
    const first = await adapter.send(post, { author: 'Acme Team' });
    const again = await adapter.send(post, { author: 'Acme Team' });
    expect(src.posted.get(post.idempotencyKey)?.post).toEqual({
      key: post.idempotencyKey,
      author: 'Acme Team',
      text: `${post.text}\n\n${post.link}`,
    });
    expect(first).toMatchObject({ channel: 'webinar-chat', remoteId: 'm1', detail: 'posted to Simulator' });
    expect(again).toMatchObject({ remoteId: 'm1', detail: 'already in the chat (duplicate key)' });
    expect(src.posted.size).toBe(1);
  });

  it('posts into every chat of the event, and a retry sends only to the chat that failed', async () => {
    const sim = timelineChat();
    let fail = true;
    const yt = platformChat(async (n) =>
      fail ? { ok: false, error: 'YouTube asked us to slow down', retryAfterMs: 3000 } : ok(`yt-${n}`)(),
    );
    const adapter = createWebinarChatAdapter({ destinations: () => [sim.d, yt.d] });
    const p = parts();
    const post = makePost('webinar-chat');
    await expect(adapter.send(post, {}, undefined, p.progress)).rejects.toMatchObject({
      retryable: true,
      retryAfterMs: 3000,
      message: 'webinar-chat: YouTube Live: YouTube asked us to slow down (posted to Simulator)',
    });
    fail = false;
    const receipt = await adapter.send(post, {}, undefined, p.progress);
    expect(receipt.detail).toBe('posted to YouTube Live; already in Simulator');
    expect(sim.posted.size).toBe(1);
    expect(yt.texts).toHaveLength(2);
    expect([...p.done]).toEqual(['simulator', 'youtube']);
  });

  it('never posts twice into a chat without keys: a post that got no answer is left to the operator', async () => {
    const yt = platformChat(() => new Promise(() => {}));
    const adapter = createWebinarChatAdapter({ destinations: () => [yt.d], timeoutMs: 20 });
    const p = parts();
    const post = makePost('webinar-chat');
    const first = await adapter.send(post, {}, undefined, p.progress);
    expect(first.detail).toMatch(/outcome unknown for YouTube Live: no answer within 20 ms/);
    const second = await adapter.send(post, {}, undefined, p.progress);
    expect(second.detail).toMatch(/YouTube Live: cut off earlier, before its answer/);
    expect(yt.texts).toHaveLength(1);
    // Without an outbox to hand the doubt to, it says so the only way there is.
    await expect(
      createWebinarChatAdapter({ destinations: () => [yt.d], timeoutMs: 20 }).send(post, {}),
    ).rejects.toMatchObject({
      maybeDelivered: true,
    });
  });

  it('a refusal that cannot succeed is not retried; one from a chat that keys posts goes again', async () => {
    const yt = platformChat(async () => ({ ok: false, error: 'YouTube: forbidden (HTTP 403)', permanent: true }));
    await expect(
      createWebinarChatAdapter({ destinations: () => [yt.d] }).send(makePost('webinar-chat'), {}),
    ).rejects.toMatchObject({ retryable: false });
    const src = timelineChat({ post: async () => ({ ok: false, error: 'no answer from the source' }) });
    await expect(
      createWebinarChatAdapter({ destinations: () => [src.d] }).send(makePost('webinar-chat'), {}),
    ).rejects.toMatchObject({ retryable: true, message: 'webinar-chat: Simulator: no answer from the source' });
    const down = timelineChat({ connected: () => false });
    await expect(
      createWebinarChatAdapter({ destinations: () => [down.d] }).send(makePost('webinar-chat'), {}),
    ).rejects.toMatchObject({ retryable: true, message: 'webinar-chat: Simulator: not connected' });
    await expect(
      createWebinarChatAdapter({ destinations: () => [] }).send(makePost('webinar-chat'), {}),
    ).rejects.toMatchObject({
      retryable: true,
    });
  });

  it('fits a post queued before a tighter chat joined, keeping its link', async () => {
    const yt = platformChat(ok('yt-1'));
    const post = {
      ...makePost('webinar-chat'),
      text: 'word '.repeat(100).trim(),
      link: 'https://status.example.com/i/1',
    };
    await createWebinarChatAdapter({ destinations: () => [yt.d] }).send(post, {});
    expect([...yt.texts[0]!].length).toBeLessThanOrEqual(200);
    expect(yt.texts[0]).toMatch(/…\n\nhttps:\/\/status\.example\.com\/i\/1$/);
  });

  it('testConnection says which chats are connected', async () => {
    let connected = false;
    const src = timelineChat({ connected: () => connected });
    const adapter = createWebinarChatAdapter({ destinations: () => [src.d] });
    expect(await adapter.testConnection({})).toEqual({ ok: false, detail: 'not connected: Simulator' });
    connected = true;
    expect(await adapter.testConnection({})).toEqual({ ok: true, detail: 'posts go to the live chat of Simulator' });
  });
});

describe('channel registry', () => {
  it('has one adapter per ChannelId, each with the matching id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'onair-registry-'));
    try {
      const reg = createChannelRegistry({
        chatDestinations: () => [timelineChat().d],
        statusPageDir: dir,
        statusPageBaseUrl: 'https://s.example.com',
      });
      expect(Object.keys(reg).sort()).toEqual([...CHANNEL_IDS].sort());
      for (const id of CHANNEL_IDS) expect(reg[id].id).toBe(id);
      const receipt = await reg['status-page'].send(makePost('status-page'), { title: 'Status' });
      expect(receipt.detail).toBe('published');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
