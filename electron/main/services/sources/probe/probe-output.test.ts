import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, probeOutput, type ProbeReading } from './probe-output';

/** Excerpts of real stderr, from the probe's command line (probe-args.ts) on tests/support/media.ts's av.mp4. */
const SYSTEM_5_1 = [
  "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from '/tmp/onair-media-sPgCJO/av.mp4':",
  '  Duration: 00:00:14.00, start: 0.000000, bitrate: 404 kb/s',
  '  Stream #0:0[0x1](und): Video: h264 (Constrained Baseline) (avc1 / 0x31637661), yuv420p(progressive), 320x180 [SAR 1:1 DAR 16:9], 328 kb/s, 25 fps, 25 tbr, 12800 tbn (default)',
  '  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, mono, fltp, 70 kb/s (default)',
  'Stream mapping:',
  '  Stream #0:1 -> #0:0 (aac (native) -> pcm_s16le (native))',
  '  Stream #0:0 -> #0:1 (h264 (native) -> wrapped_avframe (native))',
  "Output #0, null, to 'pipe:':",
  '  Metadata:',
  '    encoder         : Lavf59.27.100',
  '  Stream #0:0(und): Audio: pcm_s16le, 48000 Hz, mono, s16, 768 kb/s (default)',
  '    Metadata:',
  '      encoder         : Lavc59.37.100 pcm_s16le',
  '  Stream #0:1(und): Video: wrapped_avframe, yuv420p(progressive), 320x180 [SAR 1:1 DAR 16:9], q=2-31, 200 kb/s, 25 fps, 25 tbn (default)',
  '      encoder         : Lavc59.37.100 wrapped_avframe',
  'frame=    1 fps=0.0 q=-0.0 size=N/A time=00:00:00.04 bitrate=N/A speed=5.67x    \r[Parsed_ametadata_3 @ 0x55929ec36900] frame:0    pts:0       pts_time:0',
  '[Parsed_ametadata_3 @ 0x55929ec36900] lavfi.astats.Overall.RMS_level=-15.831143',
  '[Parsed_ametadata_3 @ 0x55929ec36900] frame:39   pts:187200  pts_time:3.9',
  '[Parsed_ametadata_3 @ 0x55929ec36900] lavfi.astats.Overall.RMS_level=-22.488259',
  '[Parsed_metadata_2 @ 0x55929f03b7c0] frame:100  pts:51200   pts_time:4',
  '[Parsed_metadata_2 @ 0x55929f03b7c0] lavfi.black_start=4',
  '[Parsed_ametadata_3 @ 0x55929ec36900] frame:60   pts:288000  pts_time:6',
  '[Parsed_ametadata_3 @ 0x55929ec36900] lavfi.astats.Overall.RMS_level=-inf',
  '[freezedetect @ 0x55929f03b200] lavfi.freezedetect.freeze_start: 4',
  '[Parsed_metadata_2 @ 0x55929f03b7c0] frame:150  pts:76800   pts_time:6',
  '[Parsed_metadata_2 @ 0x55929f03b7c0] lavfi.freezedetect.freeze_start=4',
  '[blackdetect @ 0x55929f03ab80] black_start:4 black_end:7 black_duration:3',
  '[freezedetect @ 0x55929f03b200] lavfi.freezedetect.freeze_duration: 3',
  '[Parsed_metadata_2 @ 0x55929f03b7c0] frame:175  pts:89600   pts_time:7',
  '[Parsed_metadata_2 @ 0x55929f03b7c0] lavfi.black_end=7',
  '[Parsed_metadata_2 @ 0x55929f03b7c0] lavfi.freezedetect.freeze_duration=3',
  '[Parsed_metadata_2 @ 0x55929f03b7c0] lavfi.freezedetect.freeze_end=7',
  '[silencedetect @ 0x55929ec374c0] silence_start: 5.99998',
  '[silencedetect @ 0x55929ec374c0] silence_end: 10 | silence_duration: 4.00004',
  'frame=  350 fps=0.0 q=-0.0 Lsize=N/A time=00:00:14.01 bitrate=N/A speed=81.8x    ',
  '[Parsed_astats_2 @ 0x55929ec35b40] RMS level dB: -19.757372',
  '[Parsed_astats_2 @ 0x55929ec35b40] Noise floor dB: nan',
  '',
].join('\n');

/** The bundled 2018 build (N-47683-g0e8eb07980-static): the same lines, its dumps indented differently. */
const BUNDLED_2018 = [
  "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'av.mp4':",
  '  Duration: 00:00:14.00, start: 0.000000, bitrate: 404 kb/s',
  '    Stream #0:0(und): Video: h264 (Constrained Baseline) (avc1 / 0x31637661), yuv420p, 320x180 [SAR 1:1 DAR 16:9], 328 kb/s, 25 fps, 25 tbr, 12800 tbn, 50 tbc (default)',
  '    Metadata:',
  '      handler_name    : VideoHandler',
  '    Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, mono, fltp, 70 kb/s (default)',
  'Stream mapping:',
  "Output #0, null, to 'pipe:':",
  '    encoder         : Lavf58.24.100',
  '    Stream #0:0(und): Audio: pcm_s16le, 48000 Hz, mono, s16, 768 kb/s (default)',
  '    Stream #0:1(und): Video: wrapped_avframe, yuv420p, 320x180 [SAR 1:1 DAR 16:9], q=2-31, 200 kb/s, 25 fps, 25 tbn, 25 tbc (default)',
  '[Parsed_ametadata_3 @ 0x28af9540] frame:15   pts:72000   pts_time:1.5',
  '[Parsed_ametadata_3 @ 0x28af9540] lavfi.astats.Overall.RMS_level=-17.144007',
  '[Parsed_metadata_2 @ 0x28b15400] frame:25   pts:12800   pts_time:1',
  '[Parsed_metadata_2 @ 0x28b15400] lavfi.black_start=1',
  'frame=   74 fps= 24 q=-0.0 size=N/A time=00:00:03.00 bitrate=N/A speed=0.992x    \r[freezedetect @ 0x28b144c0] lavfi.freezedetect.freeze_start: 1',
  '[Parsed_metadata_2 @ 0x28b15400] frame:75   pts:38400   pts_time:3',
  '[Parsed_metadata_2 @ 0x28b15400] lavfi.freezedetect.freeze_start=1',
  '',
].join('\n');

const all = (text: string, chunk = text.length) => {
  const p = probeOutput();
  const out: ProbeReading[] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...p.push(text.slice(i, i + chunk)));
  out.push(...p.end());
  return { readings: out, stats: p.stats };
};
const kinds = (rs: ProbeReading[]) => rs.map((r) => r.kind);

describe('probeOutput', () => {
  it('reads levels, the picture, silence and the output streams of ffmpeg 5.1', () => {
    const { readings } = all(SYSTEM_5_1);
    expect(readings).toEqual([
      { kind: 'input-stream', media: 'video' },
      { kind: 'input-stream', media: 'audio' },
      { kind: 'progress', pts: 0.04 },
      { kind: 'level', pts: 0, rmsDb: -15.831143 },
      { kind: 'level', pts: 3.9, rmsDb: -22.488259 },
      { kind: 'black-start', pts: 4, at: 4 },
      { kind: 'level', pts: 6, rmsDb: -Infinity },
      { kind: 'freeze-start', pts: 4, at: 6 },
      { kind: 'black-end', pts: 7, at: 7 },
      { kind: 'freeze-end', pts: 7, at: 7 },
      { kind: 'silence-start', pts: 5.99998 },
      { kind: 'silence-end', pts: 10 },
      { kind: 'progress', pts: 14.01 },
    ]);
  });

  it('reads the bundled 2018 build the same way', () => {
    expect(all(BUNDLED_2018).readings).toEqual([
      { kind: 'input-stream', media: 'video' },
      { kind: 'input-stream', media: 'audio' },
      { kind: 'level', pts: 1.5, rmsDb: -17.144007 },
      { kind: 'black-start', pts: 1, at: 1 },
      { kind: 'progress', pts: 3 },
      { kind: 'freeze-start', pts: 1, at: 3 },
    ]);
  });

  it('knows what the input carries before the first level, which RTMP prints before the output dump', () => {
    const rtmp = [
      "Input #0, flv, from 'rtmp://127.0.0.1:19360/live/key':",
      '  Duration: 00:00:00.00, start: 0.000000, bitrate: N/A',
      '  Stream #0:0: Video: h264 (Constrained Baseline), yuv420p(progressive), 320x180 [SAR 1:1 DAR 16:9], 328 kb/s, 25 fps, 25 tbr, 1k tbn',
      '  Stream #0:1: Audio: aac (LC), 48000 Hz, mono, fltp, 70 kb/s',
      'Stream mapping:',
      '  Stream #0:1 -> #0:0 (aac (native) -> pcm_s16le (native))',
      '[Parsed_ametadata_3 @ 0x55951218c580] frame:0    pts:0       pts_time:0',
      '[Parsed_ametadata_3 @ 0x55951218c580] lavfi.astats.Overall.RMS_level=-18.127925',
      "Output #0, null, to 'pipe:':",
      '  Stream #0:0: Audio: pcm_s16le, 48000 Hz, mono, s16, 768 kb/s',
      '  Stream #0:1: Video: wrapped_avframe, yuv420p(progressive), 320x180 [SAR 1:1 DAR 16:9], q=2-31, 200 kb/s, 25 fps, 25 tbn',
      '',
    ].join('\n');
    expect(kinds(all(rtmp).readings)).toEqual(['input-stream', 'input-stream', 'level']);
  });

  it('gives the same readings whatever the chunks (one byte at a time, CRLF, a lone CR)', () => {
    const whole = all(SYSTEM_5_1).readings;
    expect(all(SYSTEM_5_1, 1).readings).toEqual(whole);
    expect(all(SYSTEM_5_1, 7).readings).toEqual(whole);
    expect(all(SYSTEM_5_1.replace(/\n/g, '\r\n'), 13).readings).toEqual(whole);
  });

  it('keeps the frame of each filter instance apart', () => {
    const { readings } = all(
      [
        '[Parsed_ametadata_3 @ 0xa] frame:10 pts:48000 pts_time:1',
        '[Parsed_metadata_2 @ 0xb] frame:25 pts:12800 pts_time:0.96',
        '[Parsed_ametadata_3 @ 0xa] lavfi.astats.Overall.RMS_level=-30.5',
        '[Parsed_metadata_2 @ 0xb] lavfi.black_start=0.96',
      ].join('\n'),
    );
    expect(readings).toEqual([
      { kind: 'level', pts: 1, rmsDb: -30.5 },
      { kind: 'black-start', pts: 0.96, at: 0.96 },
    ]);
  });

  it.each([
    [
      'HTTP 404',
      '[http @ 0x559e34d620c0] HTTP error 404 File not found\nhttp://127.0.0.1:8765/missing.m3u8: Server returned 404 Not Found\n',
      [
        { cause: 'http', text: 'HTTP error 404 File not found' },
        { cause: 'http', text: 'http://127.0.0.1:8765/missing.m3u8: Server returned 404 Not Found' },
      ],
    ],
    [
      'nothing listening',
      '[tcp @ 0x55c6ec84d8c0] Connection to tcp://127.0.0.1:1?tcp_nodelay=0 failed: Connection refused\n' +
        '[rtmp @ 0x55c6ec84d0c0] Cannot open connection tcp://127.0.0.1:1?tcp_nodelay=0\n' +
        'rtmp://127.0.0.1:1/live/x: Connection refused\n',
      [
        { cause: 'refused', text: 'Connection to tcp://127.0.0.1:1?tcp_nodelay=0 failed: Connection refused' },
        { cause: 'other', text: 'Cannot open connection tcp://127.0.0.1:1?tcp_nodelay=0' },
        { cause: 'refused', text: 'rtmp://127.0.0.1:1/live/x: Connection refused' },
      ],
    ],
    [
      'a missing device',
      'ALSA lib confmisc.c:165:(snd_config_get_card) Cannot get card index for 0\n' +
        '[alsa @ 0x55fe82f898c0] cannot open audio device hw:0 (No such file or directory)\nhw:0: Input/output error\n',
      [
        { cause: 'other', text: 'ALSA lib confmisc.c:165:(snd_config_get_card) Cannot get card index for 0' },
        { cause: 'missing', text: 'cannot open audio device hw:0 (No such file or directory)' },
        { cause: 'io', text: 'hw:0: Input/output error' },
      ],
    ],
    [
      'SRT in the bundled build',
      'srt://127.0.0.1:1?mode=caller: Protocol not found\nDid you mean file:srt://127.0.0.1:1?mode=caller?\n',
      [{ cause: 'protocol', text: 'srt://127.0.0.1:1?mode=caller: Protocol not found' }],
    ],
    [
      'PulseAudio in the bundled build',
      "Unknown input format: 'pulse'\n",
      [{ cause: 'format', text: "Unknown input format: 'pulse'" }],
    ],
    [
      'not a stream',
      'http://127.0.0.1:8765/x.m3u8: Invalid data found when processing input\n',
      [{ cause: 'invalid', text: 'http://127.0.0.1:8765/x.m3u8: Invalid data found when processing input' }],
    ],
  ])('names the errors worth showing: %s', (_, text, errors) => {
    expect(all(text).readings).toEqual(errors.map((e) => ({ kind: 'error', ...e })));
  });

  it('counts what it does not understand, and quarantines what looks like its own but does not parse', () => {
    const { readings, stats } = all(
      [
        '[Parsed_ametadata_3 @ 0x1] lavfi.astats.Overall.RMS_level=-20', // no frame line before it
        '[Parsed_ametadata_3 @ 0x1] frame:0 pts:NOPTS pts_time:NOPTS',
        '[Parsed_ametadata_3 @ 0x1] frame:1 pts:4800 pts_time:0.1',
        '[Parsed_ametadata_3 @ 0x1] lavfi.astats.Overall.RMS_level=banana',
        '[silencedetect @ 0x2] silence_start: soon',
        'Press [q] to stop, [?] for help',
        '    Last message repeated 2 times',
      ].join('\n'),
    );
    expect(readings).toEqual([
      { kind: 'unparsed', reason: 'lavfi.astats.Overall.RMS_level without its frame line', line: expect.any(String) },
      { kind: 'unparsed', reason: 'a frame without a usable pts', line: expect.any(String) },
      { kind: 'unparsed', reason: 'lavfi.astats.Overall.RMS_level is not a number', line: expect.any(String) },
      { kind: 'unparsed', reason: 'a silence time that is not a number', line: expect.any(String) },
    ]);
    expect(stats).toEqual({ lines: 7, unrecognized: 2, malformed: 4, oversized: 0 });
  });

  it('survives binary garbage, NULs and control characters without throwing', () => {
    let seed = 42;
    const bytes = Array.from({ length: 200_000 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    const garbage = Buffer.from(bytes).toString('utf8'); // invalid sequences become U+FFFD, as setEncoding does
    const p = probeOutput();
    expect(() => {
      for (let i = 0; i < garbage.length; i += 4096) p.push(garbage.slice(i, i + 4096));
      p.end();
    }).not.toThrow();
    expect(p.stats.lines).toBeGreaterThan(0);
    // The parser still works after it.
    expect(
      p.push(
        '[Parsed_ametadata_3 @ 0x1] frame:1 pts:4800 pts_time:0.1\n[Parsed_ametadata_3 @ 0x1] lavfi.astats.Overall.RMS_level=-20\n',
      ),
    ).toEqual([{ kind: 'level', pts: 0.1, rmsDb: -20 }]);
  });

  it('drops a line over 64 KiB, whether it comes whole or in pieces, and keeps only an excerpt', () => {
    const huge = 'x'.repeat(MAX_LINE_CHARS + 1);
    for (const chunk of [huge.length + 1, 1000]) {
      const { readings, stats } = all(`${huge}\n[silencedetect @ 0x2] silence_start: 3.5\n`, chunk);
      expect(readings).toEqual([
        { kind: 'unparsed', reason: 'a line over 64 KiB', line: 'x'.repeat(200) },
        { kind: 'silence-start', pts: 3.5 },
      ]);
      expect(stats.oversized).toBe(1);
    }
    const p = probeOutput();
    for (let i = 0; i < 100; i++) p.push('y'.repeat(100_000)); // 10 MB without a line end: the buffer stays capped
    expect(p.end()).toHaveLength(1);
  });

  it('takes a line without its end at the end of the output', () => {
    const p = probeOutput();
    expect(p.push('http://h/x.m3u8: Server returned 403 Forbidden')).toEqual([]);
    expect(kinds(p.end())).toEqual(['error']);
  });
});
