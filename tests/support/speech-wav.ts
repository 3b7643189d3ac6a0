/**
 * A WAV for tests of audio meters: speech, a known stretch of digital silence (exact zeros, not dither),
 * then speech again. Made with espeak-ng and sox on first use and cached in the temp folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SpeechWav {
  path: string;
  durationMs: number;
  /** Where the digital silence lies in the file. */
  silence: { fromMs: number; toMs: number };
}

const SILENCE_S = 3;
const FIRST = 'This is the first part of the talk. One, two, three, four, five.';
const SECOND = 'And this is the second part, after the pause. Six, seven, eight.';

const secondsOf = (file: string) => Number(execFileSync('sox', ['--i', '-D', file], { encoding: 'utf8' }));

export function speechWav(): SpeechWav {
  const dir = join(tmpdir(), 'onair-speech-wav-v1');
  const path = join(dir, 'speech-silence-speech.wav');
  const first = join(dir, 'first.wav');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(path)) {
    const part = (text: string, name: string) => {
      execFileSync('espeak-ng', ['-w', join(dir, `${name}.raw.wav`), text]);
      // Resampling dithers, so the speech's own pauses never read as digital zero.
      execFileSync('sox', [
        join(dir, `${name}.raw.wav`),
        '-r',
        '48000',
        '-c',
        '1',
        '-b',
        '16',
        join(dir, `${name}.wav`),
      ]);
    };
    part(FIRST, 'first');
    part(SECOND, 'second');
    // -D: no dither, or sox would fill the silence with ±1 LSB noise (−90 dB on OBS's meters).
    execFileSync('sox', [
      '-D',
      '-n',
      '-r',
      '48000',
      '-c',
      '1',
      '-b',
      '16',
      join(dir, 'silence.wav'),
      'trim',
      '0',
      `${SILENCE_S}`,
    ]);
    const tmp = join(dir, `building-${process.pid}.wav`);
    execFileSync('sox', ['-D', first, join(dir, 'silence.wav'), join(dir, 'second.wav'), tmp]);
    renameSync(tmp, path);
  }
  const fromMs = Math.round(secondsOf(first) * 1000);
  return {
    path,
    durationMs: Math.round(secondsOf(path) * 1000),
    silence: { fromMs, toMs: fromMs + SILENCE_S * 1000 },
  };
}
