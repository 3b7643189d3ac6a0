/** For an e2e file: the real web console as a child process, and a fresh headless Chromium, for all its tests. */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { startConsoleProcess, type ConsoleProcess } from './web-console-process';

export interface ConsoleInBrowser {
  app: ConsoleProcess;
  browser: Awaited<ReturnType<typeof launchBrowser>>;
}

/** Call at the top of a describe block; the returned object is filled in before the first test runs. */
export function consoleInBrowser(args: string[]): ConsoleInBrowser {
  const ctx = {} as ConsoleInBrowser;
  beforeAll(async () => {
    ctx.app = await startConsoleProcess(args);
    ctx.browser = await launchBrowser();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.app?.stop();
  });
  return ctx;
}

/** A new page on the console, with every uncaught error the page throws collected in `errors`. */
export async function openConsole(ctx: ConsoleInBrowser): Promise<{ page: Page; errors: string[] }> {
  const page = await ctx.browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(ctx.app.url);
  return { page, errors };
}
