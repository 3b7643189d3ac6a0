/**
 * Which ffmpeg the program probe runs: the one the operator names, else the system's (on PATH: kept up to date
 * by the distribution, with SRT and PulseAudio), else the static build inside the npm package
 * @ffmpeg-installer/ffmpeg (a 2018 build: no SRT, no PulseAudio input, but HLS, RTMP and every filter the probe
 * uses), so a fresh install works without one.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, chmod, realpath, stat } from 'node:fs/promises';
import { delimiter, join, sep } from 'node:path';

export interface FfmpegBinary {
  path: string;
  origin: 'system' | 'bundled';
  /** From `ffmpeg -version`: "5.1.6-0+deb12u1", "N-47683-g0e8eb07980-static"; "unknown" when it does not say. */
  version: string;
}

const NAME = process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The first line of `ffmpeg -version`, read no further than that. The first run of the bundled static binary
 * (70 MB) reads it all from disk: on a busy machine that took over 5 s, so it gets 20.
 */
function versionOf(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(path, ['-version'], {
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 20_000,
      killSignal: 'SIGKILL',
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      out += s;
      if (out.includes('\n') || out.length > 4096) child.kill('SIGKILL');
    });
    child.on('error', () => resolve(undefined));
    child.on('close', () => resolve(/^ffmpeg version (\S+)/.exec(out)?.[1]));
  });
}

async function onPath(): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, NAME);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The package's binary, made executable if its postinstall (chmod u+x) did not run. */
async function bundled(): Promise<string | undefined> {
  let path: string;
  try {
    // Imported when needed: the package throws on load where it has no binary for this platform. (A
    // module-level createRequire would also clash with the `require` electron-vite declares in main.)
    path = (await import('@ffmpeg-installer/ffmpeg')).default.path;
  } catch {
    return undefined; // the package throws a string when the binary for this platform is missing
  }
  // A packaged app cannot execute a file inside its asar archive: electron-builder unpacks it beside.
  path = path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
  if (await isExecutable(path)) return path;
  try {
    await chmod(path, 0o755);
  } catch {
    return undefined;
  }
  return (await isExecutable(path)) ? path : undefined;
}

const samePath = async (a: string, b: string | undefined) =>
  b !== undefined && (await realpath(a).catch(() => a)) === (await realpath(b).catch(() => b));

export async function findFfmpeg(o: { path?: string } = {}): Promise<FfmpegBinary> {
  if (o.path) {
    const isBundled = await samePath(o.path, await bundled());
    if (!(await isExecutable(o.path))) throw new Error(`ffmpeg not found at ${o.path} (no executable file there)`);
    return { path: o.path, origin: isBundled ? 'bundled' : 'system', version: (await versionOf(o.path)) ?? 'unknown' };
  }
  const system = await onPath();
  const systemVersion = system && (await versionOf(system));
  if (system && systemVersion) return { path: system, origin: 'system', version: systemVersion };
  const own = await bundled();
  const ownVersion = own && (await versionOf(own));
  if (own && ownVersion) return { path: own, origin: 'bundled', version: ownVersion };
  throw new Error("no ffmpeg found: install ffmpeg, or reinstall Onair's packages");
}
