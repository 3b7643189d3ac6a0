/**
 * Media for bench/sources.bench.ts, made on the spot with espeak-ng, sox and the system ffmpeg in one temp dir
 * (the patterns of tests/support/media.ts): speech over a quiet room tone, with its faults at known media times.
 * - micFault.wav (OBS's microphone, looped): speech, then digital zero (a dead input), then speech.
 * - program.mp4 (the program the probe reads over HLS): speech with three stretches of digital zero under a
 *   320×180 25 fps picture that goes black twice; keyframes every second, so it cuts into 2 s HLS segments.
 * - calm.wav: N minutes of sentences with natural pauses (0.3–2.5 s) and no fault at all. A speaker's pause keeps
 *   the room's noise floor: the room tone runs under everything, and only the faults are digital zero.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mulberry32 } from '../electron/main/services/simulator/scenario/scenario-random';
import { tempDir } from '../tests/support/temp-dir';

const run = promisify(execFile);

interface Span {
  fromSec: number;
  toSec: number;
}

/** OBS's microphone file: speech 0–7 s, digital zero 7–11 s, speech 11–18 s (then it loops). */
export const MIC_FAULT = { durationSec: 18, silence: { fromSec: 7, toSec: 11 } } as const;

/** The program: onsets fall at different points of their 2 s HLS segment. */
export const PROGRAM: { durationSec: number; silences: readonly Span[]; blacks: readonly Span[] } = {
  durationSec: 58,
  silences: [
    { fromSec: 10, toSec: 15 },
    { fromSec: 24.6, toSec: 29.6 },
    { fromSec: 39.3, toSec: 44.3 },
  ],
  blacks: [
    { fromSec: 17.32, toSec: 21.32 },
    { fromSec: 48.92, toSec: 52.92 },
  ],
};

/** Pink noise at about −60 dBFS RMS (peaks ≈ −48 dBFS): a quiet room through a decent microphone. */
const ROOM_TONE_VOL = '0.0045';
const CALM_PAUSE_SEC = { min: 0.3, max: 2.5 };

const SENTENCES = [
  'Welcome everyone, and thank you for joining us today.',
  'Before we start, a quick word about how this session will run.',
  'We will talk for about forty minutes, and then take your questions.',
  'If you cannot hear me well, please tell us in the chat.',
  'Let me begin with a short look back at the last quarter.',
  'Our team shipped three releases, and each one was smaller than the last.',
  'That was on purpose: small changes are easier to test and easier to undo.',
  'The second topic today is how we handle incidents during a live event.',
  'An incident is anything that stops the audience from seeing or hearing us.',
  'The most common one, by far, is a microphone that was left muted.',
  'The next most common is a stream that drops and has to reconnect.',
  'So what can a producer do in the first thirty seconds?',
  'First, look at the meters, and check that the right input is live.',
  'Second, tell the audience what is happening, even if you do not know yet.',
  'People are patient when they know someone is working on it.',
  'Now, let me show you the numbers from our last three events.',
  'In the first event, we had two short outages, both under a minute.',
  'In the second, nothing went wrong at all, which was a nice change.',
  'The third one taught us the most, so let me spend some time on it.',
  'About twenty minutes in, the encoder lost its connection to the platform.',
  'It came back by itself after eight seconds, but the chat noticed at once.',
  'We learned that viewers complain within seconds, not minutes.',
  'That is why the console watches the signals, and not only the chat.',
  'Let me pause here for a moment and take a sip of water.',
  'All right, where was I? Yes, the signals.',
  'Each source is judged on its own, and the findings are joined afterwards.',
  'A silent microphone and a silent program are not the same problem.',
  'One means the presenter is not heard, the other means nobody hears anything.',
  'The last part of the talk is about practice, which matters more than tools.',
  'Run a rehearsal with the same encoder, the same scenes, and the same people.',
  'Write down who does what when something breaks, and keep it short.',
  'And after the event, read the timeline together, without blame.',
  'That brings us to the questions. I see a few in the chat already.',
  'The first one asks whether this works with more than one encoder.',
  'It does: every source is watched on its own, and you see them side by side.',
  'Another question is about false alarms, which is a fair thing to ask.',
  'A pause like this one should never raise an alarm, and it does not.',
  'Thank you all for your time today. The recording will be online tomorrow.',
];

export interface BenchMedia {
  micFault: string;
  program: string;
  calm: string;
  /** Removes the temp dir. */
  remove(): void;
}

/** Every sentence spoken once, at 48 kHz mono 16 bit, with its length. */
async function speak(dir: string): Promise<{ path: string; sec: number }[]> {
  return Promise.all(
    SENTENCES.map(async (text, i) => {
      const raw = join(dir, `s${i}.raw.wav`);
      const path = join(dir, `s${i}.wav`);
      await run('espeak-ng', ['-w', raw, text]);
      await run('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', path]);
      const { stdout } = await run('sox', ['--i', '-D', path]);
      return { path, sec: Number(stdout) };
    }),
  );
}

/** Digital-zero pauses in 0.1 s steps: one file per length, reused. */
function pauses(dir: string) {
  const made = new Map<number, Promise<string>>();
  return (tenths: number): Promise<string> => {
    let p = made.get(tenths);
    if (!p) {
      const path = join(dir, `pause${tenths}.wav`);
      p = run('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', path, 'trim', '0', String(tenths / 10)]).then(
        () => path,
      );
      made.set(tenths, p);
    }
    return p;
  };
}

/**
 * Sentences in a seeded random order, each followed by a pause, for `sec` seconds, over the room tone; then the
 * `zero` stretches set to exact digital zero (aeval, sample by sample). Written as 48 kHz mono 16 bit WAV.
 */
async function speechTrack(
  dir: string,
  name: string,
  o: { sec: number; seed: number; pauseSec: () => number; zero?: readonly Span[] },
  voices: { path: string; sec: number }[],
  pause: (tenths: number) => Promise<string>,
): Promise<string> {
  const rnd = mulberry32(o.seed);
  const parts: string[] = [];
  for (let t = 0; t < o.sec + 1;) {
    const v = voices[Math.floor(rnd() * voices.length)];
    const tenths = Math.round(o.pauseSec() * 10);
    parts.push(v.path, await pause(tenths));
    t += v.sec + tenths / 10;
  }
  const f = (n: string) => join(dir, `${name}.${n}.wav`);
  await run('sox', [...parts, f('voice'), 'trim', '0', String(o.sec)]);
  await run('sox', [
    '-n',
    '-r',
    '48000',
    '-c',
    '1',
    f('tone'),
    'synth',
    String(o.sec),
    'pinknoise',
    'vol',
    ROOM_TONE_VOL,
  ]);
  // -D: no dither, so nothing but the room tone is added; -v 1 each: sox -m would halve both otherwise.
  await run('sox', ['-D', '-m', '-v', '1', f('voice'), '-v', '1', f('tone'), '-b', '16', f('mixed')]);
  const out = join(dir, `${name}.wav`);
  const zero = o.zero ?? [];
  const keep = zero.length ? zero.map((z) => `not(between(t,${z.fromSec},${z.toSec}))`).join('*') : '1';
  await run('ffmpeg', [
    ...['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-i', f('mixed')],
    ...['-af', `aeval=exprs='val(0)*${keep}'`, '-c:a', 'pcm_s16le', out],
  ]);
  return out;
}

export async function makeBenchMedia(o: { calmMinutes: number }): Promise<BenchMedia> {
  const dir = tempDir('onair-bench-media-');
  try {
    const voices = await speak(dir);
    const pause = pauses(dir);
    const rnd = mulberry32(7);
    const short = () => 0.2 + rnd() * 0.2;
    const calmRnd = mulberry32(2026);
    const natural = () => CALM_PAUSE_SEC.min + calmRnd() * (CALM_PAUSE_SEC.max - CALM_PAUSE_SEC.min);
    const [micFault, programAudio, calm] = await Promise.all([
      speechTrack(
        dir,
        'micFault',
        { sec: MIC_FAULT.durationSec, seed: 1, pauseSec: short, zero: [MIC_FAULT.silence] },
        voices,
        pause,
      ),
      speechTrack(
        dir,
        'programAudio',
        { sec: PROGRAM.durationSec, seed: 2, pauseSec: short, zero: PROGRAM.silences },
        voices,
        pause,
      ),
      // A few seconds past the run, so neither OBS's loop nor the stream's end falls inside it.
      speechTrack(dir, 'calm', { sec: o.calmMinutes * 60 + 20, seed: 3, pauseSec: natural }, voices, pause),
    ]);
    const program = join(dir, 'program.mp4');
    const black = PROGRAM.blacks.map((b) => `between(t,${b.fromSec},${b.toSec})`).join('+');
    await run('ffmpeg', [
      ...['-nostdin', '-hide_banner', '-loglevel', 'error', '-y'],
      ...['-f', 'lavfi', '-i', `testsrc2=s=320x180:r=25:d=${PROGRAM.durationSec}`, '-i', programAudio],
      ...['-vf', `drawbox=c=black:t=fill:enable='${black}'`, '-map', '0:v', '-map', '1:a'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k'],
      program,
    ]);
    return { micFault, program, calm, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
