/** What went wrong in a failed ffmpeg run, in the producer's words: the best error line, explained. */
import type { FfmpegBinary } from './ffmpeg-binary';
import { redactUrls, type ProbeInput } from './probe-args';
import type { ErrorCause } from './probe-output';

/** Which error line explains a failed run best: the most specific one ffmpeg printed. */
export const RANK: ErrorCause[] = [
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

export interface Failure {
  cause: ErrorCause;
  text: string;
}

export function explain(
  f: Failure | undefined,
  input: ProbeInput,
  url: string,
  binary: FfmpegBinary,
): string | undefined {
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
