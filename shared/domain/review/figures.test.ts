import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOKS } from '../broadcast/playbook';
import { eventFigures, incidentFigures, longestSilence, matchTruth } from './figures';
import { at, post, round, sampleEvent, T0 } from './test-support';

const inc1 = () => {
  const e = sampleEvent();
  return { e, f: incidentFigures(e, e.incidents[0], DEFAULT_PLAYBOOKS.audio) };
};

describe('incidentFigures', () => {
  it('counts time to detect from the true fault start when the truth matches', () => {
    const { f } = inc1();
    expect(f.detect).toMatchObject({ ms: 3000, basis: 'truth', from: at(60) });
    expect(f.detect.truth?.label).toBe('mixer muted');
  });

  it('falls back to the first evidence without matching truth', () => {
    const e = sampleEvent();
    e.session.truth = [{ kind: 'frozen-video', startTs: at(60), endTs: at(300) }];
    expect(incidentFigures(e, e.incidents[0]).detect).toEqual({ ms: 2000, basis: 'first-evidence', from: at(61) });
    e.session.truth = [{ kind: 'audio-loss', startTs: at(70), endTs: at(90) }]; // began after the opening
    expect(incidentFigures(e, e.incidents[0]).detect.basis).toBe('first-evidence');
  });

  it('matches the latest same-kind fault that started by the opening', () => {
    const e = sampleEvent();
    const truth = [
      { kind: 'audio-clipping' as const, startTs: at(40), endTs: at(70) },
      { kind: 'audio-loss' as const, startTs: at(55), endTs: at(90) },
      { kind: 'audio-loss' as const, startTs: at(64), endTs: at(90) },
    ];
    expect(matchTruth(truth, e.incidents[0], at(500))?.startTs).toBe(at(55));
  });

  it('times acknowledgement and the first update', () => {
    const { f } = inc1();
    expect(f.acknowledge).toEqual({ ms: 17_000, at: at(80), operator: 'alice' });
    expect(f.firstUpdate).toEqual({ ms: 37_000, at: at(100) });
    expect(f.updates).toBe(2);
    expect(f.closedAt).toBe(at(500));
    expect(f.durationMs).toBe(437_000);
  });

  it('finds the longest silence while the incident was open', () => {
    const { f } = inc1();
    expect(f.longestSilence).toEqual({ from: at(100), to: at(400), ms: 300_000 });
    expect(longestSilence(0, [], 50)).toEqual({ from: 0, to: 50, ms: 50 });
    // Updates after the close do not shorten the silence.
    expect(longestSilence(0, [10, 200], 100)).toEqual({ from: 10, to: 100, ms: 90 });
  });

  it('reports channel coverage per round, with delays, skips, failures and the single-channel flag', () => {
    const { f } = inc1();
    const [r1, r2] = f.coverage.rounds;
    expect(r1.sent).toEqual(['webinar-chat', 'email']);
    expect(r1.failed).toEqual(['facebook']);
    expect(r1.skipped).toEqual(['sms']);
    expect(r1.deliveries.find((d) => d.channel === 'email')?.delayMs).toBe(3000);
    expect(r1.deliveries.find((d) => d.channel === 'facebook')?.reason).toBe('token expired');
    expect(r1.deliveries.find((d) => d.channel === 'sms')?.reason).toBe('no SMS list for this event');
    expect(r1.maxDelayMs).toBe(3000);
    expect(r1.singleChannel).toBe(false);
    expect(r2.sent).toEqual(['facebook']);
    expect(r2.singleChannel).toBe(true);
    expect(f.coverage).toMatchObject({
      channelsReached: ['webinar-chat', 'email', 'facebook'],
      singleChannelRounds: [2],
      singleChannel: true,
      failed: 1,
      skipped: 2,
    });
  });

  it('marks a channel checked but never posted as undelivered, and a still-queued post too', () => {
    const e = sampleEvent();
    e.rounds.push(round(3, 450, { 'webinar-chat': { state: 'queued' }, email: { state: 'queued' } }, 'third'));
    e.posts.push(post(9, 3, 'email', 450, 'queued', 450, 'third'));
    const r3 = incidentFigures(e, e.incidents[0]).coverage.rounds[2];
    expect(r3.undelivered).toEqual(['webinar-chat', 'email']);
    expect(r3.reachedNobody).toBe(true);
  });

  it('counts complaints before and after the first update, and their rates', () => {
    const { f } = inc1();
    expect(f.complaints).toEqual({
      windowFrom: T0,
      firstUpdateAt: at(100),
      windowTo: at(500),
      before: 4,
      after: 1,
      beforePerMin: 2.4,
      afterPerMin: 0.15,
    });
  });

  it('starts the complaint window two minutes before the opening', () => {
    const e = sampleEvent();
    e.incidents[0] = { ...e.incidents[0], openedAt: at(180) };
    e.rounds = e.rounds.map((r) => ({ ...r, at: r.at + 200_000 }));
    const c = incidentFigures(e, e.incidents[0]).complaints;
    expect(c.windowFrom).toBe(at(60));
    expect(c.before).toBe(4); // 62, 70, 95 and 150 s; not the one at 58 s
  });

  it('checks each playbook deadline', () => {
    const { f } = inc1();
    expect(f.deadlines).toEqual([
      { kind: 'first-update', dueAt: at(183), metAt: at(100), lateByMs: 0, met: true },
      { kind: 'cadence', dueAt: at(400), metAt: at(400), lateByMs: 0, met: true },
    ]);
    expect(f.deadlinesMissed).toBe(0);
    expect(f.playbook).toEqual({ name: 'Audio problem', firstUpdateDeadlineMs: 120_000, cadenceMs: 300_000 });
  });

  it('flags a late cadence update and a deadline never answered', () => {
    const e = sampleEvent();
    e.rounds[1] = { ...e.rounds[1], at: at(450) };
    const late = incidentFigures(e, e.incidents[0]);
    expect(late.deadlines[1]).toEqual({
      kind: 'cadence',
      dueAt: at(400),
      metAt: at(450),
      lateByMs: 50_000,
      met: false,
    });
    expect(late.deadlinesMissed).toBe(1);
    e.rounds = [];
    const silent = incidentFigures(e, e.incidents[0]);
    expect(silent.deadlines).toEqual([{ kind: 'first-update', dueAt: at(183), lateByMs: 317_000, met: false }]);
    expect(silent.firstUpdate).toBeNull();
    expect(silent.complaints).toMatchObject({ before: 5, after: 0, afterPerMin: null });
  });

  it('runs an incident still open to the end of the event', () => {
    const e = sampleEvent();
    e.incidents[0] = {
      ...e.incidents[0],
      status: 'investigating',
      resolvedAt: undefined,
      transitions: e.incidents[0].transitions.slice(0, 3),
    };
    expect(incidentFigures(e, e.incidents[0]).deadlines).toHaveLength(2); // the next one falls due after the end
    e.session.endedAt = at(800);
    const f = incidentFigures(e, e.incidents[0]);
    expect(f.closedAt).toBeUndefined();
    expect(f.endAt).toBe(at(800));
    expect(f.deadlines.at(-1)).toEqual({ kind: 'cadence', dueAt: at(700), lateByMs: 100_000, met: false });
    expect(f.longestSilence).toEqual({ from: at(400), to: at(800), ms: 400_000 });
  });
});

describe('eventFigures', () => {
  it('summarises the event, leaving false alarms out of the timing figures', () => {
    const f = eventFigures(sampleEvent());
    expect(f.incidentCount).toBe(2);
    expect(f.falseAlarms).toBe(1);
    expect(f.incidents[1]).toMatchObject({
      falseAlarm: true,
      detect: { ms: 5000, basis: 'first-evidence' },
      acknowledge: { ms: 10_000, operator: 'bob' },
    });
    expect(f.timeToDetect).toEqual({ meanMs: 3000, maxMs: 3000, count: 1 });
    expect(f.timeToFirstUpdate).toEqual({ meanMs: 37_000, maxMs: 37_000, count: 1, withoutUpdate: 0 });
    expect(f.worstSilence).toEqual({ incidentId: 'inc-1', gap: { from: at(100), to: at(400), ms: 300_000 } });
    expect(f.deadlinesMissed).toBe(0);
    expect(f.coverage).toEqual({
      rounds: 2,
      channelsReached: ['webinar-chat', 'email', 'facebook'],
      singleChannelRounds: 1,
      roundsReachedNobody: 0,
      failed: 1,
      skipped: 2,
    });
    expect(f.totals).toEqual({
      durationMs: 600_000,
      chatMessages: 10,
      complaints: 6,
      peakViewers: 699,
      healthSamples: 600,
      posts: 4,
    });
  });

  it('uses the given playbooks', () => {
    const f = eventFigures(sampleEvent(), (kind) => ({ ...DEFAULT_PLAYBOOKS[kind], firstUpdateDeadlineMs: 30_000 }));
    expect(f.incidents[0].deadlines[0]).toMatchObject({
      kind: 'first-update',
      dueAt: at(93),
      lateByMs: 7000,
      met: false,
    });
    expect(f.deadlinesMissed).toBe(1);
  });

  it('handles an empty event', () => {
    const e = { ...sampleEvent(), health: [], chat: [], incidents: [], rounds: [], posts: [], connection: [] };
    const f = eventFigures(e);
    expect(f.timeToDetect).toEqual({ meanMs: null, maxMs: null, count: 0 });
    expect(f.worstSilence).toBeNull();
    expect(f.totals.peakViewers).toBe(0);
  });

  it('places posts on the session time line when the simulator played faster', () => {
    const e = sampleEvent();
    e.session.speed = 60;
    // Wall clock: created at T0 + 100 s, sent 3 s later → 180 s of session time.
    const r1 = incidentFigures(e, e.incidents[0]).coverage.rounds[0];
    expect(r1.deliveries.find((d) => d.channel === 'email')?.delayMs).toBe(180_000);
  });
});
