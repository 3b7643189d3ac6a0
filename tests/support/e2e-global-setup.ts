/**
 * Global setup of the vitest e2e project: finds the browser once for the whole run (unpacking the bundled
 * Chromium before any test file starts, rather than in each of them at once), logs which one, and hands it
 * to the test files' processes.
 */
import { RESOLVED_ENV, resolveBrowser } from './browser';

export default async function setup(): Promise<void> {
  const browser = await resolveBrowser();
  console.log(`e2e browser: ${browser.label}`);
  process.env[RESOLVED_ENV] = JSON.stringify(browser);
}
