import { describe, expect, it } from 'vitest';
import { fakeClock } from '../../../../tests/support/fake-clock';
import type { OutboxEntryView } from '../../../../shared/domain/broadcast/outbox-entry';
import type { ChannelHealth } from '../../../../shared/domain/broadcast/channel-health';
import { createChannelHealth } from './channel-health';

const T0 = 1_700_000_000_000;
const entry = (over: Partial<OutboxEntryView>): OutboxEntryView => ({
  id: 1,
  idempotencyKey: 'inc-1:1:webhook',
  incidentId: 'inc-1',
  round: 1,
  channel: 'webhook',
  phase: 'acknowledge',
  status: 'queued',
  attempts: 0,
  nextAttemptAt: T0,
  createdAt: T0,
  updatedAt: T0,
  eventName: 'Webinar',
  text: 'We are looking into it',
  lang: 'en',
  ...over,
});

describe('channel health tracker', () => {
  it('folds outbox changes into alarms on the clock, and a delivery clears them', () => {
    const clock = fakeClock(T0);
    const seen: ChannelHealth[][] = [];
    const t = createChannelHealth({ clock, deadlineMs: () => 10 * 60_000, onChange: (h) => seen.push(h) });
    const webhook = () => t.list().find((h) => h.channel === 'webhook')!;
    t.observe(entry({}));
    t.observe(entry({ status: 'sending', attempts: 1 }));
    t.observe(entry({ status: 'queued', attempts: 1, lastError: 'webhook: HTTP 500', updatedAt: T0 + 10 }));
    expect(webhook()).toMatchObject({
      failuresInARow: 1,
      failingSince: T0 + 10,
      lastFailureReason: 'webhook: HTTP 500',
    });
    expect(webhook().alarm).toBeUndefined();
    clock.advance(2 * 60_000 + 10); // the timer re-evaluates on its own
    expect(seen.at(-1)!.find((h) => h.channel === 'webhook')!.alarm).toMatchObject({
      kind: 'failing',
      since: T0 + 10,
      advice: expect.stringContaining('Skip it in the checklist'),
    });
    t.observe(entry({ status: 'sending', attempts: 2 }));
    t.observe(entry({ status: 'sent', attempts: 2, sentAt: clock.now(), updatedAt: clock.now() }));
    expect(webhook()).toMatchObject({ failuresInARow: 0, lastSuccessAt: clock.now(), lastFailureAt: T0 + 10 });
    expect(seen.at(-1)!.find((h) => h.channel === 'webhook')!.alarm).toBeUndefined();
    expect(clock.pending()).toBe(0);
    t.dispose();
  });

  it('seeds a restart from the outbox rows, so a failed post still alarms', () => {
    const clock = fakeClock(T0 + 60_000);
    const t = createChannelHealth({
      clock,
      deadlineMs: () => 30_000,
      seed: [entry({ status: 'failed', attempts: 8, lastError: 'gave up', updatedAt: T0 + 50_000 })],
    });
    expect(t.list().find((h) => h.channel === 'webhook')).toMatchObject({
      lastFailureReason: 'gave up',
      alarm: { kind: 'overdue', since: T0 },
    });
    t.dispose();
  });

  it("leaves a rehearsal's posts out: they never reach the channel, so they say nothing of its health", () => {
    const clock = fakeClock(T0 + 60_000);
    const seen: ChannelHealth[][] = [];
    const rehearsal = { rehearsal: true as const };
    const t = createChannelHealth({
      clock,
      deadlineMs: () => 30_000,
      seed: [entry({ ...rehearsal, status: 'queued', updatedAt: T0 + 50_000 })],
      onChange: (h) => seen.push(h),
    });
    t.observe(entry({ ...rehearsal, id: 2, status: 'sent', sentAt: clock.now(), updatedAt: clock.now() }));
    clock.advance(10 * 60_000);
    expect(t.list().find((h) => h.channel === 'webhook')).toMatchObject({ failuresInARow: 0 });
    expect(t.list().find((h) => h.channel === 'webhook')?.alarm).toBeUndefined();
    expect(t.list().find((h) => h.channel === 'webhook')?.lastSuccessAt).toBeUndefined();
    expect(seen.flat().some((h) => h.alarm)).toBe(false);
    t.dispose();
  });
});
