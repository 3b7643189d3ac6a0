/**
 * A team of two consoles, clicked in the real UI: two web consoles (child processes, each with its own data
 * folder) on one real PostgreSQL, watching one external simulator whose audio dies. The header of each says
 * where the event's engine runs (here on one, on another console on the other); the incident shows on both;
 * Acknowledge pressed on the standby console is applied by the engine's console and shows on both.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, startSimulator, type RunningSimulator } from '../../electron/main/services/simulator/server';
import { launchBrowser, shot } from '../support/browser';
import { startPostgres, type PostgresPeer } from '../support/postgres-peer';
import { startConsoleProcess, type ConsoleProcess } from '../support/web-console-process';

describe('a team of two consoles', () => {
  let peer: PostgresPeer;
  let sim: RunningSimulator;
  const consoles: ConsoleProcess[] = [];
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    peer = await startPostgres();
    const database = await peer.database();
    // The audio dies at 60 s of the scenario: 6 s at 10×, and the run lasts a minute.
    sim = await startSimulator({ scenario: loadScenarioFile('audio-loss'), speed: 10, loop: true });
    for (let i = 0; i < 2; i++) consoles.push(await startConsoleProcess(['--source', sim.url, '--database', database]));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    for (const c of consoles) await c.stop();
    await sim?.close();
    await peer?.close();
  });

  it('says where the engine runs, and an action on the standby console shows on both', async () => {
    const errors: string[] = [];
    const pages: Page[] = [];
    for (const c of consoles) {
      const page = await browser.context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(c.url);
      pages.push(page);
    }
    const engineOn = (p: Page) => p.getByTestId('team-state').getAttribute('data-engine');
    await expect
      .poll(async () => (await Promise.all(pages.map(engineOn))).sort(), { timeout: 20_000 })
      .toEqual(['here', 'standby']);
    const [holder, standby] = (await engineOn(pages[0])) === 'here' ? pages : [pages[1], pages[0]];
    expect(await holder.getByTestId('team-state').textContent()).toBe('Team database · engine here');
    expect(await standby.getByTestId('team-state').textContent()).toBe('Team database · engine on another console');

    const card = (p: Page) => p.locator('[data-testid="incident-card"][data-kind="audio"]');
    for (const p of pages) await expect.poll(() => card(p).count(), { timeout: 30_000 }).toBe(1);
    await standby.getByTestId('banner-acknowledge').first().click();
    for (const p of pages) await expect.poll(() => card(p).getAttribute('data-status')).toBe('acknowledged');
    await standby.screenshot({ path: shot('team-standby') });
    await holder.screenshot({ path: shot('team-engine-here') });
    expect(errors).toEqual([]);
  });
});
