import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionId } from '../../../../shared/types';
import { tempDir } from '../../../../tests/support/temp-dir';
import { liveEventsRepo, QUARANTINE_PAYLOAD_MAX } from './live-events-repo';
import { openDatabase } from './open';
import { sessionsRepo } from './sessions-repo';

function setup() {
  const db = openDatabase({ file: join(tempDir(), 'onair.sqlite') });
  const sessions = sessionsRepo(db);
  const s = sessions.upsert({
    id: 'sim/calm/1' as SessionId,
    eventName: 'Calm',
    sourceUrl: 'http://127.0.0.1:1',
    startedAt: 1,
    speed: 1,
    truth: [],
  });
  return { db, live: liveEventsRepo(db), sessions, s };
}

const chat = (i: number) => ({ id: `m${i}`, author: `user${i % 7}`, text: `hello ${i}`, ts: 1000 + i });

describe('live events repo', () => {
  it('writes a batch in one transaction and stores a message once however often it arrives', () => {
    const { live, s } = setup();
    const batch = Array.from({ length: 1000 }, (_, i) => chat(i));
    expect(live.writeBatch({ sessionId: s.id, receivedAt: 5, chat: batch, health: [] })).toBe(1000);
    expect(
      live.writeBatch({ sessionId: s.id, receivedAt: 6, chat: batch.slice(0, 10).concat(chat(1000)), health: [] }),
    ).toBe(1);
    expect(live.chatCount(s.id)).toBe(1001);
    expect(live.recentChat(s.id, 3).map((m) => m.id)).toEqual(['m998', 'm999', 'm1000']);
  });

  it('rolls the whole batch back when one row is invalid', () => {
    const { live, s, db } = setup();
    const bad = { ...chat(2), author: null as unknown as string };
    expect(() => live.writeBatch({ sessionId: s.id, receivedAt: 5, chat: [chat(1), bad], health: [] })).toThrow();
    expect(live.chatCount(s.id)).toBe(0);
    db.close();
  });

  it('round-trips health samples', () => {
    const { live, s } = setup();
    const h = {
      ts: 2000,
      audioLevelDb: -90,
      audioPacketsPerSec: 0,
      videoFps: 30,
      bitrateKbps: 2400,
      droppedFrames: 1,
      streamState: 'online' as const,
      viewers: 99,
    };
    live.writeBatch({ sessionId: s.id, receivedAt: 5, chat: [], health: [h, h] });
    expect(live.healthBetween(s.id, 0, 10_000)).toEqual([h]);
  });

  it('keeps quarantined payloads, capped in size', () => {
    const { live } = setup();
    live.quarantine({
      receivedAt: 1,
      sourceUrl: 'u',
      event: 'chat.message',
      reason: 'text: too long',
      payload: 'x'.repeat(1_000_000),
    });
    expect(live.quarantinedCount()).toBe(1);
  });

  it('maps a reconnect of the same run to the same session', () => {
    const { sessions, s } = setup();
    const again = sessions.upsert({
      id: s.id,
      eventName: 'Renamed',
      sourceUrl: 'x',
      startedAt: 1,
      speed: 1,
      truth: [],
    });
    expect(again.eventName).toBe('Calm');
    expect(QUARANTINE_PAYLOAD_MAX).toBeLessThan(10_000);
  });
});
