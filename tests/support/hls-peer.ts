/**
 * A live HLS stream on 127.0.0.1 (random port): ffmpeg plays a media file in real time (-re) into 2 s segments
 * in a temp dir, and a node http server serves the playlist and the segments as they appear. Resolves once the
 * playlist lists its first segment, so a probe started then reads the stream from its first second.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { poll } from './poll';
import { tempDir } from './temp-dir';

export interface HlsPeer {
  /** The live playlist. */
  url: string;
  /** A playlist that is not there: the server answers 404. */
  missingUrl: string;
  /** Wall time ffmpeg started playing the file: media second t is produced at about startedAt + t·1000. */
  startedAt: number;
  stop(): Promise<void>;
}

const TYPES: Record<string, string> = { m3u8: 'application/vnd.apple.mpegurl', ts: 'video/mp2t' };

export async function startHlsPeer(media: string): Promise<HlsPeer> {
  const dir = tempDir('onair-hls-');
  const server = createServer((req, res) => {
    const file = /^\/([\w-]+)\.(m3u8|ts)$/.exec(req.url ?? '');
    if (!file) return void res.writeHead(404).end('not found');
    readFile(join(dir, `${file[1]}.${file[2]}`)).then(
      (body) => res.writeHead(200, { 'Content-Type': TYPES[file[2]], 'Cache-Control': 'no-cache' }).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const startedAt = Date.now();
  const ffmpeg = spawn(
    'ffmpeg',
    [
      ...['-nostdin', '-hide_banner', '-loglevel', 'error', '-re', '-i', media],
      ...['-map', '0:a:0?', '-map', '0:v:0?', '-c:v', 'copy', '-c:a', 'aac', '-b:a', '96k'],
      ...['-f', 'hls', '-hls_time', '2', '-hls_list_size', '0', '-hls_segment_filename', join(dir, 'seg%03d.ts')],
      join(dir, 'live.m3u8'),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) => ffmpeg.once('close', () => resolve()));
  const stop = async () => {
    ffmpeg.kill('SIGKILL');
    await exited;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    await poll(() => readFile(join(dir, 'live.m3u8'), 'utf8').then((p) => p.includes('.ts')), {
      timeoutMs: 10_000,
      what: 'the first HLS segment',
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `${base}/live.m3u8`, missingUrl: `${base}/missing.m3u8`, startedAt, stop };
}
