/**
 * No channel fails in silence: a real webhook peer on 127.0.0.1 answers 500 for ten minutes of fake-clock
 * time. The alarm goes up through the contract, the channel's delivery state shows the failure, and the
 * report counts it; once the peer recovers and the post is retried, the alarm clears. No sleeps: the clock
 * is advanced to each retry, and the test waits (poll) only for the real HTTP round trip.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport } from '../../shared/contract';
import type { ChannelHealth } from '../../shared/domain/broadcast/channel-health';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { fakeClock } from '../support/fake-clock';
import { refusedUrl, startPeer, type Peer } from '../support/http-peer';
import { inMemoryTransport } from '../support/in-memory-transport';
import { tempDir } from '../support/temp-dir';

const TEN_MINUTES = 10 * 60_000;
const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of running.splice(0).reverse()) await o.close();
});

describe('a channel that keeps failing', () => {
  it('raises the alarm, shows the failure, is counted in the report, and clears once delivered', async () => {
    let down = true;
    const peer: Peer = await startPeer(() => (down ? { status: 500, body: 'upstream broken' } : { status: 200 }));
    running.push(peer);
    const clock = fakeClock();
    const T0 = clock.now();
    const onair: Onair = await createOnair({
      dataDir: tempDir(),
      mode: 'web',
      version: 'test',
      clock,
      log: () => {},
      source: { kind: 'url', url: await refusedUrl() },
    });
    running.push(onair);
    const t: Transport = inMemoryTransport(onair.dispatcher, onair.hub);
    const pushed: ChannelHealth[][] = [];
    t.on('channel.healthChanged', (h) => pushed.push(h));
    const webhookOf = (list: ChannelHealth[]) => list.find((h) => h.channel === 'webhook')!;
    onair.ingest.hello({ source: 'test', eventName: 'Launch', scenario: 'alarm', startedAt: T0, speed: 1 });
    await t.invoke('channel.configure', {
      channel: 'webhook',
      enabled: true,
      credentials: { url: `${peer.url}/hook` },
    });

    const incident = await t.invoke('incident.open', { kind: 'audio', title: 'No audio', operator: 'giulia' });
    await t.invoke('broadcast.send', {
      incidentId: incident.id,
      phase: 'acknowledge',
      lang: 'en',
      operator: 'giulia',
      draft: { subject: 'Audio', body: 'We know the audio is gone and are fixing it.' },
      channels: ['webhook'],
      skipped: [
        { channel: 'webinar-chat', reason: 'not in this test' },
        { channel: 'status-page', reason: 'not in this test' },
      ],
    });
    const post = async () => (await t.invoke('outbox.list', { incidentId: incident.id }))[0]!;
    const settled = async (attempts: number) =>
      expect
        .poll(async () => {
          const p = await post();
          return p.attempts >= attempts && p.status !== 'sending';
        })
        .toBe(true);

    // Ten minutes of 500s: each retry is advanced to on the fake clock, and answered by the real peer.
    await settled(1);
    const sessionId = onair.ingest.session()!.id;
    let reportedWhileRetrying = false;
    while (clock.now() - T0 < TEN_MINUTES) {
      const p = await post();
      if (p.status !== 'queued') break;
      if (p.attempts === 3 && !reportedWhileRetrying) {
        // Still being retried: the report already counts the failure (it said "0 failures" before).
        reportedWhileRetrying = true;
        const { figures } = await t.invoke('review.timeline', { sessionId });
        expect(figures.coverage.failed).toBe(1);
        expect(figures.incidents[0]!.coverage.rounds[0]!.deliveries.find((d) => d.channel === 'webhook')).toMatchObject(
          {
            channel: 'webhook',
            outcome: 'failed',
            reason: expect.stringContaining('after 3 failed attempts'),
          },
        );
        expect(webhookOf(await t.invoke('channel.health', {})).alarm?.kind).toBe('failing');
      }
      clock.advance(Math.min(Math.max(0, p.nextAttemptAt - clock.now()), T0 + TEN_MINUTES - clock.now()));
      if (clock.now() >= p.nextAttemptAt) await settled(p.attempts + 1);
    }
    clock.advance(Math.max(0, T0 + TEN_MINUTES - clock.now()));
    expect(reportedWhileRetrying).toBe(true);
    expect(peer.requests.length).toBeGreaterThanOrEqual(3);

    const health = webhookOf(await t.invoke('channel.health', {}));
    expect(health.alarm).toMatchObject({
      kind: 'failing',
      since: T0,
      incidentId: incident.id,
      advice: expect.stringContaining('Skip it in the checklist'),
    });
    expect(health.alarm!.reason).toContain('500');
    expect(health.lastFailureReason).toContain('500');
    expect(health.lastSuccessAt).toBeUndefined();
    expect(webhookOf(pushed.at(-1)!).alarm?.kind).toBe('failing');

    const { figures } = await t.invoke('review.timeline', { sessionId });
    expect(figures.coverage.failed).toBe(1);
    expect(figures.coverage.skipped).toBe(2);
    expect(figures.incidents[0]!.coverage.rounds[0]!.failed).toEqual(['webhook']);

    // The peer recovers; the operator retries: delivered, and the alarm clears.
    down = false;
    const failed = await post();
    await t.invoke('outbox.retry', { id: failed.id });
    await expect.poll(async () => (await post()).status).toBe('sent');
    const after = webhookOf(await t.invoke('channel.health', {}));
    expect(after.alarm).toBeUndefined();
    expect(after).toMatchObject({ lastSuccessAt: clock.now(), failuresInARow: 0 });
    expect(after.lastFailureReason).toContain('500');
    expect(webhookOf(pushed.at(-1)!).alarm).toBeUndefined();

    // "Send a test message": reaches the peer, is recorded as a test, and is in no outbox history nor report.
    const before = peer.requests.length;
    const test = await t.invoke('channel.sendTest', { channel: 'webhook' });
    expect(test).toMatchObject({ ok: true, at: clock.now() });
    expect(peer.requests).toHaveLength(before + 1);
    expect(peer.requests.at(-1)!.json).toMatchObject({ text: expect.stringContaining('Test message from Onair') });
    expect(webhookOf(await t.invoke('channel.health', {})).lastTest).toEqual(test);
    expect(await t.invoke('outbox.list', {})).toHaveLength(1);
    clock.advance(3000); // past the live review's 2-second cache
    const report = await t.invoke('review.timeline', { sessionId });
    // Delivered in the end: sent, late by the ten minutes it failed; the test message is not a post.
    expect(report.figures.coverage).toMatchObject({ failed: 0, skipped: 2 });
    expect(
      report.figures.incidents[0]!.coverage.rounds[0]!.deliveries.find((d) => d.channel === 'webhook')!.delayMs,
    ).toBeGreaterThanOrEqual(TEN_MINUTES);
    // A channel whose only target is the audience gets no test message.
    expect(await t.invoke('channel.sendTest', { channel: 'x' })).toMatchObject({ ok: false });
  });
});
