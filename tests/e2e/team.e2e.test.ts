/**
 * A team of two consoles, clicked in the real UI: two web consoles (child processes, each with its own data
 * folder) on one real PostgreSQL, watching one external simulator whose audio dies. The header of each says
 * where the event's engine runs (here on one, on another console on the other); the incident shows on both;
 * Acknowledge pressed on the standby console is applied by the engine's console and shows on both. Slack, set
 * up on the standby console only, is on the engine's console's checklist too, and the update sent there goes
 * out to Slack (a webhook on 127.0.0.1) once, from the standby console.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, startSimulator, type RunningSimulator } from '../../electron/main/services/simulator/server';
import { launchBrowser, shot } from '../support/browser';
import { startPeer, type Peer } from '../support/http-peer';
import { startPostgres, type PostgresPeer } from '../support/postgres-peer';
import { startConsoleProcess, type ConsoleProcess } from '../support/web-console-process';

describe('a team of two consoles', () => {
  let peer: PostgresPeer;
  let sim: RunningSimulator;
  let slack: Peer;
  const consoles: ConsoleProcess[] = [];
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    peer = await startPostgres();
    slack = await startPeer();
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
    await slack?.close();
    await peer?.close();
  });

  it("says where the engine runs, shows a standby's action on both, and posts on a channel of either", async () => {
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

    await standby.getByTestId('tab-settings').click();
    await standby.getByTestId('enable-slack').check();
    await standby.getByTestId('field-slack-webhookUrl').fill(`${slack.url}/services/T000/B000/XXXX`);
    await standby.getByTestId('save-slack').click();
    await expect.poll(() => standby.getByTestId('msg-slack').textContent()).toBe('Saved.');

    // The public page's address, which an update's link must be (never the console's own preview).
    await holder.getByTestId('tab-settings').click();
    await holder.getByTestId('field-status-page-publicUrl').fill('https://status.example.com/');
    await holder.getByTestId('save-status-page').click();
    await expect.poll(() => holder.getByTestId('msg-status-page').textContent()).toBe('Saved.');
    await holder.getByTestId('tab-live').click();
    await card(holder).getByTestId('compose-update').click();
    const slackRow = holder.locator('[data-testid="checklist-row"][data-channel="slack"]');
    await expect.poll(() => slackRow.getByTestId('on-other-console').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => holder.getByTestId('send-slack').isChecked()).toBe(true);
    await holder.screenshot({ path: shot('team-composer-other-console') });
    await holder.getByTestId('composer-send').click();
    await expect.poll(() => holder.getByTestId('composer-sent').isVisible()).toBe(true);
    await expect.poll(() => slack.requests.length, { timeout: 15_000 }).toBe(1);
    expect(JSON.parse(slack.requests[0].body).text).toMatch(/audio/i);
    expect(errors).toEqual([]);
  });
});
