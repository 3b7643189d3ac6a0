/**
 * Accessible by the book: axe-core (WCAG 2.0/2.1 A and AA, plus best practices) finds nothing on any view of
 * the console — the live console with an incident open, the composer open, every tab, the review with a
 * marker selected — nor on the exported HTML report. Each view is screenshotted to tests/artifacts/a11y-*.png.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../support/axe';
import { ARTIFACTS, shot } from '../support/browser';
import { consoleInBrowser, openConsole } from '../support/console-in-browser';

async function expectNoViolations(page: Page, view: string) {
  await page.screenshot({ path: shot(`a11y-${view}`), fullPage: true });
  const found = await axeViolations(page);
  expect(found, `${view}:\n${describeViolations(found)}`).toEqual([]);
}

describe('accessibility of every view', () => {
  const ctx = consoleInBrowser(['--scenario', 'audio-loss', '--speed', '10']);

  it('the live console, an open incident and the composer have no axe violations', async () => {
    const { page, errors } = await openConsole(ctx);
    await expect.poll(() => page.getByTestId('chat-line').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expectNoViolations(page, 'live');
    // Where the browser holds the sound until a gesture, the top bar says so and one click enables it.
    const sound = page.getByTestId('sound-state');
    if ((await sound.getAttribute('data-state')) === 'off') {
      expect(await sound.textContent()).toBe('Sound off — click to enable');
      await sound.click();
    }
    await expect.poll(() => sound.getAttribute('data-state')).toBe('on');

    await expect.poll(() => page.getByTestId('incident-banner').isVisible(), { timeout: 30_000 }).toBe(true);
    await expectNoViolations(page, 'incident');

    await page.locator('[data-testid="incident-card"][data-kind="audio"]').getByTestId('compose-update').click();
    await expect.poll(() => page.getByTestId('composer-body').inputValue()).toMatch(/audio/i);
    await expectNoViolations(page, 'composer');

    // A laptop screen: the delivery table is not cut off on the right.
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: shot('a11y-composer-1366x768') });
    const overflow = await page
      .getByTestId('composer')
      .evaluate((el) => [...el.querySelectorAll('*')].filter((e) => e.scrollWidth > e.clientWidth + 1).length);
    const box = (await page.getByTestId('checklist').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
    expect(overflow).toBe(0);
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
  });

  it('the desk, sources, channels, audience and announcements have no axe violations', async () => {
    const { page, errors } = await openConsole(ctx);
    for (const tab of ['desk', 'sources', 'settings', 'audience', 'announcements']) {
      await page.getByTestId(`tab-${tab}`).click();
      await expect.poll(() => page.getByRole('tabpanel').count()).toBe(1);
      await expectNoViolations(page, tab);
      if (tab === 'settings') {
        // TLS is a switch, toggled from the keyboard like any checkbox.
        const tls = page.getByRole('switch', { name: /TLS/ });
        await tls.focus();
        await page.keyboard.press('Space');
        expect(await tls.isChecked()).toBe(true);
      }
    }
    expect(errors).toEqual([]);
  });

  it('the review with a marker selected and the exported HTML report have no axe violations', async () => {
    const { page, errors } = await openConsole(ctx);
    await expect.poll(() => page.getByTestId('incident-card').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByTestId('tab-review').click();
    await expect.poll(() => page.getByTestId('marker').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.getByTestId('marker').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('marker-detail').isVisible()).toBe(true);
    await expectNoViolations(page, 'review');

    // History search reads the chat too, and says when nothing matched.
    await page.getByTestId('history-search').fill('si sente');
    await expect.poll(() => page.getByTestId('history-chat-match').first().textContent()).toMatch(/si sente/i);
    await page.getByTestId('history-search').fill('nobody ever wrote this');
    await expect.poll(() => page.getByTestId('history-empty').textContent()).toMatch(/Nothing matched/);
    await expectNoViolations(page, 'review-search-empty');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
    const file = `${ARTIFACTS}/a11y-report.html`;
    await download.saveAs(file);
    expect(readFileSync(file, 'utf8')).toMatch(/<h1/);
    const report = await ctx.browser.context.newPage();
    await report.goto(`file://${file}`);
    await expectNoViolations(report, 'report');
    expect(errors).toEqual([]);
  });
});
