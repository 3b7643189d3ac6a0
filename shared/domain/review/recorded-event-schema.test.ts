import { describe, expect, it } from 'vitest';
import { parseRecordedEvent } from './recorded-event-schema';
import { sampleEvent } from './test-support';

/** What a file from another machine looks like once JSON.parse'd. */
const asJson = (v: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(v));

const reasonOf = (input: unknown) => {
  const r = parseRecordedEvent(input);
  if (r.ok) throw new Error('expected a rejection');
  return r.reason;
};

describe('parseRecordedEvent', () => {
  it('accepts a valid event unchanged', () => {
    const e = sampleEvent();
    const r = parseRecordedEvent(asJson(e));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toEqual(asJson(e));
  });

  it('rejects a file that is not an Onair event', () => {
    expect(reasonOf(null)).toMatch(/not an Onair event file/);
    expect(reasonOf([1, 2])).toMatch(/not an Onair event file/);
    expect(reasonOf({ ...asJson(sampleEvent()), format: 'onair.event/v0' })).toMatch(
      /^format: not an Onair event file/,
    );
  });

  it('keeps the platform a chat line was said on', () => {
    const e = asJson(sampleEvent());
    (e.chat as Record<string, unknown>[])[0].source = 'youtube';
    const r = parseRecordedEvent(e);
    expect(r.ok && r.value.chat[0]).toMatchObject({ source: 'youtube' });
  });

  it('names the bad field of a malformed chat line', () => {
    const e = asJson(sampleEvent());
    (e.chat as Record<string, unknown>[])[3].text = { evil: true };
    expect(reasonOf(e)).toMatch(/^chat\.3\.text: /);
  });

  it('rejects oversized strings', () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const e = asJson(sampleEvent());
    (e.session as Record<string, unknown>).eventName = big;
    const reason = reasonOf(e);
    expect(reason).toMatch(/^session\.eventName: /);
    expect(reason.length).toBeLessThan(500);
    const p = asJson(sampleEvent());
    (p.posts as Record<string, unknown>[])[0].text = big;
    expect(reasonOf(p)).toMatch(/^posts\.0\.text: /);
  });

  it('rejects bad incidents, rounds and posts with a reason', () => {
    const e = asJson(sampleEvent());
    (e.incidents as Record<string, unknown>[])[0].status = 'exploded';
    expect(reasonOf(e)).toMatch(/^incidents\.0\.status: /);
    const r = asJson(sampleEvent());
    (r.rounds as Record<string, unknown>[])[0].checklist = { round: 1, channels: { email: { state: 'teleported' } } };
    expect(reasonOf(r)).toMatch(/^rounds\.0\.checklist\.channels\.email\.state: /);
    const p = asJson(sampleEvent());
    (p.posts as Record<string, unknown>[])[0].channel = 'carrier-pigeon';
    expect(reasonOf(p)).toMatch(/^posts\.0\.channel: /);
    const t = asJson(sampleEvent());
    (t.session as { truth: { startTs: number; endTs: number }[] }).truth[0].endTs = 0;
    expect(reasonOf(t)).toMatch(/^session\.truth\.0: a fault cannot end before it starts/);
  });

  it('rejects a missing key field', () => {
    const e = asJson(sampleEvent());
    delete (e.incidents as Record<string, unknown>[])[1].openedAt;
    expect(reasonOf(e)).toMatch(/^incidents\.1\.openedAt: /);
  });

  it('drops unknown keys, so __proto__ and friends never reach the app', () => {
    const text = JSON.stringify(sampleEvent()).replace(
      '"session":{',
      '"session":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
    );
    const input = JSON.parse(text);
    input.extra = 'ignored';
    const r = parseRecordedEvent(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.getPrototypeOf(r.value.session)).toBe(Object.prototype);
    expect(Object.keys(r.value.session)).not.toContain('__proto__');
    expect((r.value.session as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect('extra' in r.value).toBe(false);
  });
});
