/**
 * The desk, clicked in the real UI: the console on its calm simulator, and a second event added from the
 * desk, an external simulator (socket.io source, speeded up) whose audio dies. The desk lists both, the
 * second with its incident and a silence timer that turns red when the first update is overdue; Open shows
 * that event in a tab of its own, with its own incident; the first tab still has none.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, startSimulator, type RunningSimulator } from '../../electron/main/services/simulator/server';
import { shot } from '../support/browser';
import { consoleInBrowser, openConsole } from '../support/console-in-browser';

describe('the desk', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ scenario: loadScenarioFile('audio-loss'), speed: 20, loop: true });
  });
  afterAll(() => sim?.close());
  const ctx = consoleInBrowser(['--scenario', 'calm']);

  it('lists every live event with its state and opens each in its own tab', async () => {
    const { page, errors } = await openConsole(ctx);
    await page.getByTestId('tab-desk').click();
    await expect.poll(() => page.getByTestId('desk-event').count()).toBe(1);

    await page.getByTestId('desk-add-kind').selectOption('url');
    await page.getByTestId('desk-add-value').fill(sim.url);
    const opened = page.context().waitForEvent('page');
    await page.getByTestId('desk-add').click();
    const second: Page = await opened;
    await expect.poll(() => page.getByTestId('desk-event').count()).toBe(2);

    // The audio loss of the second event, on the first tab's desk: its row turns red once the update is late.
    const row = page.locator('[data-testid="desk-event"]:not([data-event="main"])');
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/Audio/);
    await expect.poll(() => row.getAttribute('data-timer'), { timeout: 30_000 }).toBe('red');
    expect(await row.textContent()).toMatch(/Update overdue/);
    expect(await row.textContent()).toContain(sim.url);
    const mainRow = page.locator('[data-testid="desk-event"][data-event="main"]');
    expect(await mainRow.getAttribute('data-timer')).toBe('none');
    expect(await mainRow.textContent()).toMatch(/This page/);
    await page.screenshot({ path: shot('desk') });

    // The tab Open gave shows the second event: its own incident banner; the first tab has none.
    await second.waitForLoadState();
    await expect.poll(() => second.getByTestId('incident-banner').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await second.screenshot({ path: shot('desk-second-event') });
    await page.getByTestId('tab-live').click();
    expect(await page.getByTestId('incident-banner').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
