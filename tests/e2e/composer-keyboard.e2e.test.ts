/**
 * The producer's path without a mouse: Tab to the incident, acknowledge, open the composer, stay inside it
 * with Tab and Shift+Tab, pick a language, write, send, then Esc back to the button that opened it. The
 * silence timer stays in sight while the composer is open.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot } from '../support/browser';
import { consoleInBrowser, openConsole } from '../support/console-in-browser';

const activeTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
const focusInDialog = (page: Page) =>
  page.evaluate(() => !!document.activeElement?.closest('[role="dialog"][aria-modal="true"]'));

/** Presses Tab (or Shift+Tab) until the element with this test id has focus; fails past `max` presses. */
async function tabTo(page: Page, testId: string, o: { back?: boolean; max?: number } = {}): Promise<number> {
  for (let n = 1; n <= (o.max ?? 80); n++) {
    await page.keyboard.press(o.back ? 'Shift+Tab' : 'Tab');
    if ((await activeTestId(page)) === testId) return n;
  }
  throw new Error(`Tab never reached ${testId}`);
}

describe('composer by keyboard alone', () => {
  const ctx = consoleInBrowser(['--scenario', 'audio-loss', '--speed', '10']);

  it('acknowledges, composes and sends with the keyboard; Tab stays in the dialog, Esc gives focus back', async () => {
    const { page, errors } = await openConsole(ctx);
    await page.setViewportSize({ width: 1366, height: 768 }); // a laptop: the delivery table must still fit
    await expect.poll(() => page.getByTestId('incident-banner').isVisible(), { timeout: 30_000 }).toBe(true);
    const card = page.locator('[data-testid="incident-card"][data-kind="audio"]');

    await tabTo(page, 'banner-acknowledge');
    await page.keyboard.press('Enter');
    await expect.poll(() => card.getAttribute('data-status')).toBe('acknowledged');

    // Focus was on the banner's button, gone with the acknowledgement: start again from the top.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, 'compose-update');
    await page.keyboard.press('Enter');
    const composer = page.getByTestId('composer');
    await expect.poll(() => composer.isVisible()).toBe(true);
    expect(await composer.getAttribute('role')).toBe('dialog');
    expect(await composer.getAttribute('aria-modal')).toBe('true');
    const title = await page.locator(`#${await composer.getAttribute('aria-labelledby')}`).textContent();
    expect(title).toMatch(/audio/i);
    expect(await focusInDialog(page)).toBe(true);

    // The silence timer is in sight while writing, and it runs.
    const timer = composer.getByTestId('silence-timer');
    expect(await timer.isVisible()).toBe(true);
    const first = await timer.getByTestId('silence-value').textContent();
    await expect.poll(() => timer.getByTestId('silence-value').textContent(), { timeout: 5000 }).not.toBe(first);

    // Around and around: neither Tab nor Shift+Tab ever leaves the dialog.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInDialog(page)).toBe(true);
    }
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusInDialog(page)).toBe(true);
    }

    await tabTo(page, 'composer-lang');
    await page.keyboard.press('ArrowDown'); // English → Italiano
    await expect.poll(() => page.getByTestId('composer-lang').inputValue()).toBe('it');
    await expect.poll(() => page.getByTestId('composer-body').inputValue()).toMatch(/audio/i);
    await tabTo(page, 'composer-body');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Prossimo aggiornamento tra 5 minuti.');
    await expect.poll(() => page.getByTestId('composer-body').inputValue()).toMatch(/Prossimo aggiornamento/);
    // The status page's public address is not set on this machine: the link would point here, so it goes.
    await tabTo(page, 'composer-link');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('composer-link').inputValue()).toBe('');
    await page.screenshot({ path: shot('composer-keyboard') });

    await tabTo(page, 'composer-send');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('composer-sent').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('outbox-row').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const table = (await page.getByTestId('outbox-status').boundingBox())!;
    const dialog = (await composer.boundingBox())!;
    expect(table.x + table.width).toBeLessThanOrEqual(dialog.x + dialog.width);
    expect(await page.getByTestId('outbox-status').evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await page.screenshot({ path: shot('composer-keyboard-sent-1366x768') });

    await page.keyboard.press('Escape');
    await expect.poll(() => composer.count()).toBe(0);
    expect(await activeTestId(page)).toBe('compose-update');
    await page.screenshot({ path: shot('composer-keyboard-closed') });
    expect(errors).toEqual([]);
  }, 90_000);
});
