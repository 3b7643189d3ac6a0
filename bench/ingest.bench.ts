/**
 * `npm run bench`: a burst of 50,000 chat messages through the real path — socket.io on 127.0.0.1 →
 * the ingest adapter's schema validation → complaint classification → batched SQLite writes (WAL, a temp
 * file) — and prints
 * messages per second and peak memory. Target: ≥ 10,000 messages/s sustained.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { systemClock } from '../electron/main/services/clock';
import { liveEventsRepo } from '../electron/main/services/db/live-events-repo';
import { openDatabase } from '../electron/main/services/db/open';
import { sessionsRepo } from '../electron/main/services/db/sessions-repo';
import { createEventHub } from '../electron/main/services/event-hub';
import { createIngest } from '../electron/main/services/ingest/ingest';
import { socketIoSource } from '../electron/main/services/ingest/socketio-source';
import type { ChatMessage } from '../shared/types';
import { tempDir } from '../tests/support/temp-dir';

const TOTAL = Number(process.env.BENCH_MESSAGES ?? 50_000);
const TEXTS = [
  'non si sente niente',
  'hello from Berlin',
  'AUDIO??',
  'great slides!',
  'no se escucha 🔇',
  "on n'entend rien",
  'kein Ton bei mir',
];

async function run(
  mode: 'single' | 'batch',
): Promise<{ mode: string; seconds: number; perSec: number; peakRssMb: number; peakHeapMb: number; stored: number }> {
  const http = createServer();
  const io = new Server(http);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const startedAt = Date.now();
  io.on('connection', (s) =>
    s.emit('source.hello', { source: 'bench', eventName: 'Bench', scenario: mode, startedAt, speed: 1 }),
  );

  const db = openDatabase({ file: join(tempDir('onair-bench-'), 'onair.sqlite') });
  const live = liveEventsRepo(db);
  const ingest = createIngest({
    sessions: sessionsRepo(db),
    live,
    hub: createEventHub(),
    clock: systemClock,
    sourceUrl: () => url,
  });
  const adapter = socketIoSource({ url, clock: systemClock });
  adapter.start(ingest);
  while (!ingest.session()) await new Promise((r) => setTimeout(r, 5));

  const msgs: ChatMessage[] = Array.from({ length: TOTAL }, (_, i) => ({
    id: `b${i}`,
    author: `viewer${i % 997}`,
    text: TEXTS[i % TEXTS.length],
    ts: startedAt + i,
    lang: 'it',
  }));
  let peakRss = 0;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);

  const t0 = performance.now();
  if (mode === 'batch') for (let i = 0; i < TOTAL; i += 500) io.emit('chat.batch', msgs.slice(i, i + 500));
  else for (const m of msgs) io.emit('chat.message', m);
  while (ingest.stats().chat < TOTAL) await new Promise((r) => setTimeout(r, 2));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);

  const stored = live.chatCount(ingest.session()!.id);
  await adapter.stop();
  ingest.dispose();
  db.close();
  await io.close();
  return {
    mode,
    seconds,
    perSec: TOTAL / seconds,
    peakRssMb: peakRss / 2 ** 20,
    peakHeapMb: peakHeap / 2 ** 20,
    stored,
  };
}

const rows = [await run('single'), await run('batch')];
console.log(
  `Ingest burst: ${TOTAL.toLocaleString()} chat messages, socket.io 127.0.0.1 → validation → SQLite (WAL); memory covers sender and receiver, both in this process`,
);
console.table(
  rows.map((r) => ({
    frames: r.mode === 'single' ? 'one message per frame' : '500 messages per frame',
    'messages/s': Math.round(r.perSec).toLocaleString(),
    seconds: r.seconds.toFixed(2),
    'peak RSS MB': r.peakRssMb.toFixed(0),
    'peak heap MB': r.peakHeapMb.toFixed(0),
    stored: r.stored,
  })),
);
const worst = Math.min(...rows.map((r) => r.perSec));
console.log(
  `${worst >= 10_000 ? 'MEETS' : 'MISSES'} target of 10,000 messages/s (slowest mode: ${Math.round(worst).toLocaleString()}/s)`,
);
process.exit(0);
