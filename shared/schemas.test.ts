import { describe, expect, it } from 'vitest';
import { chatMessageSchema, healthSampleSchema, LIMITS, parseWith, sourceHelloSchema } from './schemas';

const goodHealth = {
  ts: 1_700_000_000_000,
  audioLevelDb: -18,
  audioPacketsPerSec: 50,
  videoFps: 30,
  bitrateKbps: 2500,
  droppedFrames: 0,
  streamState: 'online',
  viewers: 120,
};
const goodChat = { id: 'm1', author: 'giulia', text: 'non si sente', ts: 1_700_000_000_000, lang: 'it' };

describe('source payload validation', () => {
  it('accepts well-formed chat and health', () => {
    expect(parseWith(chatMessageSchema, goodChat)).toEqual({ ok: true, value: goodChat });
    expect(parseWith(healthSampleSchema, goodHealth).ok).toBe(true);
  });

  it.each([
    ['no signal at all', { ts: goodHealth.ts, source: 'obs' }, 'no signal'],
    ['an input without a name', { ts: goodHealth.ts, inputs: [{ name: '', levelDb: -20 }] }, 'inputs'],
    ['congestion above 1', { ts: goodHealth.ts, congestion: 1.5 }, 'congestion'],
    ['NaN level', { ...goodHealth, audioLevelDb: Number.NaN }, 'audioLevelDb'],
    ['string fps', { ...goodHealth, videoFps: '30' }, 'videoFps'],
    ['unknown stream state', { ...goodHealth, streamState: 'buffering' }, 'streamState'],
    ['negative viewers', { ...goodHealth, viewers: -1 }, 'viewers'],
    ['fractional timestamp', { ...goodHealth, ts: 1.5 }, 'ts'],
  ])('rejects health with %s and names the field', (_n, input, field) => {
    const r = parseWith(healthSampleSchema, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(field);
  });

  it('accepts a sample with only the signals its source measures', () => {
    const obs = { ts: goodHealth.ts, inputs: [{ name: 'Mic/Aux', levelDb: -120, inputPeakDb: -20, muted: true }] };
    expect(parseWith(healthSampleSchema, obs)).toEqual({ ok: true, value: obs });
    const probe = { ts: goodHealth.ts, audioLevelDb: -31.5, blackSince: goodHealth.ts - 2000 };
    expect(parseWith(healthSampleSchema, probe)).toEqual({ ok: true, value: probe });
  });

  it.each([
    ['null', null, '(root)'],
    ['an array', [goodChat], '(root)'],
    ['empty author', { ...goodChat, author: '' }, 'author'],
    ['huge text', { ...goodChat, text: 'x'.repeat(LIMITS.chatTextMax + 1) }, 'text'],
    ['object as text', { ...goodChat, text: { $gt: '' } }, 'text'],
    ['huge id', { ...goodChat, id: 'i'.repeat(500) }, 'id'],
  ])('rejects chat that is %s', (_n, input, field) => {
    const r = parseWith(chatMessageSchema, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(field);
  });

  it('keeps hostile but well-formed text as data', () => {
    const text = '<script>alert(1)</script> \u202e ; DROP TABLE chat_messages; --';
    expect(parseWith(chatMessageSchema, { ...goodChat, text })).toMatchObject({ ok: true, value: { text } });
  });

  it('validates the hello and its ground truth', () => {
    const hello = {
      source: 'sim',
      eventName: 'Launch',
      startedAt: 1,
      speed: 1,
      truth: [{ kind: 'audio-loss', startTs: 1, endTs: 2 }],
    };
    expect(parseWith(sourceHelloSchema, hello).ok).toBe(true);
    const bad = parseWith(sourceHelloSchema, { ...hello, truth: [{ kind: 'gremlins', startTs: 1, endTs: 2 }] });
    expect(bad.ok).toBe(false);
  });
});
