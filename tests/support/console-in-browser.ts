/** For an e2e file: the real web console as a child process, and a fresh headless Chromium, for all its tests. */
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
