/**
 * The program probe: listens to the program feed itself (what the audience gets) by running ffmpeg on it
 * (probe-args.ts) and reading its stderr live (probe-output.ts). One health sample per 100 ms of audio: the
 * level, and while the picture is black or frozen, since when. Samples are stamped on the media clock
 * (media-clock.ts): when the audience heard them, not when ffmpeg got to them.
 *
 * Supervision: when ffmpeg exits (the feed ended, the server refused, the device is gone) the source goes
 * offline with what went wrong and starts it again with backoff; no media for `stallMs` (a stalled HLS
 * playlist, a silent TCP connection) counts as an exit. ffmpeg never outlives Onair: stop() ends it (SIGTERM,
 * SIGKILL 2 s later) and waits; Onair's exit kills every one still running; and on Linux it is started under
 * `setpriv --pdeathsig`, so the kernel kills it when Onair dies without an exit (SIGKILL, a crash). Its stdin
 * and stdout are no help there: ffmpeg ignores SIGPIPE and, with -nostdin, never reads stdin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Clock, Disposable } from '../../../../../shared/clock';
import type { ConnectionState, ConnectionStatus, EpochMs, HealthSample } from '../../../../../shared/types';
import { systemClock } from '../../clock';
import { backoffMs } from '../../ingest/socketio-source';
import { NO_CHAT, type SourceAdapter, type SourceSink } from '../../ingest/source-adapter';
import { findFfmpeg, type FfmpegBinary } from './ffmpeg-binary';
import { mediaClock } from './media-clock';
import { maskInput, parseProbeInput, probeArgs, redactUrls, type ProbeInput } from './probe-args';
import { probeOutput, type ErrorCause, type ProbeReading } from './probe-output';

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
const QUARANTINE_PER_RUN = 20;
const SILENT_DB = -120;
/** A live HLS stream is read up to three segments ahead at the start; a recording runs away. */
const NOT_LIVE_MS = 45_000;

/** Which error line explains a failed run best: the most specific one ffmpeg printed. */
const RANK: ErrorCause[] = [
  'http',
  'refused',
  'dns',
  'unreachable',
  'timeout',
  'missing',
  'permission',
  'protocol',
  'format',
  'invalid',
  'no-stream',
  'io',
  'other',
];

// One registry for the whole process: Onair's exit kills whatever is still running.
const live = new Set<ChildProcess>();
let exitHook = false;
function track(child: ChildProcess): void {
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => live.forEach((c) => c.kill('SIGKILL')));
  }
  live.add(child);
  child.once('close', () => live.delete(child));
}

let setpriv: string | null | undefined;
function command(binary: string, args: string[]): [string, string[]] {
  if (setpriv === undefined)
    setpriv = process.platform === 'linux' ? (['/usr/bin/setpriv', '/bin/setpriv'].find(existsSync) ?? null) : null;
  return setpriv ? [setpriv, ['--pdeathsig', 'KILL', '--', binary, ...args]] : [binary, args];
}

interface Failure {
  cause: ErrorCause;
  text: string;
}

function explain(f: Failure | undefined, input: ProbeInput, url: string, binary: FfmpegBinary): string | undefined {
  if (!f) return undefined;
  const hint = binary.origin === 'bundled' ? ': install ffmpeg, the bundled 2018 build lacks it' : '';
  const where = input.kind === 'device' ? `the ${input.format} device ${input.device}` : url;
  const host = input.kind === 'device' ? '' : new URL(input.url).host;
  switch (f.cause) {
    case 'http': {
      const status = /Server returned (.+)$/.exec(f.text)?.[1] ?? /HTTP error (.+)$/.exec(f.text)?.[1] ?? f.text;
      return `the server answered ${status} for ${url}`;
    }
    case 'refused':
      return `nothing listens at ${host} (connection refused)`;
    case 'dns':
      return `the host of ${url} is not known (DNS)`;
    case 'unreachable':
      return `${host} cannot be reached from here`;
    case 'timeout':
      return `${where} did not answer in time`;
    case 'missing':
      return input.kind === 'device' ? `${where} does not exist` : `${url}: not found`;
    case 'permission':
      return `no permission to open ${where}`;
    case 'protocol':
      return `this ffmpeg cannot read ${input.kind === 'pull' ? input.scheme : 'this'}:// inputs${hint}`;
    case 'format':
      return input.kind === 'device' ? `this ffmpeg has no ${input.format} input${hint}` : `ffmpeg: ${f.text}`;
    case 'invalid':
      return `what ${where} sends is not a stream ffmpeg can read`;
    case 'no-stream':
      return `${where} carries neither audio nor video`;
    default:
      return `ffmpeg: ${redactUrls(f.text)}`;
  }
}

interface Run {
  online: boolean;
  media: { audio: boolean; video: boolean };
  /** The error line that explains a failure best. */
  failure?: Failure;
  /** The wall time a reading maps to; the readings of media being read move the media clock. */
  read(r: ProbeReading, now: EpochMs): EpochMs;
}

/** What one ffmpeg run's readings mean: health samples, the connection going online, the error to show. */
function interpret(sink: SourceSink, onMedia: (run: Run) => void, notLive: () => void): Run {
  const clock = mediaClock();
  let blackSince: EpochMs | undefined;
  let frozenSince: EpochMs | undefined;
  let quarantined = 0;
  const sample = (ts: EpochMs, levelDb?: number) => {
    const s: HealthSample = { ts };
    if (levelDb !== undefined) s.audioLevelDb = Math.min(0, Math.max(SILENT_DB, levelDb));
    if (blackSince !== undefined) s.blackSince = blackSince;
    if (frozenSince !== undefined) s.frozenSince = frozenSince;
    sink.health(s);
  };
  const run: Run = {
    online: false,
    media: { audio: false, video: false },
    read(r, now) {
      switch (r.kind) {
        case 'level': {
          const ts = clock.stamp(r.pts, now);
          if (clock.ahead() > NOT_LIVE_MS) notLive();
          onMedia(run);
          sample(ts, r.rmsDb);
          return ts;
        }
        case 'black-start':
        case 'black-end':
        case 'freeze-start':
        case 'freeze-end': {
          const ts = clock.stamp(r.at, now);
          const since = clock.at(r.pts, now);
          if (r.kind === 'black-start') blackSince ??= since;
          else if (r.kind === 'black-end') blackSince = undefined;
          else if (r.kind === 'freeze-start') frozenSince ??= since;
          else frozenSince = undefined;
          onMedia(run);
          if (!run.media.audio) sample(ts); // no levels to carry the picture's state
          return since;
        }
        case 'silence-start':
        case 'silence-end':
          return clock.at(r.pts, now);
        case 'input-stream':
          run.media[r.media] = true;
          return now;
        case 'progress': {
          // With audio, the first level says the media flows; a video-only input has only this to say so,
          // and its samples come from here: regular ones, so the picture's state is judged on time and the
          // probe does not look quiet.
          if (run.online || !run.media.audio) onMedia(run);
          if (run.media.audio || r.pts === undefined) return now;
          const ts = clock.stamp(r.pts, now);
          sample(ts);
          return ts;
        }
        case 'error':
          if (!run.failure || RANK.indexOf(r.cause) < RANK.indexOf(run.failure.cause)) run.failure = r;
          return now;
        case 'unparsed':
          if (quarantined++ < QUARANTINE_PER_RUN) sink.quarantined('ffmpeg.output', r.reason, r.line);
          return now;
      }
    },
  };
  return run;
}

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

  const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
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
