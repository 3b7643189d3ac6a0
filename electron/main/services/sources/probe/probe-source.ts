/**
 * The program probe: listens to the program feed itself (what the audience gets) by running ffmpeg on it
 * (probe-args.ts) and reading its stderr live (probe-output.ts). One health sample per 100 ms of audio: the
 * level, and while the picture is black or frozen, since when. Samples are stamped on the media clock
 * (media-clock.ts): when the audience heard them, not when ffmpeg got to them.
 *
 * Supervision: when ffmpeg exits (the feed ended, the server refused, the device is gone) the source goes
 * offline with what went wrong (probe-failure.ts) and starts it again with backoff; no media for `stallMs` (a
 * stalled HLS playlist, a silent TCP connection) counts as an exit. ffmpeg never outlives Onair: stop() ends it
 * (SIGTERM, SIGKILL 2 s later) and waits, and ffmpeg-process.ts covers Onair's exit and death.
 */
import { spawn } from 'node:child_process';
import type { Clock, Disposable } from '../../../../../shared/clock';
import type { ConnectionState, ConnectionStatus, EpochMs } from '../../../../../shared/types';
import { systemClock } from '../../clock';
import { backoffMs } from '../../ingest/socketio-source';
import { NO_CHAT, type SourceAdapter, type SourceSink } from '../../ingest/source-adapter';
import { findFfmpeg, type FfmpegBinary } from './ffmpeg-binary';
import { command, track } from './ffmpeg-process';
import { maskInput, parseProbeInput, probeArgs, redactUrls } from './probe-args';
import { explain } from './probe-failure';
import { probeOutput, type ProbeReading } from './probe-output';
import { interpret } from './probe-run';
import { messageOf } from '../../../../../shared/error-message';

export interface ProbeSourceOptions {
  input: string;
  /** The input is an rtmp:// address to listen on: the encoder pushes to the probe. */
  listen?: boolean;
  ffmpegPath?: string;
  clock: Clock;
  restartDelayMs?: number;
  restartDelayMaxMs?: number;
  /** No media for this long restarts ffmpeg (from the start when Onair connects; once online when it listens). */
  stallMs?: number;
  /** For tests: the backoff's jitter. */
  random?: () => number;
  log?: (line: string) => void;
  /** Every reading, with the wall time it maps to: silencedetect's verdicts are here for the benchmark. */
  onReading?: (reading: ProbeReading, wallMs: EpochMs) => void;
}

const KILL_AFTER_MS = 2000;
/** Throws, with what is wrong, for an input the probe cannot read (so the settings are refused, not stored). */
export function probeSource(o: ProbeSourceOptions): SourceAdapter {
  const url = maskInput(o.input);
  const parsed = parseProbeInput(o.input, o.listen);
  if (!parsed.ok) throw new Error(parsed.reason);
  const input = parsed.value;
  const minMs = o.restartDelayMs ?? 1000;
  const maxMs = o.restartDelayMaxMs ?? 30_000;
  const stallMs = o.stallMs ?? 15_000;
  const log = (line: string) => o.log?.(`program probe ${url}: ${line}`);
  let sink: SourceSink | null = null;
  let stopped = false;
  let attempt = 0;
  let binary: FfmpegBinary | undefined;
  let retry: Disposable | null = null;
  let current: { kill(reason: string): void; closed: Promise<void>; online(): boolean } | null = null;

  const state = (status: ConnectionStatus, extra: { lastError?: string; detail?: string } = {}) => {
    if (stopped || !sink) return;
    const s: ConnectionState = { status, url, since: o.clock.now(), attempt, ...extra };
    sink.connection(s);
  };

  /** Runs `fn`, logging instead of throwing: it is called from child process and timer callbacks. */
  const guarded =
    <A extends unknown[]>(fn: (...a: A) => void) =>
    (...a: A) => {
      try {
        fn(...a);
      } catch (err) {
        log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    };

  const restartLater = (lastError: string, delayMs?: number) => {
    attempt++;
    state('offline', { lastError });
    if (stopped) return;
    retry = o.clock.setTimer(delayMs ?? backoffMs(attempt, minMs, maxMs, o.random), () => {
      retry = null;
      runCycle();
    });
  };

  const message = (err: unknown) => messageOf(err);
  async function cycle(): Promise<void> {
    if (stopped) return;
    state('connecting');
    try {
      binary ??= await findFfmpeg({ path: o.ffmpegPath });
    } catch (err) {
      return restartLater(message(err));
    }
    if (stopped || !sink) return;
    try {
      spawnFfmpeg(binary, sink);
    } catch (err) {
      restartLater(`ffmpeg did not start: ${message(err)}`);
    }
  }
  const runCycle = () => void cycle().catch((err: unknown) => log(`failed: ${message(err)}`));

  function spawnFfmpeg(bin: FfmpegBinary, to: SourceSink) {
    const args = probeArgs(input);
    const p = spawn(...command(bin.path, args), { stdio: ['ignore', 'ignore', 'pipe'] });
    track(p);
    log(`started ${bin.path} (${bin.version}, ${bin.origin}), pid ${p.pid}: ${redactUrls(args.join(' '))}`);
    const output = probeOutput();
    const notLiveReason = `${url} plays faster than real time: it is a recording, or a stream that has ended`;
    let killReason: string | undefined;
    let spawnError: string | undefined;
    let killTimer: Disposable | null = null;
    let lastMedia = o.clock.now();
    let watchdog: Disposable | null = null;
    let closed!: () => void;
    const done = new Promise<void>((resolve) => (closed = resolve));

    const kill = (reason: string) => {
      if (killReason !== undefined) return;
      killReason = reason;
      p.kill('SIGTERM');
      killTimer = o.clock.setTimer(KILL_AFTER_MS, () => p.kill('SIGKILL'));
    };
    const watch = () => {
      watchdog = o.clock.setTimer(lastMedia + stallMs - o.clock.now(), () => {
        if (o.clock.now() - lastMedia >= stallMs) kill(`no media from ${url} for ${Math.round(stallMs / 1000)} s`);
        else watch();
      });
    };
    // Listening, nothing arrives until the encoder connects: only a stall after that counts.
    if (input.kind !== 'listen') watch();

    const run = interpret(
      to,
      (r) => {
        lastMedia = o.clock.now();
        if (r.online) return;
        r.online = true;
        attempt = 0;
        if (!watchdog) watch();
        const carries = r.media.audio && r.media.video ? 'audio+video' : r.media.audio ? 'audio' : 'video';
        state('online', { detail: `ffmpeg ${bin.version} (${bin.origin}), ${carries}` });
      },
      () => kill(notLiveReason),
    );
    const onReadings = (readings: ProbeReading[]) => {
      for (const r of readings)
        guarded(() => {
          const wall = run.read(r, o.clock.now());
          o.onReading?.(r, wall);
        })();
    };

    p.stderr?.setEncoding('utf8');
    p.stderr?.on(
      'data',
      guarded((text: string) => onReadings(output.push(text))),
    );
    p.stderr?.on('error', (err) => log(`reading ffmpeg's output failed: ${err.message}`));
    p.on(
      'error',
      guarded((err: NodeJS.ErrnoException) => {
        binary = undefined; // it went away since findFfmpeg saw it: look again next time
        spawnError = err.code === 'ENOENT' ? `ffmpeg not found at ${bin.path}` : `ffmpeg did not start: ${err.message}`;
      }),
    );
    p.on(
      'close',
      guarded((code: number | null, signal: NodeJS.Signals | null) => {
        onReadings(output.end());
        watchdog?.dispose();
        killTimer?.dispose();
        if (current?.closed === done) current = null;
        closed();
        const s = output.stats;
        log(
          `ffmpeg exited (${signal ?? `code ${code}`}): ${s.lines} lines, ${s.unrecognized} not understood, ` +
            `${s.malformed} malformed, ${s.oversized} too long`,
        );
        if (stopped) return;
        const ended = input.kind === 'listen' ? `the encoder stopped pushing to ${url}` : `the stream at ${url} ended`;
        const lastError =
          killReason ??
          spawnError ??
          (run.online && (code === 0 || run.failure?.cause === 'io') ? ended : undefined) ??
          explain(run.failure, input, url, bin) ??
          (signal ? `ffmpeg was killed (${signal})` : code === 0 ? ended : `ffmpeg exited with code ${code}`);
        // An HLS stream that ended is a recording now: read again soon, it would play back in a burst.
        const replay =
          killReason === notLiveReason || (input.kind === 'pull' && /^https?$/.test(input.scheme) && code === 0);
        restartLater(lastError, replay ? maxMs : undefined);
      }),
    );
    current = { kill, closed: done, online: () => run.online };
  }

  return {
    url,
    isConnected: () => !stopped && (current?.online() ?? false),
    postToChat: NO_CHAT('The program probe'),

    start(to) {
      if (sink) throw new Error('source already started');
      sink = to;
      runCycle();
    },

    async stop() {
      stopped = true;
      retry?.dispose();
      retry = null;
      const c = current;
      if (!c) return;
      c.kill('stopped');
      await c.closed;
    },
  };
}

type TestResult = { ok: true; detail: string; levelDb: number } | { ok: false; detail: string };

/** The Settings "Test" button: runs the probe until it reads the first level (10 s at most). */
export async function testProbe(o: { input: string; listen?: boolean; ffmpegPath?: string }): Promise<TestResult> {
  let source: SourceAdapter;
  try {
    source = probeSource({ ...o, clock: systemClock, stallMs: 10_000 });
  } catch (err) {
    return { ok: false, detail: (err as Error).message };
  }
  let finish!: (r: TestResult) => void;
  const result = new Promise<TestResult>((resolve) => (finish = resolve));
  let detail = '';
  const timer = systemClock.setTimer(10_000, () =>
    finish({ ok: false, detail: `no audio from ${source.url} within 10 s` }),
  );
  const ignore = () => undefined;
  source.start({
    hello: ignore,
    chat: ignore,
    ended: ignore,
    ownPost: ignore,
    quarantined: ignore,
    connection(s) {
      if (s.status === 'online') detail = s.detail ?? '';
      if (s.status === 'offline') finish({ ok: false, detail: s.lastError ?? 'ffmpeg stopped' });
    },
    health(h) {
      if (h.audioLevelDb !== undefined) finish({ ok: true, detail, levelDb: h.audioLevelDb });
    },
  });
  const r = await result;
  timer.dispose();
  await source.stop();
  return r;
}
