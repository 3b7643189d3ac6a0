import { describe, expect, it } from 'vitest';
import { maskInput, parseProbeInput, probeArgs, redactUrls } from './probe-args';

describe('parseProbeInput', () => {
  it.each([
    ['rtmp://live.example.com/app/key', { kind: 'pull', url: 'rtmp://live.example.com/app/key', scheme: 'rtmp' }],
    ['srt://127.0.0.1:9000?mode=caller', { kind: 'pull', url: 'srt://127.0.0.1:9000?mode=caller', scheme: 'srt' }],
    [' https://cdn.example.com/live/index.m3u8?token=abc ', { kind: 'pull', scheme: 'https' }],
    ['alsa:hw:1,0', { kind: 'device', format: 'alsa', device: 'hw:1,0' }],
    ['pulse:alsa_input.pci-0000_00_1f.3.analog-stereo', { kind: 'device', format: 'pulse' }],
    ['v4l2:/dev/video0', { kind: 'device', format: 'v4l2', device: '/dev/video0' }],
  ])('accepts %s', (input, value) => {
    expect(parseProbeInput(input)).toMatchObject({ ok: true, value });
  });

  it('accepts an rtmp:// address of this machine to listen on', () => {
    expect(parseProbeInput('rtmp://0.0.0.0:1935/live/key', true)).toEqual({
      ok: true,
      value: { kind: 'listen', url: 'rtmp://0.0.0.0:1935/live/key' },
    });
  });

  it.each([
    ['', /no input given/],
    ['file:///etc/passwd', /cannot read file: inputs/],
    ['ftp://example.com/a.m3u8', /cannot read ftp: inputs/],
    ['https://example.com/watch?v=1', /only an HLS playback URL/],
    ['rtmp://host/live/key; rm -rf /', /spaces or control characters/],
    ['rtmp://host/live/\u0000key', /spaces or control characters/],
    ['alsa:hw:0$(reboot)', /not a alsa device name/],
    ['v4l2:video0', /not a v4l2 device name/],
    ['not a url', /spaces/],
    ['example.com/live.m3u8', /is not an rtmp/],
    [`rtmp://h/${'k'.repeat(3000)}`, /longer than 2048/],
  ])('refuses %j', (input, reason) => {
    const r = parseProbeInput(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it.each([
    ['srt://0.0.0.0:9000?mode=listener', /only an rtmp:\/\/ address/],
    ['rtmp://live.example.com/app/key', /address of this machine/],
    ['rtmp://127.0.0.1:1935', /application path/],
    ['alsa:hw:0', /not a capture device/],
  ])('refuses to listen on %s', (input, reason) => {
    const r = parseProbeInput(input, true);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('probeArgs', () => {
  const tail = ['-map', '0:a:0?', '-map', '0:v:0?', '-filter:a', expect.any(String), '-filter:v', expect.any(String)];

  it('pulls a URL, listens with -listen 1, opens a device with -f, and analyses into the null muxer', () => {
    const ok = (input: string, listen = false) => {
      const r = parseProbeInput(input, listen);
      if (!r.ok) throw new Error(r.reason);
      return probeArgs(r.value);
    };
    const head = ['-nostdin', '-hide_banner', '-loglevel', 'info'];
    expect(ok('https://h/x.m3u8')).toEqual([...head, '-i', 'https://h/x.m3u8', ...tail, '-f', 'null', '-']);
    expect(ok('rtmp://127.0.0.1:1935/live/key', true)).toEqual([
      ...head,
      ...['-listen', '1', '-i', 'rtmp://127.0.0.1:1935/live/key'],
      ...tail,
      ...['-f', 'null', '-'],
    ]);
    expect(ok('alsa:hw:0')).toEqual([...head, '-f', 'alsa', '-i', 'hw:0', ...tail, '-f', 'null', '-']);
  });
});

describe('maskInput', () => {
  it.each([
    ['rtmp://user:secret@live.example.com/app/streamkey', 'rtmp://***@live.example.com/app/***'],
    ['rtmp://127.0.0.1:1935/live/key', 'rtmp://127.0.0.1:1935/live/***'],
    ['srt://h:9000?mode=caller&passphrase=hunter2', 'srt://h:9000?mode=***&passphrase=***'],
    ['https://cdn.example.com/live/index.m3u8?token=abc', 'https://cdn.example.com/live/index.m3u8?token=***'],
    ['https://cdn.example.com/live/index.m3u8', 'https://cdn.example.com/live/index.m3u8'],
    ['alsa:hw:0', 'alsa:hw:0'],
  ])('masks %s', (input, masked) => {
    expect(maskInput(input)).toBe(masked);
  });

  it('masks the URLs in a line of ffmpeg', () => {
    expect(redactUrls('rtmp://h/live/streamkey: Connection refused')).toBe('rtmp://h/live/***: Connection refused');
  });
});
