/**
 * No single row can take the console down. A chat message or health sample stamped 8640000000000001 is a
 * non-negative integer, yet no date: formatting it threw in the chat feed, the signals and the review, and
 * with no error boundary React unmounted the whole console; the row being stored, every reload did it again.
 *
 * The rows come two ways, both real: through a socket.io source the console watches (today's ingest stores
 * them; once it bounds timestamps it quarantines them with a reason, and either is fine), and written straight
 * into the console's SQLite file, as a database from before such bounds would hold them. The second panel test
 * makes one panel fail on purpose (a fault injected into the page, standing for the bug nobody has found yet)
 * and checks that the failure stays in that panel.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { liveEventsRepo } from '../../electron/main/services/db/live-events-repo';
import { openDatabase } from '../../electron/main/services/db/open';
import { launchBrowser, shot } from '../support/browser';
import { poll } from '../support/poll';
import { startConsoleProcess, type ConsoleProcess } from '../support/web-console-process';
import { chatAt, sampleAt, startHostileSource, type HostileSource } from './hostile-source';

/** Live data through a busy machine (CI runs OBS and ffmpeg beside): vitest's default 1 s poll is too short. */
const LIVE = { timeout: 10_000 };

const NO_DATE = 8_640_000_000_000_001; // one millisecond past the last date a JavaScript Date can hold

describe('hostile timestamps in the live console and the review', () => {
  let source: HostileSource;
  let app: ConsoleProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let t0: number;
  let nextTs: number;

  /** Healthy traffic, so there is something real around the hostile rows; returns the last line's text. */
  const healthy = (n: number): string => {
    let text = '';
    for (let i = 0; i < n; i++, nextTs += 1000) {
      text = `all good at +${nextTs - t0} ms`;
      source.send('health.sample', sampleAt(nextTs));
      source.send('chat.message', chatAt(`ok-${nextTs}`, nextTs, text));
    }
    return text;
  };

  const quarantined = (): number => {
    const db = openDatabase({ file: join(app.dataDir, 'onair.sqlite') });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM quarantine').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    t0 = Math.floor(Date.now() / 1000) * 1000;
    nextTs = t0 + 1000;
    source = await startHostileSource({ eventName: 'Hostile rows webinar', scenario: 'rows', startedAt: t0 });
    app = await startConsoleProcess(['--source', source.url]);
    browser = await launchBrowser();
    await poll(() => source.clients() > 0, { what: 'the console connecting to the source' });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await source?.close();
  });

  async function open(): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
    await expect
      .poll(() => page.getByTestId('event-name').textContent(), { timeout: 15_000 })
      .toBe('Hostile rows webinar');
    return { page, errors };
  }

  it('shows a row stamped past the last date with a placeholder time, and keeps working, reload after reload', async () => {
    healthy(5);
    // Through the source: stored, or quarantined with a reason once ingest bounds timestamps.
    const before = quarantined();
    source.send('chat.message', chatAt('wire-no-date', NO_DATE, 'sent from the year 275760', 'mallory'));
    source.send('chat.message', chatAt('wire-max-safe', Number.MAX_SAFE_INTEGER, 'max safe integer', 'mallory'));
    source.send('health.sample', sampleAt(NO_DATE));
    for (const ts of [-1, null, 'NaN', 1e21, Number.MIN_SAFE_INTEGER])
      source.send('chat.message', chatAt(`wire-${String(ts)}`, ts as number, 'bad ts', 'mallory'));
    healthy(2);

    // As a database written before the bounds holds them: straight into the console's SQLite file.
    const db = openDatabase({ file: join(app.dataDir, 'onair.sqlite') });
    try {
      await poll(() => db.prepare('SELECT 1 FROM sessions WHERE id = ?').get(source.sessionId), {
        what: 'the session row',
      });
      liveEventsRepo(db).writeBatch({
        sessionId: source.sessionId,
        receivedAt: Date.now(),
        chat: [
          chatAt('stored-no-date', NO_DATE, 'stored from the year 275760', 'mallory'),
          chatAt('stored-max-safe', Number.MAX_SAFE_INTEGER, 'stored max safe integer', 'mallory'),
        ],
        health: [sampleAt(NO_DATE - 1), sampleAt(Number.MAX_SAFE_INTEGER)],
      });
      // Every wire row was either stored as sent or quarantined with a reason: none vanished.
      await poll(
        () => {
          const stored = db
            .prepare("SELECT COUNT(*) AS n FROM chat_messages WHERE session_id = ? AND source_id LIKE 'wire-%'")
            .get(source.sessionId) as { n: number };
          return stored.n + (quarantined() - before) >= 7;
        },
        { what: 'each hostile wire row stored or quarantined' },
      );
      const reasons = db.prepare('SELECT reason FROM quarantine').all() as { reason: string }[];
      for (const r of reasons) expect(r.reason).toMatch(/ts/);
    } finally {
      db.close();
    }

    for (let round = 0; round < 2; round++) {
      const { page, errors } = await open();
      const line = page.locator('[data-testid="chat-line"]', { hasText: 'stored from the year 275760' });
      await expect.poll(() => line.count(), { timeout: 15_000 }).toBe(1);
      expect(await line.locator('.chat-time').textContent()).toBe('--:--:--');
      // The newest sample on the time line is the hostile one: a placeholder, not an exception.
      await expect
        .poll(() => page.getByTestId('last-sample').textContent(), LIVE)
        .toMatch(/^(--:--:--|\d\d:\d\d:\d\d)$/);
      expect(await page.getByTestId('viewers').textContent()).toBe('120');
      await expect
        .poll(() => page.locator('[data-testid="chart-audioLevelDb"] path.recharts-curve').count(), LIVE)
        .toBeGreaterThan(0);

      // Live data keeps arriving and the console keeps answering.
      const text = healthy(1);
      await expect.poll(() => page.locator('[data-testid="chat-line"]', { hasText: text }).count(), LIVE).toBe(1);
      await page.getByTestId('manual-title').fill(`Slides frozen (${round})`);
      await page.getByTestId('open-manual').click();
      await expect
        .poll(
          () => page.locator('[data-testid="incident-card"]', { hasText: `Slides frozen (${round})` }).count(),
          LIVE,
        )
        .toBe(1);

      expect(await page.getByTestId('panel-failed').count()).toBe(0);
      if (round === 0) await page.screenshot({ path: shot('hostile-rows-live') });

      // The review of the same session, its range stretched to the year 275760 by the stored rows.
      await page.getByTestId('tab-review').click();
      await page.locator(`[data-testid="history-item"][data-session="${source.sessionId}"]`).click();
      await expect.poll(() => page.getByTestId('timeline').isVisible(), { timeout: 10_000 }).toBe(true);
      expect(await page.getByTestId('panel-failed').count()).toBe(0);
      if (round === 0) await page.screenshot({ path: shot('hostile-rows-review') });
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 90_000);

  it('keeps a panel that fails anyway inside that panel: it says so, the rest works, Reload brings it back', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The bug nobody has found yet: rendering a chat line with this marker throws (the live chat classifies
    // each visible line, which lowercases its text). Armed until the test disarms it.
    await page.addInitScript(() => {
      const w = window as unknown as { __faultArmed: boolean };
      w.__faultArmed = true;
      const lower = String.prototype.toLowerCase;
      String.prototype.toLowerCase = function (this: string) {
        if (w.__faultArmed && String(this).includes('⟦fault⟧')) throw new Error('injected fault in the chat');
        return lower.call(this);
      };
    });
    await page.goto(app.url);
    await expect
      .poll(() => page.getByTestId('event-name').textContent(), { timeout: 15_000 })
      .toBe('Hostile rows webinar');

    source.send('chat.message', chatAt(`fault-${nextTs}`, nextTs, 'this line breaks the chat ⟦fault⟧'));
    const failed = page.locator('[data-testid="panel-failed"][data-panel="chat"]');
    await expect.poll(() => failed.count(), { timeout: 10_000 }).toBe(1);
    expect(await failed.getByTestId('panel-failed-message').textContent()).toBe('injected fault in the chat');
    expect(await page.getByTestId('panel-failed').count()).toBe(1); // only that panel

    // The rest keeps working: the signals move, an incident can be opened.
    const sampleBefore = await page.getByTestId('last-sample').textContent();
    nextTs += 1000;
    source.send('health.sample', sampleAt(nextTs, 321));
    await expect.poll(() => page.getByTestId('viewers').textContent()).toBe('321');
    expect(await page.getByTestId('last-sample').textContent()).not.toBe(sampleBefore);
    await page.getByTestId('manual-title').fill('Chat panel down');
    await page.getByTestId('open-manual').click();
    await expect
      .poll(() => page.locator('[data-testid="incident-card"]', { hasText: 'Chat panel down' }).count())
      .toBe(1);
    await page.screenshot({ path: shot('panel-failed') });

    // Fixed (here: disarmed), Reload brings the chat back, the offending line included.
    await page.evaluate(() => ((window as unknown as { __faultArmed: boolean }).__faultArmed = false));
    await failed.getByTestId('panel-reload').click();
    await expect.poll(() => failed.count()).toBe(0);
    await expect
      .poll(() => page.locator('[data-testid="chat-line"]', { hasText: 'this line breaks the chat' }).count())
      .toBe(1);
    expect(errors).toEqual([]);
  }, 60_000);
});
