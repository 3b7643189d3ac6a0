/**
 * A real recorded event (audio-loss played fast, acknowledged, announced, resolved) exported as JSON,
 * imported on a second Onair with its own data folder: nothing lost, same figures; then replayed live.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Transport } from '../../shared/contract';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { refusedUrl } from '../support/http-peer';
import { inMemoryTransport } from '../support/in-memory-transport';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';
import type { RecordedEvent } from '../../shared/domain/review/recorded-event';
import type { SessionId } from '../../shared/types';

/** The machine that recorded the event, once for the file; each test imports it on a machine of its own. */
let a: Onair;
let ta: Transport;
let sessionId: SessionId;

beforeAll(async () => {
  a = await createOnair({
    dataDir: tempDir(),
    mode: 'web',
    version: 'test',
    log: () => {},
    source: { kind: 'simulator', scenario: 'audio-loss', speed: 60, loop: false },
  });
  ta = inMemoryTransport(a.dispatcher, a.hub);

  await poll(() => ta.invoke('incident.list', {}), { until: (l) => l.length > 0, what: 'an incident' });
  const [incident] = await ta.invoke('incident.list', {});
  sessionId = incident.sessionId!;
  await ta.invoke('incident.transition', { incidentId: incident.id, action: 'acknowledge', operator: 'giulia' });
  const draft = await ta.invoke('broadcast.compose', { incidentId: incident.id, phase: 'acknowledge', lang: 'en' });
  await ta.invoke('broadcast.send', {
    incidentId: incident.id,
    phase: 'acknowledge',
    lang: 'en',
    operator: 'giulia',
    draft: { subject: draft.subject, body: draft.body },
    channels: ['webinar-chat', 'status-page'],
    skipped: [],
  });
  await poll(() => a.ingest.session()?.endedAt, { what: 'the end of the event' });
  await ta.invoke('incident.transition', { incidentId: incident.id, action: 'resolve', operator: 'giulia' });
}, 60_000);
afterAll(async () => {
  await a?.close();
});

/** Another machine, with its own data folder and no source, for this test only. */
const others: Onair[] = [];
async function anotherMachine(): Promise<{ b: Onair; tb: Transport }> {
  const b = await createOnair({
    dataDir: tempDir(),
    mode: 'web',
    version: 'test',
    log: () => {},
    source: { kind: 'url', url: await refusedUrl() },
  });
  others.push(b);
  return { b, tb: inMemoryTransport(b.dispatcher, b.hub) };
}
afterEach(async () => {
  for (const b of others.splice(0)) await b.close();
});

describe('export → import → replay', () => {
  it('loses nothing and gives the same figures on another machine', async () => {
    const { tb } = await anotherMachine();
    const file = await ta.invoke('review.export', { sessionId, format: 'json' });
    expect(file.fileName).toMatch(/\.json$/);
    const original = JSON.parse(file.content) as RecordedEvent;
    expect(original.chat.length).toBeGreaterThan(50);
    expect(original.health.length).toBeGreaterThan(590); // a live source: the first second may play before we connect
    expect(original.posts.filter((p) => p.status === 'sent')).toHaveLength(2);

    const summary = await tb.invoke('review.import', { content: file.content });
    expect(summary.imported).toBe(true);
    const again = JSON.parse(
      (await tb.invoke('review.export', { sessionId: summary.sessionId, format: 'json' })).content,
    ) as RecordedEvent;
    expect({ ...again, session: { ...again.session, id: original.session.id }, exportedAt: 0 }).toEqual({
      ...original,
      exportedAt: 0,
    });

    const fa = (await ta.invoke('review.timeline', { sessionId })).figures;
    const fb = (await tb.invoke('review.timeline', { sessionId: summary.sessionId })).figures;
    expect({ ...fb, sessionId: fa.sessionId }).toEqual(fa);
    const audio = fa.incidents.filter((i) => i.kind === 'audio');
    expect(audio.map((i) => [i.title, i.detect.basis])).toEqual([[expect.stringMatching(/audio/i), 'truth']]);
    expect(audio[0].detect.ms).toBeLessThanOrEqual(5000);

    // Importing the same file twice is a no-op; the history lists it once and finds it by incident title.
    await tb.invoke('review.import', { content: file.content });
    expect(
      (await tb.invoke('review.list', { query: 'audio lost' })).filter((e) => e.sessionId === summary.sessionId),
    ).toHaveLength(1);
    // The imported posts never reach this machine's outbox.
    expect(await tb.invoke('outbox.list', {})).toEqual([]);
  });

  it('rejects a file that is not an Onair recording, with a reason', async () => {
    const { tb } = await anotherMachine();
    const err = await tb
      .invoke('review.import', { content: JSON.stringify({ format: 'onair.event/v1', chat: [{ text: 42 }] }) })
      .catch((e: Error) => e);
    expect((err as Error).message).toMatch(/not an Onair recording: /);
    const err2 = await tb.invoke('review.import', { content: '{"broken' }).catch((e: Error) => e);
    expect((err2 as Error).message).toMatch(/not a JSON file/);
  });

  it('replays the imported event through the live console', async () => {
    const { b, tb } = await anotherMachine();
    const file = await ta.invoke('review.export', { sessionId, format: 'json' });
    expect((await tb.invoke('review.import', { content: file.content })).imported).toBe(true);
    const [imported] = await tb.invoke('review.list', { query: '' });
    await tb.invoke('review.replay', { sessionId: imported.sessionId, speed: 200 });
    await expect.poll(() => b.ingest.session()?.scenario ?? '', { timeout: 10_000 }).toMatch(/^replay-/);
    await expect.poll(() => b.ingest.session()?.endedAt, { timeout: 20_000, interval: 100 }).toBeTruthy();
    b.ingest.flush();
    const replayed = b.ingest.session()!;
    const original = (await tb.invoke('review.timeline', { sessionId: imported.sessionId })).figures.totals;
    const replay = (await tb.invoke('review.timeline', { sessionId: replayed.id })).figures.totals;
    expect(replay.chatMessages).toBe(original.chatMessages);
    expect(replay.healthSamples).toBe(original.healthSamples);
    // The replay's own detectors find the audio loss again.
    expect((await tb.invoke('incident.list', {})).some((i) => i.kind === 'audio')).toBe(true);
  });
});
