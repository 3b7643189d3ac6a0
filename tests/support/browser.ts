/**
 * Headless Chromium driven by playwright-core, with a fresh profile per test file. Which Chromium: the one
 * CHROMIUM_PATH names, else a system Chromium or Chrome where one is installed (Debian's is the one CI
 * installs), else the Chromium shipped inside the npm package @sparticuz/chromium, unpacked once per version
 * under the temp folder (onair-sparticuz-chromium-<version>). So the browser tests run on any Linux machine that ran `npm ci`.
 */
import { execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

/** Where Debian, Ubuntu and Google's packages put their browser, best first. */
export const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
] as const;

export const BUNDLED = '@sparticuz/chromium';

export type BrowserChoice =
  | { source: 'CHROMIUM_PATH' | 'system'; executablePath: string }
  | { source: typeof BUNDLED; executablePath?: undefined };

/**
 * Which browser to use, from the environment and a test for "this path is an executable file": CHROMIUM_PATH
 * if set (a wrong one is an error, not a silent fallback), else the first installed system browser, else the
 * bundled one.
 */
export function chooseBrowser(
  env: { CHROMIUM_PATH?: string },
  isExecutable: (path: string) => boolean,
  candidates: readonly string[] = SYSTEM_BROWSERS,
): BrowserChoice {
  const explicit = env.CHROMIUM_PATH?.trim();
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`CHROMIUM_PATH=${explicit} is not an executable file`);
    return { source: 'CHROMIUM_PATH', executablePath: explicit };
  }
  const installed = candidates.find((p) => isExecutable(p));
  return installed ? { source: 'system', executablePath: installed } : { source: BUNDLED };
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Our flags, for every Chromium. */
export const OUR_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/**
 * The bundled Chromium's own flags that we leave out:
 * - --disable-features / --enable-features: Chromium keeps only the last of each switch, so theirs would
 *   replace the lists Playwright passes (PaintHolding, HttpsUpgrades, …);
 * - --disable-web-security / --allow-running-insecure-content: they change what the page under test may do;
 * - --use-gl / --use-angle: they pick a GPU backend where we ask for --disable-gpu, as on a system Chromium.
 */
const DROPPED =
  /^--(disable-features|enable-features|disable-web-security|allow-running-insecure-content|use-gl|use-angle)(=|$)/;

/**
 * Flags for the bundled Chromium (a chrome-headless-shell build for serverless machines): ours, except our
 * --headless (theirs, --headless='shell', is the only mode that build has), then theirs, minus DROPPED and
 * what we already pass.
 */
export function bundledArgs(theirs: readonly string[], ours: readonly string[] = OUR_ARGS): string[] {
  const mine = ours.filter((a) => !/^--headless(=|$)/.test(a));
  return [...mine, ...theirs.filter((a) => !DROPPED.test(a) && !mine.includes(a))];
}

export interface ResolvedBrowser {
  executablePath: string;
  args: string[];
  /** One line for the log: which browser, and why this one. */
  label: string;
}

function versionOf(executablePath: string): string {
  try {
    return execFileSync(executablePath, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return 'version unknown';
  }
}

const requireHere = createRequire(import.meta.url);

function bundledVersion(): string {
  // The package's exports hide its package.json; it sits two folders above the CommonJS entry.
  const entry = requireHere.resolve(BUNDLED);
  return (JSON.parse(readFileSync(join(dirname(entry), '../../package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Unpacks the bundled Chromium into <tmp>/onair-sparticuz-chromium-<version>/ unless already there, and returns its path.
 * Safe when several processes (test files, other people's runs) do it at once, and after one was killed half
 * way: each unpacks into its own staging folder, which becomes the real one by an atomic rename (the first
 * one wins). The package's own default, a bare /tmp/chromium, is none of that and survives an upgrade.
 */
async function unpackBundledChromium(): Promise<{ executablePath: string; version: string }> {
  const version = bundledVersion();
  const home = join(tmpdir(), `onair-sparticuz-chromium-${version}`);
  const executablePath = join(home, 'chromium');
  if (isExecutableFile(executablePath)) return { executablePath, version };

  // Staging folders left by a run killed half way (an unpack takes seconds, not minutes).
  for (const name of readdirSync(tmpdir()))
    if (name.startsWith(`onair-sparticuz-chromium-${version}.partial-`)) {
      const stale = join(tmpdir(), name);
      if (Date.now() - statSync(stale).mtimeMs > 10 * 60_000) rmSync(stale, { recursive: true, force: true });
    }

  const { default: pack } = await import('@sparticuz/chromium');
  const staging = mkdtempSync(`${home}.partial-`);
  // The package unpacks into os.tmpdir(), read once when the unpacking starts (synchronously, below).
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  let unpacking: Promise<string>;
  try {
    unpacking = pack.executablePath();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  try {
    const unpacked = await unpacking;
    if (unpacked !== join(staging, 'chromium')) throw new Error(`${BUNDLED} unpacked to ${unpacked}, not ${staging}`);
    try {
      renameSync(staging, home);
    } catch (e) {
      // Another process got there first: use its copy.
      const code = (e as NodeJS.ErrnoException).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !isExecutableFile(executablePath)) throw e;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { executablePath, version };
}

/** Finds the browser (unpacking the bundled one if it comes to that). */
export async function resolveBrowser(env: NodeJS.ProcessEnv = process.env): Promise<ResolvedBrowser> {
  const choice = chooseBrowser(env, isExecutableFile);
  if (choice.source !== BUNDLED) {
    const why = choice.source === 'CHROMIUM_PATH' ? 'set by CHROMIUM_PATH' : 'installed on this machine';
    return {
      executablePath: choice.executablePath,
      args: OUR_ARGS,
      label: `${versionOf(choice.executablePath)} at ${choice.executablePath} (${why})`,
    };
  }
  const { executablePath, version } = await unpackBundledChromium();
  const { default: pack } = await import('@sparticuz/chromium');
  return {
    executablePath,
    args: bundledArgs(pack.args),
    label:
      `${versionOf(executablePath)} from ${BUNDLED} ${version} at ${executablePath} ` +
      `(no CHROMIUM_PATH, none of ${SYSTEM_BROWSERS.join(', ')} installed)`,
  };
}

/**
 * The vitest e2e project's global setup resolves the browser once, logs it, and hands it to the test files
 * through this variable; a file run any other way (a benchmark) resolves and logs it itself.
 */
export const RESOLVED_ENV = 'ONAIR_E2E_BROWSER';

let resolved: Promise<ResolvedBrowser> | undefined;
function browserForThisProcess(): Promise<ResolvedBrowser> {
  const handed = process.env[RESOLVED_ENV];
  if (handed) return Promise.resolve(JSON.parse(handed) as ResolvedBrowser);
  return (resolved ??= resolveBrowser().then((b) => {
    console.log(`browser: ${b.label}`);
    return b;
  }));
}

export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const { executablePath, args } = await browserForThisProcess();
  const userDataDir = mkdtempSync(join(tmpdir(), 'onair-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export const shot = (name: string) => join(ARTIFACTS, `${name}.png`);
