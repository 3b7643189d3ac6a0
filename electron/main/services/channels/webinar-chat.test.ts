import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_IDS } from '../../../../shared/channels';
import type { ChatPost, ChatPostAck } from '../../../../shared/source-protocol';
import { createChannelRegistry } from './registry';
import { createWebinarChatAdapter } from './webinar-chat';
import { makePost } from './test-support/fixtures';

/** An in-memory source honouring the protocol: a key is posted at most once, a repeat acks duplicate. */
function fakeSource() {
  const posted = new Map<string, { id: string; post: ChatPost }>();
  const postToChat = async (post: ChatPost): Promise<ChatPostAck> => {
    const seen = posted.get(post.key);
    if (seen) return { ok: true, messageId: seen.id, duplicate: true };
    const id = `m${posted.size + 1}`;
    posted.set(post.key, { id, post });
    return { ok: true, messageId: id, duplicate: false };
  };
  return { posted, postToChat };
}

describe('webinar chat channel', () => {
  it('posts with the idempotency key as ChatPost.key and the configured author', async () => {
    const src = fakeSource();
    const adapter = createWebinarChatAdapter({ postToChat: src.postToChat, chatConnected: () => true });
    const post = makePost('webinar-chat');
    const first = await adapter.send(post, { author: 'Acme Team' });
    const again = await adapter.send(post, { author: 'Acme Team' });
    expect(src.posted.get(post.idempotencyKey)?.post).toEqual({
      key: post.idempotencyKey,
      author: 'Acme Team',
      text: `${post.text}\n\n${post.link}`,
    });
    expect(first).toMatchObject({ channel: 'webinar-chat', remoteId: 'm1', detail: 'posted to the chat' });
    expect(again).toMatchObject({ remoteId: 'm1', detail: 'already in the chat (duplicate key)' });
    expect(src.posted.size).toBe(1);
  });

  it('a refused post, a thrown error, a disconnected source or a missing ack are retryable', async () => {
    const refuse = createWebinarChatAdapter({
      postToChat: async () => ({ ok: false, error: 'rate limited' }),
      chatConnected: () => true,
    });
    await expect(refuse.send(makePost('webinar-chat'), {})).rejects.toMatchObject({
      retryable: true,
      message: 'webinar-chat: source refused the post: rate limited',
    });
    const boom = createWebinarChatAdapter({
      postToChat: () => Promise.reject(new Error('socket closed')),
      chatConnected: () => true,
    });
    await expect(boom.send(makePost('webinar-chat'), {})).rejects.toMatchObject({ retryable: true });
    const down = createWebinarChatAdapter({ postToChat: fakeSource().postToChat, chatConnected: () => false });
    await expect(down.send(makePost('webinar-chat'), {})).rejects.toMatchObject({ retryable: true });
    const silent = createWebinarChatAdapter({
      postToChat: () => new Promise(() => {}),
      chatConnected: () => true,
      timeoutMs: 20,
    });
    await expect(silent.send(makePost('webinar-chat'), {})).rejects.toMatchObject({
      retryable: true,
      message: 'webinar-chat: source did not acknowledge within 20 ms',
    });
  });

  it('testConnection reports whether the source is connected', async () => {
    let connected = false;
    const adapter = createWebinarChatAdapter({ postToChat: fakeSource().postToChat, chatConnected: () => connected });
    expect(await adapter.testConnection({})).toEqual({ ok: false, detail: 'source not connected' });
    connected = true;
    expect((await adapter.testConnection({})).ok).toBe(true);
  });
});

describe('channel registry', () => {
  it('has one adapter per ChannelId, each with the matching id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'onair-registry-'));
    try {
      const reg = createChannelRegistry({
        ...fakeSource(),
        chatConnected: () => true,
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
