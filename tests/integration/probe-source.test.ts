/**
 * The program probe against real ffmpeg: live HLS over http on 127.0.0.1 (tests/support/hls-peer.ts), an
 * encoder pushing RTMP into the probe, the bundled 2018 build, and what goes wrong (a 404, nothing listening,
 * a server that never answers, no binary, a binary that prints garbage). The media is made on the spot with a
 * known layout (tests/support/media.ts); samples come in on the real clock, so they are judged by their media
 * position and their stamps, never by sleeping. The cases run side by side to keep the file short.
 */
import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectionState, HealthSample } from '../../shared/types';
import { systemClock } from '../../electron/main/services/clock';
import type { SourceSink } from '../../electron/main/services/ingest/source-adapter';
import { findFfmpeg } from '../../electron/main/services/sources/probe/ffmpeg-binary';
import type { ProbeReading } from '../../electron/main/services/sources/probe/probe-output';
import {
  probeSource,
  testProbe,
  type ProbeSourceOptions,
} from '../../electron/main/services/sources/probe/probe-source';
import { startHlsPeer } from '../support/hls-peer';
import { refusedUrl, startPeer } from '../support/http-peer';
import { avFile, MEDIA, speechWav, videoFile } from '../support/media';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';
import { freePort } from '../support/free-port';

const ROOT = resolve(import.meta.dirname, '../..');
const BUNDLED = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const TOLERANCE_MS = 300;
const SPEECH_DB = -40;
const SILENT_DB = -80;
const LONG = { timeout: 60_000 };
/**
 * Its stamps are judged against wall time with a 300 ms tolerance: on a machine loaded by the rest of the
 * suite (crash children, OBS, Chromium) ffmpeg can stall for seconds, so one more try is allowed there.
 */
const TIMED = { ...LONG, retry: 1 };

/** A process is gone once it no longer exists or is a zombie waiting for whoever reaps it (pid 1 after an orphan). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const pidsIn = (lines: string[]) => lines.flatMap((l) => /, pid (\d+):/.exec(l)?.[1] ?? []).map(Number);

function isListening(port: number): boolean {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .some((l) => l.trim().split(/\s+/)[1] === local && l.trim().split(/\s+/)[3] === '0A');
}

/** A probe on the real clock, into a sink that records everything; stopping it checks no ffmpeg is left. */
function startProbe(o: Omit<ProbeSourceOptions, 'clock'>) {
  const samples: HealthSample[] = [];
  const receivedAt: number[] = [];
  const states: ConnectionState[] = [];
  const quarantined: { event: string; reason: string }[] = [];
  const levels: { pts: number; wall: number }[] = [];
  const readings: { r: ProbeReading; wall: number; at: number }[] = [];
  const logs: string[] = [];
  const ignore = () => undefined;
  const sink: SourceSink = {
    hello: ignore,
    chat: ignore,
    ended: ignore,
    ownPost: ignore,
    health(s) {
      samples.push(s);
      receivedAt.push(Date.now());
    },
    connection: (s) => states.push(s),
    quarantined: (event, reason) => quarantined.push({ event, reason }),
  };
  const probe = probeSource({
    restartDelayMs: 100,
    restartDelayMaxMs: 400,
    ...o,
    clock: systemClock,
    log: (l) => logs.push(l),
    onReading(r, wall) {
      if (r.kind === 'level') levels.push({ pts: r.pts, wall });
      readings.push({ r, wall, at: Date.now() });
    },
  });
  probe.start(sink);
  const stop = async () => {
    await probe.stop();
    const pids = pidsIn(logs);
    expect(pids.filter(alive), `ffmpeg left running after stop(), of ${pids.join(', ')}`).toEqual([]);
  };
  return { probe, samples, receivedAt, states, quarantined, levels, readings, logs, stop };
}
type Probe = ReturnType<typeof startProbe>;

/** The first sample of the silence (after speech), and the first after it: indexes into samples and levels. */
function silence(p: Probe): { from: number; to: number } | undefined {
  const db = (i: number) => p.samples[i].audioLevelDb ?? 0;
  const speech = p.samples.findIndex((s) => (s.audioLevelDb ?? -120) > SPEECH_DB);
  if (speech < 0) return undefined;
  const from = p.samples.findIndex((_, i) => i > speech && db(i) <= SILENT_DB);
  const to = from < 0 ? -1 : p.samples.findIndex((_, i) => i > from && db(i) > SILENT_DB);
  return to < 0 ? undefined : { from, to };
}

/** The media second a level reading is at, counted from the first (the peer's stream starts at media 0). */
const mediaSec = (p: Probe, i: number) => p.levels[i].pts - p.levels[0].pts;

/** The wall time the media clock gives media second t, read off the level nearest to it. */
function wallOf(p: Probe, t: number): number {
  let best = 0;
  p.levels.forEach((_, i) => {
    if (Math.abs(mediaSec(p, i) - t) < Math.abs(mediaSec(p, best) - t)) best = i;
  });
  return p.levels[best].wall;
}

/** Speech, then digital silence at its true media onset, stamped on the media clock, never in the future. */
function expectSilenceAtOnset(p: Probe, producedAt: number, label: string) {
  const s = silence(p)!;
  const gapMs = (MEDIA.silenceToSec - MEDIA.silenceFromSec) * 1000;
  expect(Math.abs(mediaSec(p, s.from) - MEDIA.silenceFromSec) * 1000).toBeLessThanOrEqual(TOLERANCE_MS);
  expect(Math.abs(p.samples[s.to].ts - p.samples[s.from].ts - gapMs)).toBeLessThanOrEqual(TOLERANCE_MS);
  const onset = producedAt + MEDIA.silenceFromSec * 1000;
  expect(p.samples[s.from].ts).toBeGreaterThanOrEqual(onset - TOLERANCE_MS);
  p.samples.forEach((x, i) => {
    expect(x.ts).toBeLessThanOrEqual(p.receivedAt[i]);
    if (i) expect(x.ts).toBeGreaterThanOrEqual(p.samples[i - 1].ts);
  });
  const verdict = p.readings.find((x) => x.r.kind === 'silence-start');
  console.info(
    `${label}: silence at media ${MEDIA.silenceFromSec} s, produced at +0 ms; first silent sample stamped ` +
      `${p.samples[s.from].ts - onset} ms, received ${p.receivedAt[s.from] - onset} ms; silencedetect's verdict ` +
      (verdict ? `stamped ${verdict.wall - onset} ms, received ${verdict.at - onset} ms` : 'not seen'),
  );
}

const online = (p: Probe) => p.states.find((s) => s.status === 'online');

describe.concurrent('program probe', () => {
  it('HLS, audio only: the level falls from speech to silence at its true onset', LONG, async ({ onTestFinished }) => {
    const peer = await startHlsPeer(await speechWav());
    onTestFinished(() => peer.stop());
    const p = startProbe({ input: peer.url });
    onTestFinished(p.stop);
    const test = testProbe({ input: peer.url });

    await poll(() => silence(p), { timeoutMs: 30_000, what: 'speech, silence and speech again' });
    expect(p.states[0]).toMatchObject({ status: 'connecting', url: peer.url, attempt: 0 });
    expect(online(p)?.detail).toMatch(/^ffmpeg \S+ \(system\), audio$/);
    expectSilenceAtOnset(p, peer.startedAt, 'HLS');
    const silenceStart = p.readings.find((x) => x.r.kind === 'silence-start')!;
    expect(Math.abs(silenceStart.wall - p.samples[silence(p)!.from].ts)).toBeLessThanOrEqual(TOLERANCE_MS);
    expect(p.quarantined).toEqual([]);
    expect(await test).toMatchObject({ ok: true, detail: expect.stringMatching(/\(system\), audio$/) });
  });

  it('HLS, audio and video: black and frozen pictures from their true starts', LONG, async ({ onTestFinished }) => {
    const peer = await startHlsPeer(await avFile());
    onTestFinished(() => peer.stop());
    const p = startProbe({ input: peer.url });
    onTestFinished(p.stop);

    const frozenAgain = () =>
      p.samples.find((s) => s.frozenSince !== undefined && s.frozenSince > wallOf(p, MEDIA.blackToSec));
    await poll(frozenAgain, { timeoutMs: 30_000, what: 'the still frame at the end frozen' });
    expect(online(p)?.detail).toMatch(/\(system\), audio\+video$/);

    const black = p.samples.findIndex((s) => s.blackSince !== undefined);
    expect(Math.abs(p.samples[black].blackSince! - wallOf(p, MEDIA.blackFromSec))).toBeLessThanOrEqual(TOLERANCE_MS);
    expect(Math.abs(mediaSec(p, black) - MEDIA.blackFromSec) * 1000).toBeLessThanOrEqual(TOLERANCE_MS);
    const lit = p.samples.findIndex((s, i) => i > black && s.blackSince === undefined);
    expect(Math.abs(mediaSec(p, lit) - MEDIA.blackToSec) * 1000).toBeLessThanOrEqual(TOLERANCE_MS);
    // freezedetect holds 2 s before it reports; the sample says since when.
    expect(Math.abs(frozenAgain()!.frozenSince! - wallOf(p, MEDIA.frozenFromSec))).toBeLessThanOrEqual(TOLERANCE_MS);
    const reported = p.samples.findIndex((s) => s === frozenAgain());
    expect(mediaSec(p, reported)).toBeGreaterThanOrEqual(MEDIA.frozenFromSec + 2 - 0.3);
  });

  it(
    'HLS, video only: regular samples carry the picture, so black is judged on time',
    LONG,
    async ({ onTestFinished }) => {
      const peer = await startHlsPeer(await videoFile());
      onTestFinished(() => peer.stop());
      const p = startProbe({ input: peer.url });
      onTestFinished(p.stop);

      await poll(() => p.samples.some((s) => s.blackSince !== undefined && s.ts - s.blackSince >= 2000), {
        timeoutMs: 30_000,
        what: 'two seconds of black picture in the samples',
      });
      expect(online(p)?.detail).toMatch(/\(system\), video$/);
      expect(p.samples.every((s) => s.audioLevelDb === undefined)).toBe(true);
      const live = p.samples.filter((_, i) => i > 0 && p.receivedAt[i]! - p.receivedAt[0]! > 3000);
      const gaps = live.slice(1).map((s, i) => s.ts - live[i]!.ts);
      // ffmpeg reads a live HLS stream a segment (2 s) at a time: samples come at least once per segment.
      expect(Math.max(...gaps)).toBeLessThanOrEqual(2500);
    },
  );

  it('RTMP pushed into the probe: levels and silence, offline when the encoder stops', LONG, async (ctx) => {
    const port = await freePort();
    const input = `rtmp://127.0.0.1:${port}/live/streamkey`;
    const p = startProbe({ input, listen: true });
    ctx.onTestFinished(p.stop);
    expect(p.probe.url).toBe(`rtmp://127.0.0.1:${port}/live/***`);
    await poll(() => isListening(port), { what: `ffmpeg listening on ${port}` });

    const media = await avFile();
    const pushedAt = Date.now();
    const encoder = spawn('ffmpeg', [
      '-nostdin',
      '-loglevel',
      'error',
      '-re',
      '-i',
      media,
      '-c',
      'copy',
      '-f',
      'flv',
      input,
    ]);
    const encoderDone = new Promise((done) => encoder.once('close', done));
    ctx.onTestFinished(async () => {
      encoder.kill('SIGKILL');
      await encoderDone;
    });

    await poll(() => silence(p), { timeoutMs: 30_000, what: 'speech, silence and speech again' });
    expect(online(p)?.detail).toMatch(/\(system\), audio\+video$/);
    expectSilenceAtOnset(p, pushedAt, 'RTMP');
    const verdict = p.readings.flatMap((x) => (x.r.kind === 'silence-start' ? [x.r.pts] : []))[0];
    expect(Math.abs(verdict - p.levels[0].pts - MEDIA.silenceFromSec) * 1000).toBeLessThanOrEqual(TOLERANCE_MS);
    expect(p.samples.some((s) => s.blackSince !== undefined)).toBe(true);

    await encoderDone;
    const offline = await poll(() => p.states.find((s) => s.status === 'offline'), { what: 'offline' });
    expect(offline.lastError).toBe(`the encoder stopped pushing to rtmp://127.0.0.1:${port}/live/***`);
    await poll(() => pidsIn(p.logs).length >= 2, { what: 'listening again' });
  });

  it('an HLS playlist that 404s: offline with the 404, restarting with backoff', LONG, async ({ onTestFinished }) => {
    const peer = await startHlsPeer(await speechWav());
    onTestFinished(() => peer.stop());
    const p = startProbe({ input: peer.missingUrl });
    onTestFinished(p.stop);
    await poll(() => p.states.filter((s) => s.status === 'offline').length >= 3, { what: 'three failed runs' });
    const offline = p.states.filter((s) => s.status === 'offline');
    expect(offline.map((s) => s.attempt)).toEqual([1, 2, 3, ...offline.slice(3).map((s) => s.attempt)]);
    expect(offline[0].lastError).toBe(`the server answered 404 Not Found for ${peer.missingUrl}`);
  });

  it('no binary, nothing listening, a server that never answers, an input it refuses', LONG, async (ctx) => {
    const missing = startProbe({ input: 'rtmp://127.0.0.1:1935/live/key', ffmpegPath: '/nonexistent/ffmpeg' });
    ctx.onTestFinished(missing.stop);
    const refused = `rtmp://${new URL(await refusedUrl()).host}/live/key`;
    const nobody = startProbe({ input: refused });
    ctx.onTestFinished(nobody.stop);
    const hanging = await startPeer(() => 'hang');
    ctx.onTestFinished(() => hanging.close());
    const stalled = startProbe({ input: `${hanging.url}/live.m3u8`, stallMs: 2000 });
    ctx.onTestFinished(stalled.stop);

    const failed = (p: Probe, n = 1) => poll(() => p.states.filter((s) => s.status === 'offline').length >= n);
    await Promise.all([failed(missing, 2), failed(nobody, 2), failed(stalled)]);
    expect(missing.states.find((s) => s.lastError)?.lastError).toBe(
      'ffmpeg not found at /nonexistent/ffmpeg (no executable file there)',
    );
    expect(nobody.states.find((s) => s.lastError)?.lastError).toBe(
      `nothing listens at ${new URL(refused).host} (connection refused)`,
    );
    expect(stalled.states.find((s) => s.lastError)?.lastError).toBe(`no media from ${hanging.url}/live.m3u8 for 2 s`);
    // An input it cannot read is refused at once, before anything is stored or started.
    expect(() => probeSource({ input: 'file:///etc/passwd', clock: systemClock })).toThrow(/cannot read file:/);
    expect(await testProbe({ input: 'http://127.0.0.1:1/watch?v=1' })).toEqual({
      ok: false,
      detail: 'over http(s), only an HLS playback URL (….m3u8) can be probed',
    });
    expect(await testProbe({ input: refused })).toEqual({
      ok: false,
      detail: `nothing listens at ${new URL(refused).host} (connection refused)`,
    });
  });

  it("garbage on ffmpeg's output: offline and restarting, the malformed quarantined", LONG, async (ctx) => {
    const dir = tempDir('onair-garbage-');
    let seed = 7;
    const noise = Buffer.from(Array.from({ length: 50_000 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24));
    const lines = Buffer.from(
      '\n[Parsed_ametadata_3 @ 0x1] lavfi.astats.Overall.RMS_level=banana\n' +
        `${'x'.repeat(200_000)}\n\r\r\n[silencedetect @ 0x2] silence_start: never\n`,
    );
    writeFileSync(join(dir, 'garbage.bin'), Buffer.concat([noise, lines, noise]));
    const script = join(dir, 'ffmpeg');
    writeFileSync(script, `#!/bin/sh\ncat '${join(dir, 'garbage.bin')}' >&2\nexit 3\n`);
    chmodSync(script, 0o755);

    const p = startProbe({ input: 'rtmp://127.0.0.1:1935/live/key', ffmpegPath: script });
    ctx.onTestFinished(p.stop);
    await poll(() => p.states.filter((s) => s.status === 'offline').length >= 2, { what: 'two failed runs' });
    expect(p.states.find((s) => s.lastError)?.lastError).toMatch(/^ffmpeg exited with code 3$|^ffmpeg: /);
    expect(p.samples).toEqual([]);
    expect(p.quarantined).toEqual(
      expect.arrayContaining([
        { event: 'ffmpeg.output', reason: 'lavfi.astats.Overall.RMS_level without its frame line' },
        { event: 'ffmpeg.output', reason: 'a line over 64 KiB' },
        { event: 'ffmpeg.output', reason: 'a silence time that is not a number' },
      ]),
    );
    expect(p.logs.find((l) => l.includes('exited (code 3)'))).toMatch(/\d+ not understood, \d+ malformed, 1 too long/);
  });

  it('ffmpeg dies with Onair, even when Onair is killed without a chance to clean up', LONG, async () => {
    const port = await freePort();
    const code = `
      import { probeSource } from './electron/main/services/sources/probe/probe-source.ts';
      import { systemClock } from './electron/main/services/clock.ts';
      const ignore = () => undefined;
      probeSource({ input: 'rtmp://127.0.0.1:${port}/live/key', listen: true, clock: systemClock, log: console.log })
        .start({ hello: ignore, chat: ignore, health: ignore, ended: ignore, ownPost: ignore, quarantined: ignore, connection: ignore });
      setInterval(ignore, 1000);`;
    const onair = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT });
    const out: string[] = [];
    onair.stdout.on('data', (b: Buffer) => out.push(b.toString()));
    const [pid] = await poll(() => pidsIn(out.join('').split('\n')), {
      until: (p) => p.length > 0,
      what: 'ffmpeg started',
    });
    expect(alive(pid)).toBe(true);
    onair.kill('SIGKILL');
    await poll(() => !alive(pid), { timeoutMs: 5000, what: `ffmpeg ${pid} gone after Onair was killed` });
  });

  it('finds the system ffmpeg on PATH, else the one inside the npm package', async () => {
    expect(await findFfmpeg()).toMatchObject({ origin: 'system', version: expect.stringMatching(/^5\.1\./) });
    const path = process.env.PATH;
    process.env.PATH = ''; // read synchronously as the search starts, so no other case sees it
    const own = findFfmpeg();
    process.env.PATH = path;
    expect(await own).toEqual({ path: BUNDLED, origin: 'bundled', version: 'N-47683-g0e8eb07980-static' });
    expect(await findFfmpeg({ path: BUNDLED })).toMatchObject({ origin: 'bundled' });
  });

  it('the bundled 2018 ffmpeg reads an HLS audio input', TIMED, async ({ onTestFinished }) => {
    const peer = await startHlsPeer(await speechWav());
    onTestFinished(() => peer.stop());
    const p = startProbe({ input: peer.url, ffmpegPath: BUNDLED });
    onTestFinished(p.stop);
    await poll(() => silence(p), { timeoutMs: 30_000, what: 'speech, silence and speech again' });
    expect(online(p)?.detail).toMatch(/^ffmpeg N-\S+ \(bundled\), audio$/);
    expectSilenceAtOnset(p, peer.startedAt, 'HLS, bundled ffmpeg');
  });
});
