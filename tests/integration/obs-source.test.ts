/**
 * The OBS source against a real OBS Studio 29 (obs-websocket 5.1) under Xvfb, started once for the file with
 * a password: a WAV of speech, silence, speech plays in its program scene; a local ffmpeg is its RTMP ingest.
 * The source runs on the system clock, so every wait is a poll on what it delivered.
 */
import { createServer, type AddressInfo } from 'node:net';
import type OBSWebSocket from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState, HealthSample, InputLevel } from '../../shared/types';
import { systemClock } from '../../electron/main/services/clock';
import type { SourceAdapter, SourceSink } from '../../electron/main/services/ingest/source-adapter';
import { obsSource } from '../../electron/main/services/sources/obs/obs-source';
import { testObs } from '../../electron/main/services/sources/obs/obs-test';
import { fakeClock } from '../support/fake-clock';
import { freePort } from '../support/free-port';
import { addWavInput, startObs, startRtmpIngest, streamTo, type ObsPeer } from '../support/obs-peer';
import { poll } from '../support/poll';
import { speechWav } from '../support/speech-wav';

const PASSWORD = 'onair-test-password';
const TALK = 'Talk';

function recordingSink() {
  const r = {
    connections: [] as ConnectionState[],
    health: [] as HealthSample[],
    quarantined: [] as { event: string; reason: string }[],
    calls: 0,
  };
  const sink: SourceSink = {
    hello: () => void r.calls++,
    chat: () => void r.calls++,
    ended: () => void r.calls++,
    ownPost: () => void r.calls++,
    health: (s) => void (r.calls++, r.health.push(s)),
    connection: (c) => void (r.calls++, r.connections.push(c)),
    quarantined: (event, reason) => void (r.calls++, r.quarantined.push({ event, reason })),
  };
  return { ...r, sink };
}
type Recording = ReturnType<typeof recordingSink>;

let peer: ObsPeer;
let obs: ObsPeer['control'];
const started: SourceAdapter[] = [];
const main = recordingSink();

function watch(rec: Recording, o: { port?: number; password?: string } = {}): SourceAdapter {
  const source = obsSource({
    host: '127.0.0.1',
    port: o.port ?? peer.port,
    password: 'password' in o ? o.password : PASSWORD,
    inputs: [TALK],
    clock: systemClock,
    reconnectDelayMs: 100,
    reconnectDelayMaxMs: 500,
  });
  started.push(source);
  source.start(rec.sink);
  return source;
}

const talk = (s: HealthSample): InputLevel | undefined => s.inputs?.find((i) => i.name === TALK);
const since = (rec: Recording, from: number) => rec.health.slice(from);
function longestRun(xs: boolean[]): number {
  let run = 0;
  let longest = 0;
  for (const x of xs) longest = Math.max(longest, (run = x ? run + 1 : 0));
  return longest;
}

beforeAll(async () => {
  const wav = speechWav();
  peer = await startObs({ password: PASSWORD });
  obs = () => peer.control();
  await addWavInput(await obs(), TALK, wav.path);
  watch(main);
}, 60_000);

afterAll(async () => {
  for (const s of started) await s.stop();
  await peer?.stop();
});

async function ensureTalk(ctl: OBSWebSocket) {
  const { inputs } = await ctl.call('GetInputList');
  if (!inputs.some((i) => i.inputName === TALK)) await addWavInput(ctl, TALK, speechWav().path);
}

describe('the OBS source, against a real OBS', () => {
  it('connects, names OBS and its scenes, and meters the watched input: silence at −120, speech above −50', async () => {
    await ensureTalk(await obs());
    const online = await poll(() => main.connections.findLast((c) => c.status === 'online'));
    expect(online.detail).toMatch(/^OBS 29\.\d+\.\d+, obs-websocket 5\.\d+\.\d+, 1 scene$/);
    expect(online.url).toBe(`ws://127.0.0.1:${peer.port}`);

    // The file's 3 s of digital silence: at least 8 samples in a row at −120 (a word gap is far shorter).
    const from = main.health.length;
    const levels = () => since(main, from).flatMap((s) => talk(s)?.levelDb ?? []);
    await poll(() => longestRun(levels().map((l) => l === -120)) >= 8 && levels().some((l) => l > -50), {
      timeoutMs: 30_000,
      what: () => `silence and speech on ${TALK}: ${levels().map(Math.round).join(' ')}`,
    });
    const samples = since(main, from);
    expect(samples.every((s) => s.source === undefined && talk(s)?.muted === false)).toBe(true);
    const gaps = samples.slice(1).map((s, i) => s.ts - samples[i]!.ts);
    const median = gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!;
    expect(median).toBeGreaterThanOrEqual(200);
    expect(median).toBeLessThanOrEqual(300);
  });

  it('shows a muted input as muted and silent, with the voice still in its input peak (pre-mute)', async () => {
    const ctl = await obs();
    await ensureTalk(ctl);
    const from = main.health.length;
    await ctl.call('SetInputMute', { inputName: TALK, inputMuted: true });
    try {
      // The first muted sample's window may still hold the voice from before the mute: take a later one.
      const muted = await poll(
        () =>
          since(main, from).find(
            (s, i, all) => i > 0 && talk(all[i - 1]!)?.muted && talk(s)?.muted && talk(s)!.inputPeakDb! > -50,
          ),
        { timeoutMs: 15_000, what: 'a muted sample with the voice in its input peak' },
      );
      expect(talk(muted)?.levelDb).toBe(-120);
    } finally {
      await ctl.call('SetInputMute', { inputName: TALK, inputMuted: false });
    }
    await poll(() => main.health.length > from && talk(main.health.at(-1)!)?.muted === false);
  });

  it('reports the stream reconnecting within a second of the ingest dropping it, and stays quiet before it ever streamed', async () => {
    const ctl = await obs();
    const before = await poll(() => main.health.at(-1));
    expect(before.streamState).toBeUndefined(); // OBS as a virtual camera only: no false "offline"
    expect(before.bitrateKbps).toBeUndefined();

    const ingest = await startRtmpIngest();
    try {
      const from = main.health.length;
      await streamTo(ctl, ingest);
      await poll(() => since(main, from).find((s) => s.streamState === 'online' && s.bitrateKbps! > 0), {
        timeoutMs: 15_000,
        what: 'a sample of the stream online with a bitrate',
      });
      const killedAt = Date.now();
      await ingest.kill();
      const reconnecting = await poll(() =>
        main.health.find((s) => s.ts >= killedAt && s.streamState === 'reconnecting'),
      );
      expect(reconnecting.ts - killedAt).toBeLessThan(1000);
    } finally {
      await ctl.call('StopStream').catch(() => undefined);
      await ingest.kill();
    }
    await poll(() => main.health.at(-1)?.streamState === 'offline', { what: 'the stream offline after StopStream' });
  });

  it('refuses a wrong password and names an address nothing listens at, and keeps retrying both', async () => {
    const wrong = recordingSink();
    const none = recordingSink();
    const nobody = recordingSink();
    const port = await freePort();
    const sources = [
      watch(wrong, { password: 'not-it' }),
      watch(none, { password: undefined }),
      watch(nobody, { port }),
    ];

    const retried = (r: Recording) => r.connections.findLast((c) => c.status === 'offline' && c.attempt >= 3);
    expect((await poll(() => retried(wrong))).lastError).toMatch(/^OBS refused the password/);
    expect((await poll(() => retried(none))).lastError).toBe('OBS asks for a password and none is set');
    expect((await poll(() => retried(nobody))).lastError).toBe(`nothing listens at ws://127.0.0.1:${port}`);
    for (const r of [wrong, none, nobody]) expect(r.health).toEqual([]);
    for (const s of sources) await s.stop();
  });

  it('gives up on a port that accepts but never answers: the source after 10 s on its clock, testObs after 5 s', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const held = () =>
      new Promise<number>((resolve, reject) => silent.getConnections((e, n) => (e ? reject(e) : resolve(n))));
    try {
      const clock = fakeClock();
      const rec = recordingSink();
      const source = obsSource({ host: '127.0.0.1', port, inputs: [], clock });
      source.start(rec.sink);
      await poll(held, { what: 'the source connected to the silent port' });
      clock.advance(10_000);
      expect(rec.connections.at(-1)).toMatchObject({
        status: 'offline',
        lastError: `no answer from ws://127.0.0.1:${port} within 10 s`,
      });
      await source.stop();
      expect(await testObs({ host: '127.0.0.1', port })).toEqual({
        ok: false,
        detail: `no answer from ws://127.0.0.1:${port} within 5 s`,
      });
    } finally {
      silent.close();
    }
  });

  it('stop() ends it: nothing reaches the sink afterwards', async () => {
    const rec = recordingSink();
    const source = watch(rec);
    await poll(() => rec.health.length >= 2, { what: 'samples for the second source' });
    expect(source.isConnected()).toBe(true);
    await source.stop();
    expect(source.isConnected()).toBe(false);
    const calls = rec.calls;
    const from = main.health.length;
    await poll(() => main.health.length >= from + 8, { what: '2 s of samples on the main source' });
    expect(rec.calls).toBe(calls);
  });

  it('tests a connection: version, scenes, the inputs with audio; or says why not', async () => {
    const ctl = await obs();
    await ensureTalk(ctl);
    const { inputs } = await ctl.call('GetInputList');
    if (!inputs.some((i) => i.inputName === 'Backdrop')) {
      const { currentProgramSceneName: sceneName } = await ctl.call('GetSceneList');
      await ctl.call('CreateInput', { sceneName, inputName: 'Backdrop', inputKind: 'color_source_v3' });
    }
    expect(await testObs({ host: '127.0.0.1', port: peer.port, password: PASSWORD })).toEqual({
      ok: true,
      detail: expect.stringMatching(/^OBS 29\.\d+\.\d+, obs-websocket 5\.\d+\.\d+, 1 scene, 1 audio input$/),
      scenes: ['Scene'],
      audioInputs: [TALK],
    });
    expect(await testObs({ host: '127.0.0.1', port: peer.port, password: 'not-it' })).toEqual({
      ok: false,
      detail: expect.stringMatching(/^OBS refused the password/),
    });
    const port = await freePort();
    expect(await testObs({ host: '127.0.0.1', port })).toEqual({
      ok: false,
      detail: `nothing listens at ws://127.0.0.1:${port}`,
    });
  });

  it('turns offline when OBS quits, and back online by itself when OBS starts again', async () => {
    const from = main.connections.length;
    const samplesFrom = main.health.length;
    await peer.restart();
    const after = () => main.connections.slice(from);
    const closed = await poll(() => after().find((c) => c.status === 'offline'));
    expect(closed.lastError).toMatch(/^OBS closed the connection/);
    await poll(() => after().findLast((c) => c.status === 'online'), {
      timeoutMs: 15_000,
      what: () => `online again; states: ${JSON.stringify(after().map((c) => c.lastError ?? c.status))}`,
    });
    expect(after().some((c) => c.lastError === `nothing listens at ws://127.0.0.1:${peer.port}`)).toBe(true);
    await poll(() => main.health.slice(samplesFrom).some((s) => talk(s) !== undefined), {
      what: 'samples of the input again',
    });
  });
});
