import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeClock } from '../../../../../tests/support/fake-clock';
import { tempDir } from '../../../../../tests/support/temp-dir';
import { openDatabase } from '../../db/open';
import { platformQuotaRepo } from '../../db/platform-quota-repo';
import { createQuotaLedger, nextPacificMidnight, POST_RESERVE, QUOTA_COST, quotaDay } from './quota-ledger';

// 2026-12-02 18:00 UTC is 10:00 in Los Angeles (PST, UTC−8).
const T = Date.UTC(2026, 11, 2, 18, 0, 0);

function ledger(over: { dailyLimit?: number; watchHours?: number; file?: string } = {}) {
  const clock = fakeClock(T);
  const db = openDatabase({ file: over.file ?? join(tempDir(), 'onair.sqlite') });
  const repo = platformQuotaRepo(db);
  const l = createQuotaLedger({
    repo,
    project: 'p1',
    dailyLimit: over.dailyLimit ?? 10_000,
    watchHours: over.watchHours ?? 4,
    healthEveryMs: 30_000,
    clock,
  });
  return { l, clock, repo, db };
}

describe('YouTube quota ledger', () => {
  it('counts days and resets as YouTube does: midnight Pacific Time, DST included', () => {
    expect(quotaDay(T)).toBe('2026-12-02');
    expect(quotaDay(Date.UTC(2026, 11, 3, 7, 59))).toBe('2026-12-02');
    expect(quotaDay(Date.UTC(2026, 11, 3, 8, 0))).toBe('2026-12-03');
    expect(nextPacificMidnight(T)).toBe(Date.UTC(2026, 11, 3, 8, 0));
    // Summer (PDT, UTC−7), and the day DST ends (2026-11-01 is 25 hours long).
    expect(nextPacificMidnight(Date.UTC(2026, 6, 1, 12))).toBe(Date.UTC(2026, 6, 2, 7, 0));
    expect(nextPacificMidnight(Date.UTC(2026, 10, 1, 12))).toBe(Date.UTC(2026, 10, 2, 8, 0));
  });

  it('paces the chat so a 4-hour event fits in the default daily quota, with the reserve for our posts', () => {
    const { l } = ledger();
    const every = l.chatDelayMs(2_000);
    const reads = (4 * 3600_000) / every;
    const health = (4 * 3600) / 30;
    expect(reads * QUOTA_COST['liveChatMessages.list'] + health + POST_RESERVE).toBeLessThanOrEqual(10_000);
    expect(every).toBeGreaterThan(2_000);
    expect(every).toBeLessThan(10_000);
    expect(l.view(2_000).warning).toMatch(/read every \d+ s so the quota lasts/);
    // A raised allocation is read at YouTube's own pace.
    expect(ledger({ dailyLimit: 1_000_000 }).l.chatDelayMs(2_000)).toBe(2_000);
  });

  it('remembers what was spent across a restart, per project and Pacific day', () => {
    const file = join(tempDir(), 'onair.sqlite');
    const a = ledger({ file });
    a.l.spend('liveChatMessages.list');
    a.l.spend('liveChatMessages.insert');
    a.db.close();
    const b = ledger({ file });
    expect(b.l.view(5_000).used).toBe(QUOTA_COST['liveChatMessages.list'] + QUOTA_COST['liveChatMessages.insert']);
    expect(b.repo.used('p2', '2026-12-02')).toBe(0);
    b.clock.advance(14 * 3600_000); // past midnight PT
    expect(b.l.view(5_000).used).toBe(0);
  });

  it('keeps the reserve for posts: reads stop first, posts go on, the warning says so', () => {
    const { l, repo } = ledger();
    repo.spend('p1', '2026-12-02', 10_000 - POST_RESERVE);
    expect(l.canAfford('liveChatMessages.list')).toBe(false);
    expect(l.canAfford('liveChatMessages.insert')).toBe(true);
    expect(l.chatDelayMs(2_000)).toBe(Infinity);
    expect(l.view(2_000)).toMatchObject({ warning: expect.stringMatching(/kept for our posts/) });
    expect(l.view(2_000).pollEveryMs).toBe(nextPacificMidnight(T) - T);
  });

  it("takes YouTube's word when it says the quota is gone", () => {
    const { l } = ledger();
    l.markExhausted();
    expect(l.view(2_000).used).toBe(10_000);
    expect(l.canAfford('liveChatMessages.insert')).toBe(false);
  });
});
