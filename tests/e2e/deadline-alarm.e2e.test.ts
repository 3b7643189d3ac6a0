/**
 * Silence is the worst answer: with a tight playbook, nobody posts, the deadline passes and the console
 * raises the alarm; "Post an update now" leads straight to the composer, and the update answers the alarm.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../support/axe';
import { shot } from '../support/browser';
import { consoleOnExternalSimulator } from '../support/external-simulator';

describe('deadline alarm', () => {
  // A live event to Onair (an external source), so the update is a real one.
  const ctx = consoleOnExternalSimulator({ scenario: 'audio-loss', speed: 10 });

  it('sounds when the first-update deadline passes in silence, and clears once the update is out', async () => {
    const page = await ctx.browser.context.newPage();
    await page.goto(ctx.app.url);
    // The audio playbook: first public word within 15 s (at 10x: 1.5 s of real time).
    await page.getByTestId('tab-settings').click();
    const audio = page.getByTestId('playbook-audio');
    await audio.locator('input').first().fill('0.25');
    await audio.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => audio.textContent()).toContain('Saved.');
    await page.getByTestId('field-status-page-publicUrl').fill('https://status.example.com/');
    await page.getByTestId('save-status-page').click();
    await expect.poll(() => page.getByTestId('msg-status-page').textContent()).toBe('Saved.');
    await page.getByTestId('tab-live').click();

    const alarm = page.getByTestId('deadline-alarm');
    await expect.poll(() => alarm.count(), { timeout: 30_000 }).toBe(1);
    expect(await alarm.textContent()).toMatch(/No public acknowledgement yet/);
    const card = page.locator('[data-testid="incident-card"][data-kind="audio"]');
    // The console's timer runs on its own 4 Hz tick: it turns red within a tick of the server's alarm.
    await expect
      .poll(() => card.getByTestId('silence-timer').getAttribute('data-level'), { timeout: 5000 })
      .toBe('red');
    await page.screenshot({ path: shot('deadline-alarm') });
    // The alarm row's yellow must not leak into its button's label (it read 3.9:1 on the button's blue).
    const found = await axeViolations(page);
    expect(found, describeViolations(found)).toEqual([]);

    await alarm.getByRole('button', { name: 'Post an update now' }).click();
    await expect.poll(() => page.getByTestId('composer-body').inputValue()).toMatch(/audio/i);
    await expect.poll(() => page.getByTestId('composer-send').isEnabled()).toBe(true);
    await page.getByTestId('composer-send').click();
    await expect.poll(() => page.getByTestId('composer-sent').isVisible()).toBe(true);
    await page.getByTestId('composer-close').click();
    await expect.poll(() => alarm.count()).toBe(0);
  });
});
