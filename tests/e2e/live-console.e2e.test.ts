import { describe, expect, it } from 'vitest';
import { shot } from '../support/browser';
import { consoleInBrowser, openConsole } from '../support/console-in-browser';

describe('web console on the embedded simulator', () => {
  const ctx = consoleInBrowser(['--scenario', 'audio-loss', '--speed', '5']);

  it('shows chat lines arriving and the charts moving', async () => {
    const { page, errors } = await openConsole(ctx);
    await expect
      .poll(() => page.getByTestId('connection-state').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('online');
    await expect.poll(() => page.getByTestId('chat-line').count(), { timeout: 20_000 }).toBeGreaterThan(3);

    const firstSample = await page.getByTestId('last-sample').textContent();
    await expect.poll(() => page.getByTestId('last-sample').textContent(), { timeout: 10_000 }).not.toBe(firstSample);
    // recharts draws a path per series once there are samples
    await expect
      .poll(() => page.locator('[data-testid="chart-audioLevelDb"] path.recharts-curve').count())
      .toBeGreaterThan(0);
    const d1 = await page.locator('[data-testid="chart-bitrateKbps"] path.recharts-curve').getAttribute('d');
    await expect
      .poll(() => page.locator('[data-testid="chart-bitrateKbps"] path.recharts-curve').getAttribute('d'), {
        timeout: 10_000,
      })
      .not.toBe(d1);

    expect(await page.getByTestId('event-name').textContent()).not.toBe('No event yet');

    // A producer notices something no detector can: open an incident by hand.
    await page.getByTestId('manual-title').fill('Slides stuck on page 3');
    await page.getByTestId('open-manual').click();
    const manual = page.locator('[data-testid="incident-card"][data-kind="other"]');
    await expect.poll(() => manual.count()).toBe(1);
    expect(await manual.getAttribute('data-status')).toBe('acknowledged');
    expect(await manual.textContent()).toContain('Slides stuck on page 3');
    await page.screenshot({ path: shot('live-console') });
    expect(errors).toEqual([]);
  });
});
