/**
 * Reads ffmpeg's stderr as the probe runs it (probe-args.ts): the audio level every 100 ms, silencedetect's
 * verdicts, blackdetect's and freezedetect's starts and ends, which streams the input carries, progress, and
 * the errors worth showing. Pure and line-based: fed text as it arrives, it returns the readings completed.
 *
 * The metadata filters print a frame in two lines, `[Parsed_ametadata_3 @ 0x…] frame:60 pts:288000 pts_time:6`
 * then `[… same instance …] lavfi.astats.Overall.RMS_level=-inf`, so the frame's pts is kept per filter instance.
 * ffmpeg's progress line ends in a carriage return and the next message follows on the same terminal line:
 * \r counts as a line end. Anything else (ffmpeg's other chatter, garbage) is counted, never thrown.
 */

/** Why ffmpeg could not read the input, as its error lines say. */
export type ErrorCause =
  | 'http'
  | 'refused'
  | 'dns'
  | 'unreachable'
  | 'timeout'
  | 'missing'
  | 'permission'
  | 'protocol'
  | 'format'
  | 'invalid'
  | 'no-stream'
  | 'io'
  | 'other';

export type ProbeReading =
  /** RMS level of the 100 ms starting at `pts` (media seconds), dBFS; digital silence is −Infinity. */
  | { kind: 'level'; pts: number; rmsDb: number }
  /** silencedetect's verdict: `pts` is the true start (or end), reported `d` seconds after the start. */
  | { kind: 'silence-start' | 'silence-end'; pts: number }
  /** `pts` is when it began or ended; `at` the frame it was reported on (freezedetect reports after its hold). */
  | { kind: 'black-start' | 'black-end' | 'freeze-start' | 'freeze-end'; pts: number; at: number }
  /**
   * A stream of the input, from its dump (which comes before any reading; the output's dump can come after the
   * first level). The probe maps the first audio and the first video stream, so these are what it analyses.
   */
  | { kind: 'input-stream'; media: 'audio' | 'video' }
  /** ffmpeg's progress line: media is flowing, up to media second `pts` (when it says). */
  | { kind: 'progress'; pts?: number }
  | { kind: 'error'; cause: ErrorCause; text: string }
  /** A line that looks like one of ours but does not parse, or one too long to keep: for quarantine. */
  | { kind: 'unparsed'; reason: string; line: string };

interface OutputStats {
  lines: number;
  /** Lines that are none of the above: ffmpeg's other chatter, or garbage. */
  unrecognized: number;
  malformed: number;
  oversized: number;
}

export interface ProbeOutput {
  push(chunk: string): ProbeReading[];
  /** The last line, when the output ends without a line end. */
  end(): ProbeReading[];
  readonly stats: OutputStats;
}

export const MAX_LINE_CHARS = 64 * 1024;
const EXCERPT_CHARS = 200;
const MAX_INSTANCES = 32;

const EOL = /\r\n|\r|\n/;
const PREFIXED = /^\[([^\]]{1,200})\] (.*)$/;
const FRAME = /^frame:\s*\d+\s+pts:\s*\S+\s+pts_time:\s*(\S+)$/;
const METADATA = /^(lavfi\.[\w.]+)=(.*)$/;
const SILENCE_START = /^silence_start: (\S+)$/;
const SILENCE_END = /^silence_end: (\S+) \| silence_duration: \S+$/;
const INPUT_HEADER = /^Input #\d+, /;
const STREAM = /^\s+Stream #\d+:\d+\S*: (Audio|Video): /;
const PROGRESS = /^(?:frame=|size=|Lsize=).*\btime=/;
const PROGRESS_TIME = /\btime=(\d+):(\d\d):(\d\d(?:\.\d+)?)/;

function progress(line: string): ProbeReading {
  const t = PROGRESS_TIME.exec(line);
  return t ? { kind: 'progress', pts: Number(t[1]) * 3600 + Number(t[2]) * 60 + Number(t[3]) } : { kind: 'progress' };
}
const NUMBER = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i;
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

const EVENTS = new Map<string, 'black-start' | 'black-end' | 'freeze-start' | 'freeze-end'>([
  ['lavfi.black_start', 'black-start'],
  ['lavfi.black_end', 'black-end'],
  ['lavfi.freezedetect.freeze_start', 'freeze-start'],
  ['lavfi.freezedetect.freeze_end', 'freeze-end'],
]);

/** First match wins: the specific causes before the generic ones. */
const ERRORS: [RegExp, ErrorCause][] = [
  [/Server returned |HTTP error \d{3}/, 'http'],
  [/Connection refused/, 'refused'],
  [/Name or service not known|Failed to resolve hostname|Temporary failure in name resolution/, 'dns'],
  [/Network is unreachable|No route to host/, 'unreachable'],
  [/timed out/i, 'timeout'],
  [/No such file or directory|No such device/, 'missing'],
  [/Permission denied/, 'permission'],
  [/Protocol not found/, 'protocol'],
  [/Unknown input format/, 'format'],
  [/Invalid data found when processing input/, 'invalid'],
  [/does not contain any stream/, 'no-stream'],
  [/Input\/output error/, 'io'],
  [/\b(?:error|failed|cannot|could not|unable)\b/i, 'other'],
];

const num = (s: string): number | undefined => (NUMBER.test(s) ? Number(s) : undefined);
const excerpt = (s: string) => s.replace(CONTROL, '').slice(0, EXCERPT_CHARS);

function decibels(s: string): number | undefined {
  if (s === '-inf') return -Infinity;
  return num(s);
}

export function probeOutput(): ProbeOutput {
  const stats: OutputStats = { lines: 0, unrecognized: 0, malformed: 0, oversized: 0 };
  /** The pts of the frame each metadata-printing filter instance is in the middle of. */
  const framePts = new Map<string, number>();
  let pending = '';
  let overflow: string | null = null; // the head of a line too long to keep, until its end arrives
  let inInput = false;

  const malformed = (out: ProbeReading[], reason: string, line: string) => {
    stats.malformed++;
    out.push({ kind: 'unparsed', reason, line: excerpt(line) });
  };

  function error(body: string, out: ProbeReading[]): boolean {
    const hit = ERRORS.find(([re]) => re.test(body));
    if (!hit) return false;
    out.push({ kind: 'error', cause: hit[1], text: body.replace(CONTROL, '').trim().slice(0, 300) });
    return true;
  }

  function metadata(instance: string, key: string, value: string, line: string, out: ProbeReading[]) {
    const at = framePts.get(instance);
    const level = key === 'lavfi.astats.Overall.RMS_level';
    const event = EVENTS.get(key);
    if (!level && !event) return; // another value of a filter we run (freeze_duration, …)
    if (at === undefined) return malformed(out, `${key} without its frame line`, line);
    const v = level ? decibels(value) : num(value);
    if (v === undefined) return malformed(out, `${key} is not a number`, line);
    out.push(event ? { kind: event, pts: v, at } : { kind: 'level', pts: at, rmsDb: v });
  }

  function prefixed(instance: string, body: string, line: string, out: ProbeReading[]) {
    const frame = FRAME.exec(body);
    if (frame) {
      const pts = num(frame[1]);
      if (pts === undefined) {
        framePts.delete(instance);
        return malformed(out, 'a frame without a usable pts', line);
      }
      if (!framePts.has(instance) && framePts.size >= MAX_INSTANCES) framePts.clear();
      return void framePts.set(instance, pts);
    }
    const meta = METADATA.exec(body);
    if (meta) return metadata(instance, meta[1], meta[2], line, out);
    const silence = SILENCE_START.exec(body) ?? SILENCE_END.exec(body);
    if (silence) {
      const pts = num(silence[1]);
      if (pts === undefined) return malformed(out, 'a silence time that is not a number', line);
      return void out.push({ kind: body.startsWith('silence_start') ? 'silence-start' : 'silence-end', pts });
    }
    if (!error(body, out)) stats.unrecognized++;
  }

  function parse(line: string, out: ProbeReading[]) {
    stats.lines++;
    const p = PREFIXED.exec(line);
    if (p) return prefixed(p[1], p[2], line, out);
    // Indented lines are the dumps of the inputs and outputs; ffmpeg's verdicts are not indented.
    if (/^\s/.test(line)) {
      const stream = inInput ? STREAM.exec(line) : null;
      if (stream) out.push({ kind: 'input-stream', media: stream[1] === 'Audio' ? 'audio' : 'video' });
      else stats.unrecognized++;
      return;
    }
    inInput = INPUT_HEADER.test(line);
    if (PROGRESS.test(line)) out.push(progress(line));
    else if (inInput || !error(line, out)) stats.unrecognized++;
  }

  function append(part: string) {
    if (overflow !== null) return;
    if (pending.length + part.length <= MAX_LINE_CHARS) pending += part;
    else {
      overflow = (pending + part.slice(0, EXCERPT_CHARS)).slice(0, EXCERPT_CHARS);
      pending = '';
    }
  }

  function finishLine(out: ProbeReading[]) {
    if (overflow !== null) {
      stats.oversized++;
      out.push({ kind: 'unparsed', reason: `a line over ${MAX_LINE_CHARS / 1024} KiB`, line: excerpt(overflow) });
      overflow = null;
    } else if (pending.trim()) parse(pending, out);
    pending = '';
  }

  return {
    stats,
    push(chunk) {
      const out: ProbeReading[] = [];
      const parts = chunk.split(EOL);
      parts.forEach((part, i) => {
        append(part);
        if (i < parts.length - 1) finishLine(out);
      });
      return out;
    },
    end() {
      const out: ProbeReading[] = [];
      finishLine(out);
      return out;
    },
  };
}
