/**
 * The web console's access token in a real browser: the printed link lets the page in, the token leaves the
 * address bar at once (history, bookmarks, screenshots) and lives on in the tab, so a reload still works;
 * a page opened without it is refused and says what to do.
 */
import { describe, expect, it } from 'vitest';
import { consoleInBrowser } from '../support/console-in-browser';

describe('web console access token', () => {
  const ctx = consoleInBrowser(['--scenario', 'calm']);
  const status = (page: Awaited<ReturnType<typeof ctx.browser.context.newPage>>) =>
    page.getByTestId('connection-state').getAttribute('data-status');

  it('lets the printed link in, takes the token out of the address bar, and survives a reload', async () => {
    const page = await ctx.browser.context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(ctx.app.url);
    await expect.poll(() => status(page), { timeout: 15_000 }).toBe('online');
    expect(page.url()).toBe(new URL('/', ctx.app.url).href);
    expect(await page.evaluate(() => sessionStorage.getItem('onair.token'))).toBe(ctx.app.token);
    await page.reload();
    await expect.poll(() => status(page), { timeout: 15_000 }).toBe('online');
    expect(await page.getByTestId('console-offline').count()).toBe(0);
    await expect.poll(() => page.locator('path.recharts-curve').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    for (const tab of ['review', 'settings', 'live']) await page.getByTestId(`tab-${tab}`).click();
    expect(violations).toEqual([]); // the page's CSP (no inline styles or scripts) breaks nothing it draws
    // Control: an inline style is refused, and the listener hears it.
    await page.evaluate(() =>
      document.head.append(Object.assign(document.createElement('style'), { textContent: 'b{}' })),
    );
    await expect.poll(() => violations.length).toBe(1);
    // The link's entry was replaced, not kept behind a new one: one step back is where the tab came from.
    await page.goBack();
    expect(page.url()).toBe('about:blank');
    await page.close();
  });

  it('refuses a page opened without the token, and says to open the printed link', async () => {
    const page = await ctx.browser.context.newPage();
    await page.goto(new URL('/', ctx.app.url).href);
    await expect
      .poll(() => page.getByTestId('console-offline').textContent(), { timeout: 15_000 })
      .toMatch(/no access token: open the link the Onair console printed/);
    expect(await page.evaluate(() => sessionStorage.getItem('onair.token'))).toBeNull();
    await page.close();
  });

  it('refuses a page with a wrong token', async () => {
    const page = await ctx.browser.context.newPage();
    await page.goto(`${new URL('/', ctx.app.url).href}#token=${'x'.repeat(24)}`);
    await expect.poll(() => page.getByTestId('console-offline').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('console-offline').textContent()).toMatch(/open the new link it printed/);
    await page.close();
  });
});
