/**
 * Our own posts in the webinar chat are known by the message id the source returned for them, not by the
 * author's name: a viewer who calls themselves "Organiser" (our default name) used to be shown as us and
 * skipped by complaint detection, while a post of ours under another name counted as a complaint.
 * Onair on a fake clock watches a real socket.io source on 127.0.0.1 that takes chat posts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../shared/types';
import { DEFAULT_CHAT_AUTHOR } from '../../shared/channels';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { fakeClock } from '../support/fake-clock';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';
import { startTestSource, type TestSource } from './support-test-source';

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of running.splice(0).reverse()) await c();
});

async function start(): Promise<{ onair: Onair; source: TestSource; shown: ChatMessage[]; t0: number }> {
  const clock = fakeClock();
  const t0 = clock.now();
  const source = await startTestSource({
    hello: { source: 'chatty', eventName: 'Launch', scenario: 'own', startedAt: t0, speed: 1 },
  });
  running.push(() => source.close());
  const onair = await createOnair({
    dataDir: tempDir(),
    mode: 'web',
    version: 'test',
    clock,
    log: () => {},
    source: { kind: 'url', url: source.url },
  });
  running.push(() => onair.close());
  const shown: ChatMessage[] = [];
  onair.hub.subscribe((name, payload) => {
    if (name === 'chat.received') shown.push(...(payload as ChatMessage[]));
  });
  await poll(() => onair.source.adapter()?.isConnected() && onair.ingest.session(), { what: 'the session' });
  return { onair, source, shown, t0 };
}

const complaint = (id: string, author: string, ts: number): ChatMessage => ({ id, author, text: 'no audio', ts });

/** Waits until every chat id reached the UI (flushing ingest, whose timer runs on the fake clock). */
async function seen(onair: Onair, shown: ChatMessage[], ids: string[]) {
  await poll(
    () => {
      onair.ingest.flush();
      return ids.every((id) => shown.some((m) => m.id === id));
    },
    { what: `chat ${ids.join(', ')} on screen`, intervalMs: 5 },
  );
}

const audioIncident = (onair: Onair) => onair.incidents.list().find((i) => i.kind === 'audio');

describe('our own posts in the webinar chat', () => {
  it('a viewer named like us is a viewer: shown as theirs, and their complaint counts', async () => {
    const { onair, source, shown, t0 } = await start();
    expect(DEFAULT_CHAT_AUTHOR).toBe('Organiser');
    const viewers = ['giulia', DEFAULT_CHAT_AUTHOR, 'marco'];
    viewers.forEach((a, i) => source.send('chat.message', complaint(`c${i}`, a, t0 + i * 1000)));
    await seen(onair, shown, ['c0', 'c1', 'c2']);
    expect(shown.filter((m) => m.own)).toEqual([]);
    const incident = audioIncident(onair);
    expect(incident?.detectedBy).toBe('chat');
    expect(incident?.evidence.some((e) => e.type === 'chat' && e.author === DEFAULT_CHAT_AUTHOR)).toBe(true);
  });

  it('our post is ours by the id the source gave it, whatever name it carries, and is no complaint', async () => {
    const { onair, source, shown, t0 } = await start();
    const ack = await onair.source.adapter()!.postToChat({
      key: 'incident-1/round-1/webinar-chat',
      author: 'Onair Producer',
      text: 'We know the audio is down and are fixing it now.',
    });
    expect(ack).toEqual({ ok: true, messageId: 'post-1', duplicate: false });
    ['giulia', 'marco'].forEach((a, i) => source.send('chat.message', complaint(`c${i}`, a, t0 + i * 1000)));
    await seen(onair, shown, ['post-1', 'c0', 'c1']);
    expect(shown.find((m) => m.id === 'post-1')).toMatchObject({ author: 'Onair Producer', own: true });
    expect(shown.filter((m) => m.own).map((m) => m.id)).toEqual(['post-1']);
    // Two viewers are not enough for a complaint burst; our post does not make the third.
    expect(audioIncident(onair)).toBeUndefined();
    // The live snapshot marks it too.
    const snap = await onair.dispatcher.dispatch('live.snapshot', {});
    expect(snap.ok && (snap.value as { recentChat: ChatMessage[] }).recentChat.find((m) => m.own)?.id).toBe('post-1');
  });

  it('an answer from the source that is not an ack is a failed post, and marks nothing', async () => {
    const source = await startTestSource({
      hello: { source: 'odd', eventName: 'Launch', startedAt: fakeClock().now(), speed: 1 },
      answer: () => ({ ok: true, messageId: { $gt: '' } }),
    });
    running.push(() => source.close());
    const onair = await createOnair({
      dataDir: tempDir(),
      mode: 'web',
      version: 'test',
      clock: fakeClock(),
      log: () => {},
      source: { kind: 'url', url: source.url },
    });
    running.push(() => onair.close());
    await poll(() => onair.source.adapter()?.isConnected(), { what: 'connected' });
    const ack = await onair.source.adapter()!.postToChat({ key: 'k', author: 'us', text: 'hello' });
    expect(ack).toMatchObject({ ok: false, error: expect.stringMatching(/not an ack/) });
  });
});
