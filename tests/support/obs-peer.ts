/**
 * A real OBS Studio (with its built-in obs-websocket 5) for tests, as ../shared/recipes/real-peers.md
 * describes: a throwaway HOME whose global.ini enables the websocket on a free port and skips the first-run
 * wizard, started under Xvfb in its own process group so that stop() ends OBS, Xvfb and xvfb-run together.
 * Plus what the tests feed it: a WAV as a media source, and a local RTMP ingest to stream to.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import OBSWebSocket, { EventSubscription } from 'obs-websocket-js';
import { poll } from './poll';
import { tempDir } from './temp-dir';
import { freePort } from './free-port';

export interface ObsPeer {
  port: number;
  password?: string;
  /** OBS's own log (stdout and stderr), for a failure message. */
  log(): string;
  /** A client for the test to drive OBS with (reconnects after a restart). */
  control(): Promise<OBSWebSocket>;
  /** Ends OBS and everything it started, and removes its HOME. */
  stop(): Promise<void>;
  /** Ends OBS the way a producer quits it (SIGTERM: it saves its scenes) and starts it again on the same port. */
  restart(): Promise<void>;
}

const STARTUP_MS = 30_000;

/** Process groups still running, killed if the test process exits without stopping them. */
const running = new Set<number>();
process.once('exit', () => {
  for (const group of running) killGroup(group, 'SIGKILL');
});

function killGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch {
    // ESRCH: already gone
  }
}

const groupAlive = (group: number) => {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
};

function globalIni(port: number, password: string | undefined): string {
  return [
    '[General]',
    'FirstRun=true',
    'LastVersion=486539266', // 29.0.2: no "what's new" and no auto-configuration wizard
    '',
    '[OBSWebSocket]',
    'ServerEnabled=true',
    `ServerPort=${port}`,
    `AuthRequired=${password ? 'true' : 'false'}`,
    ...(password ? [`ServerPassword=${password}`] : []),
    'FirstLoad=false',
    '',
  ].join('\n');
}

async function connectTo(port: number, password: string | undefined, meters = false): Promise<OBSWebSocket> {
  const obs = new OBSWebSocket();
  const eventSubscriptions = EventSubscription.All | (meters ? EventSubscription.InputVolumeMeters : 0);
  await obs.connect(`ws://127.0.0.1:${port}`, password, { eventSubscriptions });
  return obs;
}

export async function startObs(o: { password?: string } = {}): Promise<ObsPeer> {
  const home = tempDir('onair-obs-');
  const port = await freePort();
  const logFile = join(home, 'obs.log');
  mkdirSync(join(home, '.config', 'obs-studio'), { recursive: true });
  writeFileSync(join(home, '.config', 'obs-studio', 'global.ini'), globalIni(port, o.password));
  let child: ChildProcess | null = null;
  let control: OBSWebSocket | null = null;
  const log = () => readFileSync(logFile, 'utf8');

  const launch = async () => {
    const out = openSync(logFile, 'a');
    const args = ['-a', '-s', '-screen 0 1280x720x24', 'obs'];
    // --multi: without it a second OBS on the machine (test files run in parallel) waits in an invisible
    // "OBS is already running" dialog and never opens its websocket.
    const flags = ['--multi', '--disable-updater', '--disable-shutdown-check', '--minimize-to-tray'];
    const c = spawn('xvfb-run', [...args, ...flags], {
      env: { ...process.env, HOME: home },
      detached: true, // setsid(): its own process group
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    if (!c.pid) throw new Error('xvfb-run did not start (is the xvfb package installed?)');
    child = c;
    const group = c.pid;
    running.add(group);
    let exited = false;
    c.once('exit', () => (exited = true));
    await poll(
      async () => {
        if (exited) throw new Error(`OBS exited during startup:\n${log().slice(-2000)}`);
        await (await connectTo(port, o.password)).disconnect();
        return true;
      },
      { timeoutMs: STARTUP_MS, intervalMs: 200, what: () => `OBS's websocket on port ${port}\n${log().slice(-2000)}` },
    );
  };

  const halt = async () => {
    const c = child;
    child = null;
    const ctl = control;
    control = null;
    await ctl?.disconnect().catch(() => undefined);
    if (!c?.pid) return;
    const group = c.pid;
    killGroup(group, 'SIGTERM');
    try {
      await poll(() => !groupAlive(group), { timeoutMs: 5000, what: 'OBS to quit on SIGTERM' });
    } catch {
      killGroup(group, 'SIGKILL');
      await poll(() => !groupAlive(group), { timeoutMs: 5000, what: 'OBS to die on SIGKILL' });
    }
    running.delete(group);
  };

  try {
    await launch();
  } catch (err) {
    await halt(); // an OBS that never opened its websocket must not outlive the test
    throw err;
  }
  return {
    port,
    ...(o.password ? { password: o.password } : {}),
    log,
    async control() {
      if (!control?.identified) control = await connectTo(port, o.password, true);
      return control;
    },
    async stop() {
      await halt();
      rmSync(home, { recursive: true, force: true });
    },
    async restart() {
      await halt();
      await launch();
    },
  };
}

/** A media source playing `file` in a loop, in the current program scene. */
export async function addWavInput(obs: OBSWebSocket, inputName: string, file: string): Promise<void> {
  const { currentProgramSceneName } = await obs.call('GetSceneList');
  await obs.call('CreateInput', {
    sceneName: currentProgramSceneName,
    inputName,
    inputKind: 'ffmpeg_source',
    inputSettings: { local_file: file, looping: true, is_local_file: true },
  });
}

export interface RtmpIngest {
  server: string;
  key: string;
  /** Ends the ingest (as a platform dropping the stream would); resolves once ffmpeg is gone. */
  kill(): Promise<void>;
}

/** Whether something listens on 127.0.0.1:port, read from /proc (a probe connection would use up the ingest). */
function listening(port: number): boolean {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .some((line) => {
      const [, address, , state] = line.trim().split(/\s+/);
      return address === local && state === '0A';
    });
}

/** ffmpeg as a one-connection RTMP server that reads the stream and throws it away. */
export async function startRtmpIngest(): Promise<RtmpIngest> {
  const port = await freePort();
  const ffmpeg = spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-listen',
      '1',
      '-i',
      `rtmp://127.0.0.1:${port}/live/test`,
      '-f',
      'null',
      '-',
    ],
    { stdio: 'ignore' },
  );
  const gone = new Promise<void>((resolve) => ffmpeg.once('exit', () => resolve()));
  await poll(() => listening(port), { timeoutMs: 5000, what: `ffmpeg's RTMP listener on ${port}` });
  return {
    server: `rtmp://127.0.0.1:${port}/live`,
    key: 'test',
    async kill() {
      if (ffmpeg.exitCode === null && ffmpeg.signalCode === null) ffmpeg.kill('SIGKILL');
      await gone;
    },
  };
}

export async function streamTo(obs: OBSWebSocket, ingest: RtmpIngest): Promise<void> {
  await obs.call('SetStreamServiceSettings', {
    streamServiceType: 'rtmp_custom',
    streamServiceSettings: { server: ingest.server, key: ingest.key },
  });
  await obs.call('StartStream');
}
