/**
 * Global setup of the vitest e2e projects: finds the browser once for the whole run (unpacking the bundled
 * Chromium before any test file starts, rather than in each of them at once), logs which one, and hands it
 * to the test files' processes. It also bundles the web console's entry once for all of them
 * (web-console-process.ts), under out/e2e/: two folders deep in the repo, as the entry is, so the console finds
 * the repo's root, its built renderer and node_modules from there.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { RESOLVED_ENV, resolveBrowser } from './browser';
import { bundleForNode } from './node-bundle';
import { CONSOLE_BUNDLE_ENV, CONSOLE_ENTRY, ROOT } from './web-console-process';

export default async function setup(): Promise<() => void> {
  // Both e2e projects (e2e, e2e-timed) run this setup: the second one finds what the first one did.
  if (process.env[RESOLVED_ENV]) return () => undefined;
  const browser = await resolveBrowser();
  console.log(`e2e browser: ${browser.label}`);
  process.env[RESOLVED_ENV] = JSON.stringify(browser);

  const bundle = join(ROOT, 'out/e2e', `web-console-${process.pid}.mjs`); // one per run: runs may overlap
  if (await bundleForNode(join(ROOT, CONSOLE_ENTRY), bundle)) process.env[CONSOLE_BUNDLE_ENV] = bundle;
  else console.log('e2e: no esbuild found, the web console starts through tsx');
  return () => rmSync(bundle, { force: true });
}
