/**
 * For an e2e file whose posts must really go out: the webinar simulator started here, in the test process, as
 * an external socket.io source, and the console watching it with `--source URL`. To Onair that is a live event
 * (only a time line it plays itself, its embedded simulator or a replay, is a rehearsal whose posts stay in the
 * sandbox). Same shape as consoleInBrowser: call at the top of a describe block.
 */
import { afterAll, beforeAll } from 'vitest';
import { loadScenarioFile, startSimulator, type RunningSimulator } from '../../electron/main/services/simulator/server';
import { launchBrowser } from './browser';
import type { ConsoleInBrowser } from './console-in-browser';
import { startConsoleProcess } from './web-console-process';

export function consoleOnExternalSimulator(o: {
  scenario: string;
  speed: number;
  args?: string[];
}): ConsoleInBrowser & { simulator: RunningSimulator } {
  const ctx = {} as ConsoleInBrowser & { simulator: RunningSimulator };
  beforeAll(async () => {
    ctx.simulator = await startSimulator({ scenario: loadScenarioFile(o.scenario), speed: o.speed, loop: true });
    ctx.app = await startConsoleProcess(['--source', ctx.simulator.url, ...(o.args ?? [])]);
    ctx.browser = await launchBrowser();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.app?.stop();
    await ctx.simulator?.close();
  });
  return ctx;
}
