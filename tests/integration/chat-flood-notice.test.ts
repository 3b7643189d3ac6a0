/**
 * A spam raid in the chat: the incident it opens is composed as a chat moderation notice, not as "a problem
 * with the broadcast", and e-mail and the staff channels start skipped, with the reason. Fake clock, no sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transport } from '../../shared/contract';
import type { ChatMessage } from '../../shared/types';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { fakeClock } from '../support/fake-clock';
import { refusedUrl } from '../support/http-peer';
import { inMemoryTransport } from '../support/in-memory-transport';
import { tempDir } from '../support/temp-dir';

let onair: Onair;
let t: Transport;

beforeAll(async () => {
  const clock = fakeClock();
  onair = await createOnair({
    dataDir: tempDir(),
    mode: 'web',
    version: 'test',
    clock,
    log: () => {},
    source: { kind: 'url', url: await refusedUrl() },
  });
  t = inMemoryTransport(onair.dispatcher, onair.hub);
  await t.invoke('channel.configure', {
    channel: 'status-page',
    enabled: true,
    credentials: { title: 'Launch status', publicUrl: 'https://status.example/' },
  });
  await t.invoke('channel.configure', {
    channel: 'slack',
    enabled: true,
    credentials: { webhookUrl: 'https://hooks.slack.example/services/T/B/secret' },
  });
  onair.ingest.hello({ source: 'test', eventName: 'Launch', scenario: 'raid', startedAt: clock.now(), speed: 1 });
  let n = 0;
  const chat = (seconds: number, perSecond: number, text: string) => {
    for (let s = 0; s < seconds; s++) {
      clock.advance(1000);
      const batch: ChatMessage[] = [];
      for (let k = 0; k < perSecond; k++)
        batch.push({ id: `m${++n}`, author: `viewer${n % 40}`, text, ts: clock.now() - 1000 + (k * 1000) / perSecond });
      onair.ingest.chat(batch);
    }
  };
  chat(120, 1, 'great talk so far'); // a calm chat teaches the usual rate
  chat(30, 40, 'BUY CHEAP FOLLOWERS www.spam.example'); // the raid
});
afterAll(async () => {
  await onair.close();
});

describe('a chat flood', () => {
  it('gets a moderation notice for the chat, with e-mail and Slack skipped by default', async () => {
    const incidents = await t.invoke('incident.list', {});
    const flood = incidents.find((i) => i.detectors.includes('chat-flood'));
    expect(flood, JSON.stringify(incidents.map((i) => [i.kind, i.detectors]))).toBeDefined();
    const draft = await t.invoke('broadcast.compose', { incidentId: flood!.id, phase: 'acknowledge', lang: 'en' });
    expect(draft.body).toMatch(/spam/);
    expect(draft.body).not.toMatch(/problem with the broadcast/);
    expect(draft.skipped.map((s) => s.channel)).toEqual(['slack']);
    expect(draft.skipped[0].reason).toMatch(/chat/);
    const it_ = await t.invoke('broadcast.compose', { incidentId: flood!.id, phase: 'resolved', lang: 'it' });
    expect(it_.body).toMatch(/chat è tornata alla normalità/);
  });

  it('leaves any other incident to every enabled channel', async () => {
    const audio = await t.invoke('incident.open', { kind: 'audio', title: 'No audio', operator: 'giulia' });
    const draft = await t.invoke('broadcast.compose', { incidentId: audio.id, phase: 'acknowledge', lang: 'en' });
    expect(draft.body).toMatch(/problem with the audio/);
    expect(draft.skipped).toEqual([]);
  });
});
