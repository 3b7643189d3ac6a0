/**
 * `npm run bench:soak`: a 4-hour event played at 60× (four minutes here) through the real path, in two
 * processes: the webinar simulator (a child process, on 127.0.0.1) plays a scenario of ~200,000 chat messages,
 * a health sample a second and three faults (audio lost, stream dropped, video frozen); this process runs the
 * whole console core (createOnair: socket.io ingest → validation → SQLite → detectors → incidents, the outbox
 * and the status page), as the app does. Prints peak memory, the database's size on disk, what was stored and
 * detected, and the live heap's slope over the event after its first simulated hour. Target: flat, so a
 * 10-hour conference ends as lean as it started. Memory is this process only (the simulator's is apart).
 *
 *   SOAK_SPEED=240 npm run bench:soak    a quicker run (one real minute)
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createOnair } from '../electron/main/services/onair';
import { parseScenario, type Scenario } from '../electron/main/services/simulator/scenario/scenario';
import { chatUntil } from '../electron/main/services/simulator/scenario/scenario-chat';
import { startSimulator } from '../electron/main/services/simulator/server';
import type { Clock } from '../shared/clock';
import { tempDir } from '../tests/support/temp-dir';

const HOURS = 4;
const SPEED = Number(process.env.SOAK_SPEED ?? 60);
/** Flat: the live heap may drift by at most this much per simulated hour once the first hour is over. */
const SLOPE_TARGET_MB_PER_HOUR = 2;
const SAMPLE_EVERY_MS = 1000;

/** ~200,000 chat messages over four hours, three faults an hour apart with their viewers complaining. */
function soakScenario(): Scenario {
  const h = 3600;
  const r = parseScenario({
    name: 'soak-four-hours',
    title: 'Four-hour conference: 200,000 chat messages, three faults',
    eventName: 'Four-hour product summit (soak)',
    durationSec: HOURS * h,
    seed: 4242,
    audience: {
      initialViewers: 1500,
      peakViewers: 4000,
      joinPerMin: 30,
      chatPerMin: 820,
      languages: ['en', 'it', 'es', 'de', 'fr'],
    },
    baseline: { audioLevelDb: -18, audioPacketsPerSec: 50, videoFps: 30, bitrateKbps: 2500 },
    segments: [
      { fromSec: 1 * h, toSec: 1 * h + 180, effect: 'audio-silence', fault: true, label: 'mixer muted' },
      { fromSec: 2 * h, toSec: 2 * h + 120, effect: 'stream-offline', fault: true, label: 'encoder crashed' },
      { fromSec: 3 * h, toSec: 3 * h + 120, effect: 'video-frozen', fault: true, label: 'capture card hung' },
    ],
    chatBursts: [
      { fromSec: 1 * h + 5, toSec: 1 * h + 180, perMin: 300, pool: 'complaint-audio', distinctAuthors: true },
      { fromSec: 2 * h + 5, toSec: 2 * h + 120, perMin: 300, pool: 'complaint-stream', distinctAuthors: true },
      { fromSec: 3 * h + 5, toSec: 3 * h + 120, perMin: 300, pool: 'complaint-video', distinctAuthors: true },
    ],
  });
  if (!r.ok) throw new Error(`soak scenario: ${r.reason}`);
  return r.value;
}

/**
 * A wall clock that stands still until opened: the simulator plays from its first tick whether or not anyone
 * listens, so its timers wait until the console has connected (at 60×, a second of start-up is a minute of
 * the event nobody would see). Once opened it runs at wall speed, from where it stood.
 */
function gatedClock(): { clock: Clock; open(): void } {
  let gatedAt: number | null = Date.now();
  let offset = 0;
  const waiting: { ms: number; fn: () => void; handle?: ReturnType<typeof setTimeout>; disposed: boolean }[] = [];
  return {
    clock: {
      now: () => (gatedAt ?? Date.now()) - offset,
      setTimer(ms, fn) {
        if (gatedAt === null) {
          const handle = setTimeout(fn, ms);
          return { dispose: () => clearTimeout(handle) };
        }
        const w: (typeof waiting)[number] = { ms, fn, disposed: false };
        waiting.push(w);
        return {
          dispose: () => {
            w.disposed = true;
            clearTimeout(w.handle);
          },
        };
      },
    },
    open() {
      if (gatedAt === null) return;
      offset = Date.now() - gatedAt;
      gatedAt = null;
      for (const w of waiting.splice(0)) if (!w.disposed) w.handle = setTimeout(w.fn, w.ms);
    },
  };
}

/** The child: the simulator alone; its URL and the number of messages it will send on stdout; "go" on stdin. */
async function serveSimulator(): Promise<void> {
  const scenario = soakScenario();
  const expected = chatUntil(scenario, 0, scenario.durationSec, 0).length;
  const gate = gatedClock();
  const sim = await startSimulator({ scenario, speed: SPEED, loop: false, clock: gate.clock });
  createInterface({ input: process.stdin }).on('line', (l) => l.trim() === 'go' && gate.open());
  console.log(JSON.stringify({ url: sim.url, expected }));
  process.once('SIGTERM', () => void sim.close().then(() => process.exit(0)));
}

interface Sample {
  simHours: number;
  heapMb: number;
  rssMb: number;
}

/** Least-squares slope of y over x. */
function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

const mb = (bytes: number) => bytes / 2 ** 20;
const fileMb = (path: string) => {
  try {
    return mb(statSync(path).size);
  } catch {
    return 0;
  }
};

async function soak(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (npm run bench:soak does): the slope is of the live heap');
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--simulator'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, SOAK_SPEED: String(SPEED) },
  });
  const first = await new Promise<string>((res, rej) => {
    createInterface({ input: child.stdout! }).once('line', res);
    child.once('exit', (code) => rej(new Error(`the simulator exited with ${code}`)));
  });
  const { url, expected } = JSON.parse(first) as { url: string; expected: number };

  const dataDir = tempDir('onair-soak-');
  const version = (
    JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const onair = await createOnair({ dataDir, mode: 'web', version, source: { kind: 'url', url }, log: () => {} });
  while (onair.ingest.connectionState().status !== 'online' || !onair.ingest.session())
    await new Promise((r) => setTimeout(r, 10));
  child.stdin!.write('go\n'); // the event starts now that the console is listening
  let latestTs = 0;
  let ended = false;
  onair.ingest.addListener({
    onHealth: (h) => (latestTs = Math.max(latestTs, h[h.length - 1].ts)),
    onEnded: () => (ended = true),
  });

  const samples: Sample[] = [];
  let peakRss = 0;
  let peakHeap = 0;
  const t0 = performance.now();
  const sample = () => {
    const raw = process.memoryUsage();
    peakRss = Math.max(peakRss, raw.rss);
    peakHeap = Math.max(peakHeap, raw.heapUsed);
    gc(); // the live heap, not what the collector has yet to reclaim
    const live = process.memoryUsage();
    const startedAt = onair.ingest.session()?.startedAt;
    if (startedAt && latestTs)
      samples.push({ simHours: (latestTs - startedAt) / 3_600_000, heapMb: mb(live.heapUsed), rssMb: mb(live.rss) });
  };
  const budgetMs = ((HOURS * 3_600_000) / SPEED) * 1.5 + 60_000;
  let lastReport = 0;
  while (!ended && performance.now() - t0 < budgetMs) {
    await new Promise((r) => setTimeout(r, SAMPLE_EVERY_MS));
    sample();
    const s = samples.at(-1);
    if (s && s.simHours - lastReport >= 0.5) {
      lastReport = s.simHours;
      console.log(
        `  ${s.simHours.toFixed(1)} h simulated: ${onair.ingest.stats().chat.toLocaleString()} messages stored, live heap ${s.heapMb.toFixed(0)} MB, RSS ${s.rssMb.toFixed(0)} MB`,
      );
    }
  }
  const realSeconds = (performance.now() - t0) / 1000;
  onair.ingest.flush();
  const stats = onair.ingest.stats();
  const incidents = onair.incidents.list();
  const db = join(dataDir, 'onair.sqlite');
  const dbMb = fileMb(db) + fileMb(`${db}-wal`) + fileMb(`${db}-shm`);
  child.kill('SIGTERM');
  await onair.close();

  const after = samples.filter((s) => s.simHours >= 1);
  const heapSlope = slope(after.map((s) => ({ x: s.simHours, y: s.heapMb })));
  const rssSlope = slope(after.map((s) => ({ x: s.simHours, y: s.rssMb })));
  const hour = (h: number) => samples.find((s) => s.simHours >= h);
  console.log(
    `Soak: a ${HOURS}-hour event at ${SPEED}× in ${realSeconds.toFixed(0)} s: simulator (child process) → socket.io 127.0.0.1 → ingest → SQLite (WAL, synchronous FULL) → detectors → incidents`,
  );
  console.table({
    'chat messages': {
      value: `${stats.chat.toLocaleString()} stored of ${expected.toLocaleString()} sent`,
      note: `${stats.quarantined} quarantined`,
    },
    'health samples': { value: stats.health.toLocaleString(), note: `${HOURS * 3600} seconds` },
    incidents: {
      value: String(incidents.length),
      note: incidents.map((i) => `${i.kind} (${i.detectors.join('+')})`).join(', '),
    },
    'peak RSS': { value: `${mb(peakRss).toFixed(0)} MB`, note: 'this process, sampled every second' },
    'peak heap': { value: `${mb(peakHeap).toFixed(0)} MB`, note: 'before collection' },
    'live heap at 1 h / 2 h / 3 h / end': {
      value: [hour(1), hour(2), hour(3), samples.at(-1)].map((s) => (s ? s.heapMb.toFixed(0) : '—')).join(' / '),
      note: 'MB, after a full collection',
    },
    'database on disk': { value: `${dbMb.toFixed(0)} MB`, note: 'onair.sqlite + -wal + -shm' },
    'live heap slope after 1 h': {
      value: `${heapSlope >= 0 ? '+' : ''}${heapSlope.toFixed(2)} MB per simulated hour`,
      note: `${after.length} samples`,
    },
    'RSS slope after 1 h': {
      value: `${rssSlope >= 0 ? '+' : ''}${rssSlope.toFixed(2)} MB per simulated hour`,
      note: 'native memory included (SQLite page cache, sockets)',
    },
  });
  const complete = ended && stats.chat === expected;
  const flat = Math.abs(heapSlope) <= SLOPE_TARGET_MB_PER_HOUR;
  console.log(
    `${flat ? 'MEETS' : 'MISSES'} target: flat (live heap slope within ±${SLOPE_TARGET_MB_PER_HOUR} MB per simulated hour after the first hour)` +
      `${complete ? '' : `; INCOMPLETE: ${ended ? 'the event ended' : 'the event did not end'} with ${stats.chat.toLocaleString()} of ${expected.toLocaleString()} messages stored`}`,
  );
  process.exit(flat && complete ? 0 : 1);
}

if (process.argv.includes('--simulator')) await serveSimulator();
else await soak();
