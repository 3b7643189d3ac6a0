import { describe, expect, it } from 'vitest';
import { bucketFor, chatRateSeries, healthSeries, incidentBands, timelineMarkers } from './series';
import { at, sampleEvent, T0 } from './test-support';
import type { HealthSample } from '../../types';

const MIN = 60_000;

describe('bucketFor', () => {
  it('picks the smallest nice bucket that keeps a view within maxPoints', () => {
    expect(bucketFor(4 * 3600_000)).toBe(30_000);
    expect(bucketFor(10 * MIN)).toBe(2_000);
    expect(bucketFor(30_000)).toBe(100);
    expect(bucketFor(0)).toBe(100);
    expect(bucketFor(4 * 3600_000, 100)).toBe(300_000);
    expect(bucketFor(400 * 86_400_000) % 86_400_000).toBe(0);
  });

  it('never lets an unaligned range span more than maxPoints buckets', () => {
    for (const range of [1, 999, 59_999, 10 * MIN + 7, 3600_000, 4 * 3600_000 + 1, 13 * 3600_000, 1e9, 7e10]) {
      for (const maxPoints of [2, 10, 100, 600, 1000]) {
        const b = bucketFor(range, maxPoints);
        for (const from of [0, 1, 12_345, 1_700_000_012_345]) {
          const count = Math.floor((from + range - 1) / b) - Math.floor(from / b) + 1;
          expect(count, `range ${range} max ${maxPoints} from ${from}`).toBeLessThanOrEqual(maxPoints);
        }
      }
    }
  });
});

describe('healthSeries', () => {
  const e = sampleEvent();

  it('computes min/max/mean per bucket and conserves the sample count', () => {
    const s = healthSeries(e.health, MIN, { from: T0, to: at(600) });
    expect(s).toHaveLength(10);
    expect(s.reduce((n, b) => n + b.n, 0)).toBe(600);
    expect(s[0]).toMatchObject({
      t: T0,
      n: 60,
      audioLevelDb: { min: -18, max: -18, mean: -18 },
      viewers: { min: 100, max: 159, mean: 129.5 },
      offline: false,
    });
    expect(s[1].audioLevelDb).toEqual({ min: -90, max: -90, mean: -90 });
    expect(s[4].audioLevelDb.max).toBe(-90);
    expect(s[5]).toMatchObject({ audioLevelDb: { min: -18, max: -18 }, offline: true });
    expect(s[9].viewers.max).toBe(699);
  });

  it('mixes values within a bucket and aligns buckets to multiples of the bucket size', () => {
    const s = healthSeries(e.health, 7 * MIN, { from: T0, to: at(600) });
    const total = s.reduce((n, b) => n + b.n, 0);
    expect(total).toBe(600);
    expect(s.every((b) => b.t % (7 * MIN) === 0)).toBe(true);
    const mixed = s.find((b) => b.audioLevelDb.min === -90 && b.audioLevelDb.max === -18);
    expect(mixed).toBeDefined();
  });

  it('keeps empty buckets as gaps and drops samples outside the range', () => {
    const health = [e.health[0], e.health[300]];
    const s = healthSeries(health, MIN, { from: T0, to: at(240) });
    expect(s).toHaveLength(4);
    expect(s[0].n).toBe(1);
    expect(s[1]).toMatchObject({ n: 0, audioLevelDb: { min: null, max: null, mean: null }, offline: false });
  });

  it('defaults the range to the data and handles no data', () => {
    expect(healthSeries(e.health, MIN).reduce((n, b) => n + b.n, 0)).toBe(600);
    expect(healthSeries([], MIN)).toEqual([]);
    expect(() => healthSeries(e.health, 0)).toThrow(RangeError);
    expect(() => healthSeries(e.health, 1, { from: 0, to: 1e12 })).toThrow(/bucket/);
  });

  it('stays linear on a 4-hour event', () => {
    const base = e.health[0];
    const health: HealthSample[] = Array.from({ length: 14_400 }, (_, i) => ({
      ...base,
      ts: T0 + i * 1000,
      viewers: i,
    }));
    const range = { from: T0, to: T0 + 14_400_000 };
    const s = healthSeries(health, bucketFor(range.to - range.from), range);
    expect(s.length).toBeLessThanOrEqual(600);
    expect(s.reduce((n, b) => n + b.n, 0)).toBe(14_400);
    expect(Math.max(...s.map((b) => b.viewers.max ?? 0))).toBe(14_399);
  });
});

describe('chatRateSeries', () => {
  it('counts messages and complaints per bucket, conserving totals', () => {
    const e = sampleEvent();
    const s = chatRateSeries(e.chat, MIN, { from: T0, to: at(600) });
    expect(s).toHaveLength(10);
    expect(s.reduce((n, b) => n + b.messages, 0)).toBe(10);
    expect(s.reduce((n, b) => n + b.complaints, 0)).toBe(6);
    expect(s[0]).toMatchObject({ messages: 2, complaints: 1, messagesPerMin: 2, complaintsPerMin: 1 });
    expect(s[1]).toMatchObject({ messages: 3, complaints: 3 });
    expect(s[9]).toMatchObject({ messages: 1, complaints: 1 });
    const half = chatRateSeries(e.chat, 30_000, { from: T0, to: at(600) });
    expect(half[0]).toMatchObject({ messages: 1, complaintsPerMin: 0, messagesPerMin: 2 });
  });

  it('uses given masks instead of the classifier', () => {
    const e = sampleEvent();
    const masks = new Uint8Array(e.chat.length).fill(1);
    const s = chatRateSeries(e.chat, 10 * MIN, { from: T0, to: at(600) }, masks);
    expect(s.reduce((n, b) => n + b.complaints, 0)).toBe(10);
    expect(s[0].t % (10 * MIN)).toBe(0);
  });
});

describe('timeline', () => {
  it('lists detections, operator actions, posts and connection changes in time order', () => {
    const m = timelineMarkers(sampleEvent());
    expect(m.map((x) => x.ts)).toEqual([...m.map((x) => x.ts)].sort((a, b) => a - b));
    const types = new Set(m.map((x) => x.type));
    expect([...types].sort()).toEqual([
      'connection',
      'detection',
      'incident-close',
      'incident-open',
      'operator',
      'post',
    ]);
    expect(m.find((x) => x.type === 'detection' && x.author === 'audio-silence')?.ts).toBe(at(61));
    expect(m.find((x) => x.type === 'incident-open' && x.incidentId === 'inc-1')?.ts).toBe(at(63));
    expect(m.find((x) => x.type === 'operator' && x.status === 'acknowledged')).toMatchObject({
      ts: at(80),
      author: 'alice',
    });
    expect(m.find((x) => x.type === 'incident-close' && x.incidentId === 'inc-2')).toMatchObject({
      ts: at(530),
      status: 'false-alarm',
      author: 'bob',
    });
    const posts = m.filter((x) => x.type === 'post');
    expect(posts.map((p) => [p.channel, p.status, p.ts])).toEqual([
      ['webinar-chat', 'sent', at(101)],
      ['email', 'sent', at(103)],
      ['facebook', 'failed', at(104)],
      ['facebook', 'sent', at(402)],
    ]);
    expect(posts[1].detail).toContain('Audio problem\n');
    expect(m.filter((x) => x.type === 'connection').map((x) => x.status)).toEqual(['online', 'offline', 'online']);
  });

  it('bands each incident from opening to close', () => {
    expect(incidentBands(sampleEvent())).toEqual([
      { id: 'inc-1', kind: 'audio', from: at(63), to: at(500), severity: 'high' },
      { id: 'inc-2', kind: 'video', from: at(520), to: at(530), severity: 'low' },
    ]);
  });
});
