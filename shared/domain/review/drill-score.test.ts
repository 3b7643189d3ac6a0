import { describe, expect, it } from 'vitest';
import { drillTrend, scoreDrill, type DrillRun } from './drill-score';

const T = 1_700_000_000_000;
const s = (n: number) => T + n * 1000;
const CALM = 'We are sorry: the audio dropped. We are fixing it and will update you within 5 minutes.';

const run = (over: Partial<DrillRun> = {}): DrillRun => ({
  faultAt: s(0),
  endAt: s(400),
  incident: { openedAt: s(4), acknowledgedAt: s(30) },
  playbook: { firstUpdateDeadlineMs: 120_000, cadenceMs: 300_000 },
  enabledChannels: ['webinar-chat', 'email'],
  posts: [
    { channel: 'webinar-chat', at: s(60), text: CALM, lang: 'en' },
    { channel: 'email', at: s(60), text: CALM, lang: 'en' },
    { channel: 'webinar-chat', at: s(300), text: CALM, lang: 'en' },
  ],
  ...over,
});

describe('drill score', () => {
  it('gives full marks to a team that answers every channel in time, calmly, without a long silence', () => {
    const score = scoreDrill(run());
    expect(score).toMatchObject({
      detectMs: 4000,
      acknowledge: { ms: 30_000, deadlineMs: 120_000, met: true },
      missed: [],
      longestSilence: { ms: 240_000, deadlineMs: 300_000, met: true },
      tone: [],
      overall: 100,
    });
    expect(score.firstUpdate).toEqual([
      { channel: 'webinar-chat', ms: 60_000, deadlineMs: 120_000, met: true },
      { channel: 'email', ms: 60_000, deadlineMs: 120_000, met: true },
    ]);
  });

  it('marks an enabled channel never posted to as missed, and a late one as late', () => {
    const score = scoreDrill(
      run({
        enabledChannels: ['webinar-chat', 'email', 'slack'],
        posts: [
          { channel: 'webinar-chat', at: s(60), text: CALM, lang: 'en' },
          { channel: 'email', at: s(200), text: CALM, lang: 'en' }, // 196 s after the incident opened: late
        ],
      }),
    );
    expect(score.missed).toEqual(['slack']);
    expect(score.firstUpdate.map((f) => [f.channel, f.ms, f.met])).toEqual([
      ['webinar-chat', 60_000, true],
      ['email', 200_000, false],
      ['slack', null, false],
    ]);
    // Updates: 40 / 3 each, half for the late one, none for the missed one → 20; silence 200 s of 300 s: met.
    expect(score.overall).toBe(20 + 20 + 20 + 20);
  });

  it('judges the deadlines from the opening of the incident, as the playbook states them', () => {
    // Detected late (30 s after the fault), answered 140 s after the fault: 110 s after the opening, in time.
    const score = scoreDrill(
      run({
        incident: { openedAt: s(30), acknowledgedAt: s(140) },
        posts: [
          { channel: 'webinar-chat', at: s(140), text: CALM },
          { channel: 'email', at: s(140), text: CALM },
        ],
        endAt: s(200),
      }),
    );
    expect(score.acknowledge).toEqual({ ms: 140_000, deadlineMs: 120_000, met: true });
    expect(score.firstUpdate.every((f) => f.met)).toBe(true);
  });

  it('counts the longest silence against the cadence, up to the end of the drill', () => {
    const score = scoreDrill(run({ endAt: s(900) }));
    expect(score.longestSilence).toEqual({ ms: 600_000, deadlineMs: 300_000, met: false });
    expect(score.overall).toBe(20 + 40 + 10 + 20); // 20 × cadence / longest
  });

  it('keeps the tone findings left in what was sent, once per text and rule', () => {
    const rude = 'AS I SAID, the audio works on our side. Please check your connection.';
    const score = scoreDrill(
      run({
        posts: [
          { channel: 'webinar-chat', at: s(60), text: rude, lang: 'en' },
          { channel: 'email', at: s(60), text: CALM, lang: 'en' },
        ],
        endAt: s(200),
      }),
    );
    expect(score.tone.length).toBeGreaterThan(0);
    expect(score.tone.every((t) => t.channel === 'webinar-chat')).toBe(true);
    expect(new Set(score.tone.map((t) => t.rule)).size).toBe(score.tone.length);
    expect(score.tone.map((t) => t.excerpt).join(' ')).toMatch(/AS I SAID|check your connection/i);
    expect(score.overall).toBe(100 - 5 * score.tone.length);
  });

  it('scores a fault nobody answered, nor detected, at zero but for the silence it still measures', () => {
    const score = scoreDrill(run({ incident: undefined, posts: [], endAt: s(200) }));
    expect(score).toMatchObject({
      detectMs: null,
      acknowledge: { ms: null, met: false },
      missed: ['webinar-chat', 'email'],
      longestSilence: { ms: 200_000, met: true },
    });
    expect(score.overall).toBe(20 + 20); // silence within the cadence, no tone findings
  });

  it('tells whether a drill went better or worse than the one before', () => {
    expect(drillTrend(80, undefined)).toBe('first');
    expect(drillTrend(80, 70)).toBe('better');
    expect(drillTrend(60, 70)).toBe('worse');
    expect(drillTrend(70, 70)).toBe('same');
  });
});
