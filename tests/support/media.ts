/**
 * Test media made on the spot with espeak-ng, sox and the system ffmpeg, once per test process (in a temp dir):
 * - speech.wav, 48 kHz mono, 14 s: speech over a room tone (pink noise, about −47 dBFS RMS, so no 100 ms of
 *   it reads as silence), digital silence from 6 s to 10 s, then speech again.
 * - av.mp4: the same audio (AAC) under a 320×180 25 fps H.264 picture: testsrc2, black from 4 s to 7 s,
 *   testsrc2 again, then a still grey frame from 10 s (frozen). Keyframes every second, so it cuts into 2 s
 *   HLS segments and pushes over RTMP without re-encoding.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './temp-dir';

const run = promisify(execFile);

/** The layout of both files, in media seconds. */
export const MEDIA = {
  durationSec: 14,
  silenceFromSec: 6,
  silenceToSec: 10,
  blackFromSec: 4,
  blackToSec: 7,
  frozenFromSec: 10,
} as const;

const TEXT =
  'Welcome to the webinar. Today we talk about live events, and how to keep them running when things go ' +
  'wrong. And we are back: thank you for waiting, let us continue with the second part.';

let dir: string | undefined;
const made = new Map<string, Promise<string>>();
function once(name: string, make: (out: string, dir: string) => Promise<unknown>): Promise<string> {
  const cached = made.get(name);
  if (cached) return cached;
  dir ??= tempDir('onair-media-');
  const out = join(dir, name);
  const p = make(out, dir).then(() => out);
  made.set(name, p);
  return p;
}

export const speechWav = (): Promise<string> =>
  once('speech.wav', async (out, d) => {
    const f = (n: string) => join(d, n);
    const mono48k = ['-r', '48000', '-c', '1'];
    const { silenceFromSec: from, silenceToSec: to, durationSec: total } = MEDIA;
    await run('espeak-ng', ['-w', f('voice.wav'), TEXT]);
    await run('sox', [f('voice.wav'), ...mono48k, f('voice48.wav')]);
    await run('sox', [f('voice48.wav'), f('part1.wav'), 'trim', '0', String(from)]);
    await run('sox', [f('voice48.wav'), f('part2.wav'), 'trim', String(from), String(total - to)]);
    await run('sox', ['-n', ...mono48k, f('gap.wav'), 'trim', '0', String(to - from)]);
    const tone = (name: string, sec: number) =>
      run('sox', ['-n', ...mono48k, f(name), 'synth', String(sec), 'pinknoise', 'vol', '0.02']);
    await tone('tone1.wav', from);
    await tone('tone2.wav', total - to);
    await run('sox', [f('part1.wav'), f('gap.wav'), f('part2.wav'), f('voice-gap.wav')]);
    await run('sox', [f('tone1.wav'), f('gap.wav'), f('tone2.wav'), f('tone-gap.wav')]);
    // -D: no dither, so the gap stays digital zero
    await run('sox', ['-D', '-m', '-v', '1', f('voice-gap.wav'), '-v', '1', f('tone-gap.wav'), '-b', '16', out]);
  });

export const avFile = (): Promise<string> =>
  once('av.mp4', async (out) => {
    const { blackFromSec: b0, blackToSec: b1, frozenFromSec: z0, durationSec: total } = MEDIA;
    const v = (src: string, d: number) => ['-f', 'lavfi', '-i', `${src}s=320x180:r=25:d=${d}`];
    await run('ffmpeg', [
      ...['-nostdin', '-hide_banner', '-loglevel', 'error', '-y'],
      ...v('testsrc2=', b0),
      ...v('color=c=black:', b1 - b0),
      ...v('testsrc2=', z0 - b1),
      ...v('color=c=gray:', total - z0),
      ...['-i', await speechWav()],
      ...['-filter_complex', '[0:v][1:v][2:v][3:v]concat=n=4:v=1:a=0[v]', '-map', '[v]', '-map', '4:a'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k'],
      out,
    ]);
  });

/** av.mp4's picture alone: a camera feed without sound. */
export const videoFile = (): Promise<string> =>
  once('video.mp4', async (out) => {
    await run('ffmpeg', [
      '-nostdin',
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-i',
      await avFile(),
      '-an',
      '-c',
      'copy',
      out,
    ]);
  });
