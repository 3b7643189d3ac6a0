/**
 * What the program probe may listen to, and the ffmpeg command line that analyses it (parsed by probe-output.ts).
 *
 * The inputs: a stream Onair pulls (rtmp://, rtmps://, srt://, an HLS playback URL ending in .m3u8), an RTMP
 * address Onair listens on for the encoder to push to, or a local capture device (alsa:hw:0, pulse:default,
 * v4l2:/dev/video0). ffmpeg is spawned without a shell, so the checks are about being one of these, not quoting.
 *
 * The analysis, measured on ffmpeg 5.1 and on the bundled 2018 build (both print the same lines):
 * - audio: the RMS level of every 100 ms (aresample to 48 kHz so 4800 samples are 100 ms whatever the input's
 *   rate); ebur128's momentary loudness would lag a silence by its 400 ms window and is in LUFS, not dBFS.
 *   silencedetect logs ffmpeg's own verdict with the true start, 2 s after it.
 * - video: blackdetect with d=0 puts lavfi.black_start on the first black frame (its log line only comes when
 *   the black ends), freezedetect puts lavfi.freezedetect.freeze_start on the frame its 2 s hold ends; the
 *   metadata filter prints both as they happen.
 * - `-map 0:a:0? -map 0:v:0?` with per-stream filters: an audio-only input (no video stream) just has no video
 *   output, where a video filter alone would make ffmpeg fail.
 */
import { isIP } from 'node:net';
import type { ParseResult } from '../../../../../shared/schemas';

export type ProbeInput =
  | { kind: 'pull'; url: string; scheme: string }
  | { kind: 'listen'; url: string }
  | { kind: 'device'; format: 'alsa' | 'pulse' | 'v4l2'; device: string };

const AUDIO_FILTER = [
  'aresample=48000',
  'asetnsamples=n=4800:p=0',
  'astats=metadata=1:reset=1',
  'ametadata=mode=print:key=lavfi.astats.Overall.RMS_level',
  'silencedetect=n=-50dB:d=2',
].join(',');
const VIDEO_FILTER = 'blackdetect=d=0:pix_th=0.10,freezedetect=n=-60dB:d=2,metadata=mode=print';

const MAX_INPUT_CHARS = 2048;
const KINDS = 'an rtmp:// or srt:// URL, an HLS playback URL (…m3u8), or a capture device (alsa:…, pulse:…, v4l2:…)';
const DEVICES: Record<string, RegExp> = {
  alsa: /^[\w:,.=@-]+$/,
  pulse: /^[\w:.@-]+$/,
  v4l2: /^\/dev\/[\w/.:-]+$/,
};
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const UNPRINTABLE = /[\s\u0000-\u001f\u007f]/;

const refuse = (reason: string): ParseResult<ProbeInput> => ({ ok: false, reason });

function device(format: string, name: string, listen: boolean): ParseResult<ProbeInput> {
  if (listen) return refuse('only an rtmp:// address can be listened on, not a capture device');
  if (!DEVICES[format].test(name)) return refuse(`"${name}" is not a ${format} device name`);
  return { ok: true, value: { kind: 'device', format: format as 'alsa' | 'pulse' | 'v4l2', device: name } };
}

function listenAt(url: URL): ParseResult<ProbeInput> {
  if (url.protocol !== 'rtmp:') return refuse('only an rtmp:// address can be listened on');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host !== 'localhost' && !isIP(host))
    return refuse(
      `to listen, give the address of this machine to listen on (rtmp://0.0.0.0:1935/live/key), not ${host}`,
    );
  if (url.pathname.length < 2) return refuse('give the application path the encoder pushes to (rtmp://…/live/key)');
  return { ok: true, value: { kind: 'listen', url: url.href } };
}

export function parseProbeInput(raw: string, listen = false): ParseResult<ProbeInput> {
  const input = raw.trim();
  if (!input) return refuse(`no input given: enter ${KINDS}`);
  if (input.length > MAX_INPUT_CHARS) return refuse(`the input is longer than ${MAX_INPUT_CHARS} characters`);
  if (UNPRINTABLE.test(input)) return refuse('the input contains spaces or control characters');
  const dev = /^(alsa|pulse|v4l2):(?!\/\/)(.+)$/.exec(input);
  if (dev) return device(dev[1], dev[2], listen);
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return refuse(`"${maskInput(input)}" is not ${KINDS}`);
  }
  if (listen) return listenAt(url);
  const scheme = url.protocol.slice(0, -1);
  const http = scheme === 'http' || scheme === 'https';
  if (!http && !['rtmp', 'rtmps', 'srt'].includes(scheme))
    return refuse(`the program probe cannot read ${scheme}: inputs; use ${KINDS}`);
  if (!url.hostname) return refuse(`${scheme}:// needs a host`);
  if (http && !url.pathname.endsWith('.m3u8'))
    return refuse('over http(s), only an HLS playback URL (….m3u8) can be probed');
  return { ok: true, value: { kind: 'pull', url: url.href, scheme } };
}

export function probeArgs(input: ProbeInput): string[] {
  const source =
    input.kind === 'device'
      ? ['-f', input.format, '-i', input.device]
      : input.kind === 'listen'
        ? ['-listen', '1', '-i', input.url]
        : ['-i', input.url];
  return [
    ...['-nostdin', '-hide_banner', '-loglevel', 'info'],
    ...source,
    ...['-map', '0:a:0?', '-map', '0:v:0?', '-filter:a', AUDIO_FILTER, '-filter:v', VIDEO_FILTER],
    ...['-f', 'null', '-'],
  ];
}

/**
 * The input as it may be shown: credentials (user:pass@), every query value (tokens, SRT passphrases and stream
 * ids) and an RTMP stream key (the path after the application) replaced by ***.
 */
export function maskInput(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return input.slice(0, 200);
  }
  if (!url.host) return input.slice(0, 200);
  if (url.username || url.password) {
    url.username = '***';
    url.password = '';
  }
  for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, '***');
  if (/^rtmps?:$/.test(url.protocol)) url.pathname = url.pathname.replace(/^(\/[^/]+\/).+$/, '$1***');
  return url.href;
}

/** Every URL in a line of ffmpeg's (which repeats the input, stream key and all) masked as above. */
export const redactUrls = (text: string): string => text.replace(/[a-z][\w+.-]*:\/\/[^\s'"]*[^\s'":,;.]/gi, maskInput);
