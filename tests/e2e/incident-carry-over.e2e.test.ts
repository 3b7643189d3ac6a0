/**
 * An open incident stays open until someone closes it: the web console is stopped and started again on the same
 * data folder while the webinar (an external simulator, a live event to Onair) goes on; the audio incident is still
 * there and the console asks whether it is still happening. Then the workflow's shortcuts: the first update
 * acknowledges, the resolved message offers to resolve, and a false alarm asks why.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, startSimulator, type RunningSimulator } from '../../electron/main/services/simulator/server';
import { axeViolations, describeViolations } from '../support/axe';
import { launchBrowser, shot } from '../support/browser';
import { startConsoleProcess, type ConsoleProcess } from '../support/web-console-process';

describe('open incidents across a console restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'onair-e2e-carry-'));
  let simulator: RunningSimulator;
  let app: ConsoleProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const errors: string[] = [];
  const open = async () => {
    page = await browser.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);
  };
  const expectNoViolations = async (what: string) => {
    const found = await axeViolations(page);
    expect(found, `${what}:\n${describeViolations(found)}`).toEqual([]);
  };
  const audioCard = () => page.locator('[data-testid="incident-card"][data-kind="audio"]');

  beforeAll(async () => {
    simulator = await startSimulator({ scenario: loadScenarioFile('audio-loss'), speed: 10, loop: true });
    app = await startConsoleProcess(['--source', simulator.url], dataDir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await simulator?.close();
  });

  it('keeps the open incident after a restart and asks whether it is still happening', async () => {
    await open();
    // Audio dies at 60 s of the scenario (6 s at 10×).
    await expect.poll(() => audioCard().count(), { timeout: 30_000 }).toBe(1);
    const title = await audioCard().locator('.incident-title').textContent();
    await page.close();
    await app.stop();

    app = await startConsoleProcess(['--source', simulator.url], dataDir);
    await open();
    const card = audioCard();
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    expect(await card.locator('.incident-title').textContent()).toBe(title);
    expect(await card.getAttribute('data-status')).toBe('detected');
    const question = card.getByTestId('carry-over');
    await expect.poll(() => question.isVisible(), { timeout: 15_000 }).toBe(true);
    // Usually "Onair restarted"; "a new session" when the simulator looped meanwhile.
    expect(await question.textContent()).toMatch(
      /Still happening\? (Onair restarted|A new session started) while it was open/,
    );
    expect(await card.getByTestId('carried-from').textContent()).toMatch(
      /carried over from Launch webinar: Suite 2027/,
    );
    await page.screenshot({ path: shot('carry-over-question') });
    await expectNoViolations('the carry-over question');

    await question.getByTestId('carry-keep').click();
    await expect.poll(() => question.count()).toBe(0);
    expect(await card.getAttribute('data-status')).toBe('detected'); // kept open, nothing else changed
    expect(errors).toEqual([]);
  });

  it('the first update acknowledges, the resolved message offers to resolve in one click', async () => {
    await page.getByTestId('tab-settings').click();
    await page.getByTestId('field-status-page-publicUrl').fill('https://status.example.com/');
    await page.getByTestId('save-status-page').click();
    await expect.poll(() => page.getByTestId('msg-status-page').textContent()).toBe('Saved.');
    await page.getByTestId('tab-live').click();
    const card = audioCard();

    const send = async (phase: 'acknowledge' | 'resolved') => {
      await card.getByTestId('compose-update').click();
      await page.getByTestId('composer-phase').selectOption(phase);
      await expect.poll(() => page.getByTestId('composer-body').inputValue()).toMatch(/audio/i);
      await expect.poll(() => page.getByTestId('composer-send').isEnabled()).toBe(true);
      await page.getByTestId('composer-send').click();
      await expect.poll(() => page.getByTestId('composer-sent').isVisible()).toBe(true);
      await page.getByTestId('composer-close').click();
    };
    await send('acknowledge');
    await expect.poll(() => card.getAttribute('data-status')).toBe('acknowledged'); // no separate click
    expect(await card.getByTestId('resolve-offer').count()).toBe(0);

    await send('resolved');
    const offer = card.getByTestId('resolve-offer');
    await expect.poll(() => offer.isVisible()).toBe(true);
    expect(await offer.textContent()).toMatch(/Mark the incident resolved\?/);
    expect(await card.getByTestId('silence-timer').textContent()).toMatch(
      /no update due: the resolved message went out/,
    );
    await page.screenshot({ path: shot('carry-over-resolve-offer') });
    await offer.getByTestId('offer-resolve').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('resolved');
    expect(errors).toEqual([]);
  });

  it('a false alarm sits behind More and asks for its reason', async () => {
    await page.getByTestId('manual-title').fill('Slides frozen');
    await page.getByTestId('open-manual').click();
    const card = page.locator('[data-testid="incident-card"]', { hasText: 'Slides frozen' });
    await expect.poll(() => card.count()).toBe(1);
    // Not next to Resolve: hidden until More is opened.
    expect(await card.getByTestId('action-false-alarm').isVisible()).toBe(false);
    await card.getByTestId('more-actions').click();
    await card.getByTestId('action-false-alarm').click();
    const form = card.getByTestId('false-alarm-form');
    await form.getByTestId('reason-other').check();
    expect(await form.getByTestId('false-alarm-confirm').isDisabled()).toBe(true); // "other" needs its words
    await form.getByTestId('reason-text').fill('the speaker froze the slide on purpose');
    await page.screenshot({ path: shot('carry-over-false-alarm') });
    await expectNoViolations('the false-alarm reason');
    await form.getByTestId('false-alarm-confirm').click();
    await expect.poll(() => card.getAttribute('data-status')).toBe('false-alarm');
    expect(await card.getByTestId('false-alarm-reason').textContent()).toBe(
      ' · false alarm: the speaker froze the slide on purpose',
    );
    // Open before closed: the closed cards come last.
    const statuses = await page
      .locator('[data-testid="incident-card"]')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-status')));
    expect(statuses.slice(statuses.findIndex((s) => s === 'resolved' || s === 'false-alarm'))).toSatisfy(
      (rest: (string | null)[]) => rest.every((s) => s === 'resolved' || s === 'false-alarm'),
    );
    expect(errors).toEqual([]);
  });
});
