/**
 * Replays a recorded event as a live source, at any speed, so teams can rehearse on what really happened.
 * Speaks the same protocol as the simulator; timestamps are shifted to the replay's start and compressed
 * like the simulator's (one recorded second per 1000/speed real ms).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { LIMITS } from '../../../../shared/schemas';
import type { ChatPostAck, ClientToSource, SourceToClient } from '../../../../shared/source-protocol';
import type { SourceHello } from '../../../../shared/types';
import type { Clock } from '../../../../shared/clock';
import { realClock } from './server';
import type { RecordedEvent } from '../../../../shared/domain/review/recorded-event';

const REPLAY_SOURCE = 'onair-replay';

export interface ReplayOptions {
  event: RecordedEvent;
  speed: number;
  port?: number;
  clock?: Clock;
}

export async function startReplay(o: ReplayOptions) {
  const clock = o.clock ?? realClock;
  const origin = o.event.session.startedAt;
  const lastTs = Math.max(origin, ...o.event.health.map((h) => h.ts), o.event.chat.at(-1)?.ts ?? origin);
  const durationSec = Math.ceil((lastTs - origin) / 1000) + 1;
  const startedAt = clock.now();
  let playStart = startedAt; // wall time playback began (the first connection)
  const shift = startedAt - origin;
  const health = [...o.event.health].sort((a, b) => a.ts - b.ts);
  const chat = [...o.event.chat].sort((a, b) => a.ts - b.ts);
  let hi = 0;
  let ci = 0;
  let tSec = 0;
  let timer: { dispose(): void } | undefined;

  const http = createServer();
  // Like the simulator's: a console that loses the connection gets what it missed when it is back.
  const io = new Server<ClientToSource, SourceToClient>(http, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 },
  });
  const hello = (): SourceHello => ({
    source: REPLAY_SOURCE,
    eventName: `Replay: ${o.event.session.eventName}`.slice(0, 300),
    scenario: `replay-${(o.event.session.scenario ?? 'event').slice(0, 80)}`,
    startedAt,
    speed: o.speed,
    now: startedAt + tSec * 1000,
    truth: o.event.session.truth.map((t) => ({ ...t, startTs: t.startTs + shift, endTs: t.endTs + shift })),
  });
  let playing = false;
  io.on('connection', (socket) => {
    socket.emit('source.hello', hello());
    // A recording is replayed whole: playback starts when the console is there to receive it.
    if (!playing) {
      playing = true;
      playStart = clock.now();
      timer = clock.setTimer(1000 / o.speed, tick);
    }
    socket.on('chat.post', (_p: unknown, ack: unknown) => {
      if (typeof ack === 'function')
        (ack as (r: ChatPostAck) => void)({ ok: false, error: 'a replay does not take posts into its chat' });
    });
  });

  const tick = () => {
    const until = origin + (tSec + 1) * 1000;
    while (hi < health.length && health[hi].ts < until)
      io.emit('health.sample', { ...health[hi++], ts: health[hi - 1].ts + shift });
    const batch = [];
    while (ci < chat.length && chat[ci].ts < until) batch.push({ ...chat[ci], ts: chat[ci++].ts + shift });
    for (let i = 0; i < batch.length; i += LIMITS.batchMax) io.emit('chat.batch', batch.slice(i, i + LIMITS.batchMax));
    tSec++;
    if (tSec < durationSec)
      timer = clock.setTimer(Math.max(0, playStart + (tSec + 1) * (1000 / o.speed) - clock.now()), tick);
    else io.emit('source.ended', { endedAt: startedAt + durationSec * 1000 });
  };

  await new Promise<void>((res, rej) => {
    http.once('error', rej);
    http.listen(o.port ?? 0, '127.0.0.1', () => res());
  });
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    durationSec,
    close: () =>
      new Promise<void>((res, rej) => {
        timer?.dispose();
        io.disconnectSockets(true);
        http.closeAllConnections();
        io.close(() => res()).catch(rej);
      }),
  };
}
export type RunningReplay = Awaited<ReturnType<typeof startReplay>>;
