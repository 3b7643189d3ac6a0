/**
 * The embedded webinar simulator: plays a scenario as a socket.io source on 127.0.0.1, speaking the
 * same protocol (`shared/source-protocol.ts`) a real platform bridge will speak.
 *
 * Playback: every 1000/speed real ms the scenario advances one second and broadcasts that second's
 * health sample and chat. Timestamps are virtual — `startedAt + tSec * 1000` — so fast playback gives
 * a consistent, compressed timeline. Clients joining late get the live stream only, no history.
 * The clock is injected so tests can drive playback tick by tick.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { z } from 'zod';
import { truthOf, type Scenario } from './scenario/scenario';
import { chatUntil } from './scenario/scenario-chat';
import { healthAt } from './scenario/scenario-health';
import { LIMITS, parseWith } from '../../../../shared/schemas';
import type { ChatPost, ChatPostAck, ClientToSource, SourceToClient } from '../../../../shared/source-protocol';
import type { Clock } from '../../../../shared/clock';
import type { ChatMessage, SourceHello } from '../../../../shared/types';

export { listScenarios, loadScenarioFile } from './scenario-files';

/** The wall clock; unlike services/clock.ts its timers are not unref'd: the playback is what the CLI runs for. */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const handle = setTimeout(fn, ms);
    return { dispose: () => clearTimeout(handle) };
  },
};

export interface SimulatorOptions {
  scenario: Scenario;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only: the simulator is a local test source, never exposed on the network. */
  host?: '127.0.0.1';
  /** 1 = real time; 60 = one scenario minute per real second. */
  speed?: number;
  /** Start over (with a fresh startedAt and ids) when the scenario ends. */
  loop?: boolean;
  clock?: Clock;
}

export interface RunningSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Live counters of what was broadcast. */
  sent: { chat: number; health: number };
  /** Every accepted (non-duplicate) chat.post, in order. */
  posted: ChatPost[];
}

const SIMULATOR_SOURCE = 'onair-simulator';

const chatPostSchema = z.object({
  key: z.string().min(1).max(200),
  author: z.string().trim().min(1).max(LIMITS.authorMax),
  text: z.string().trim().min(1).max(LIMITS.chatTextMax),
});

function listen(http: HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    http.once('error', onError);
    http.listen(port, host, () => {
      http.off('error', onError);
      resolve((http.address() as AddressInfo).port);
    });
  });
}

export async function startSimulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  const { scenario, loop = false, clock = realClock } = opts;
  const host = opts.host ?? '127.0.0.1';
  const speed = opts.speed ?? 1;
  if (!(speed > 0 && speed <= 10_000)) throw new Error(`speed must be in (0, 10000], got ${speed}`);
  const tickMs = 1000 / speed;
  const durationMs = scenario.durationSec * 1000;

  const http = createServer();
  // Connection state recovery: a client that loses the connection (a broken frame, a network blip) and is
  // back within two minutes gets what it missed, from the last event id it saw.
  const io = new Server<ClientToSource, SourceToClient>(http, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 },
  });
  const sent = { chat: 0, health: 0 };
  const posted: ChatPost[] = [];
  const postIds = new Map<string, string>();

  let run = 0; // loop count: ids get a suffix after the first run so a session never sees an id twice
  let startedAt = clock.now();
  let startedReal = startedAt;
  let tSec = 0;
  let closed = false;
  let timer: { dispose(): void } | undefined;

  const hello = (): SourceHello => ({
    source: SIMULATOR_SOURCE,
    eventName: scenario.eventName,
    scenario: scenario.name,
    startedAt,
    speed,
    now: virtualNow(),
    truth: truthOf(scenario, startedAt),
  });
  const virtualNow = () =>
    startedAt + Math.min(durationMs, Math.max(0, Math.round((clock.now() - startedReal) * speed)));
  const withRun = (m: ChatMessage): ChatMessage => (run === 0 ? m : { ...m, id: `${m.id}~${run}` });

  const broadcastChat = (msgs: ChatMessage[]) => {
    if (msgs.length === 1) io.emit('chat.message', msgs[0]);
    for (let i = 0; msgs.length > 1 && i < msgs.length; i += LIMITS.batchMax) {
      io.emit('chat.batch', msgs.slice(i, i + LIMITS.batchMax));
    }
    sent.chat += msgs.length;
  };

  const playSecond = (t: number) => {
    const sample = healthAt(scenario, t, startedAt);
    if (sample) {
      io.emit('health.sample', sample);
      sent.health++;
    }
    broadcastChat(chatUntil(scenario, t, t + 1, startedAt).map(withRun));
  };

  // Timers are due on a fixed grid from startedReal, so slow ticks catch up instead of drifting.
  const schedule = () => {
    const due = startedReal + (tSec + 1) * tickMs;
    timer = clock.setTimer(Math.max(0, due - clock.now()), tick);
  };

  function tick() {
    if (closed) return;
    playSecond(tSec);
    tSec++;
    if (tSec < scenario.durationSec) return schedule();
    io.emit('source.ended', { endedAt: startedAt + durationMs });
    if (!loop) return; // stay connected, send nothing more
    run++;
    // Never let the virtual timeline go backwards, even when fast playback ran ahead of the wall clock.
    startedAt = Math.max(clock.now(), startedAt + durationMs);
    startedReal = clock.now();
    tSec = 0;
    io.emit('source.hello', hello());
    schedule();
  }

  io.on('connection', (socket) => {
    socket.emit('source.hello', hello());
    socket.on('chat.post', (payload: unknown, ack: unknown) => {
      const reply = (res: ChatPostAck) => {
        if (typeof ack === 'function') ack(res);
      };
      const r = parseWith(chatPostSchema, payload);
      if (!r.ok) return reply({ ok: false, error: r.reason });
      const known = postIds.get(r.value.key);
      if (known) return reply({ ok: true, messageId: known, duplicate: true });
      const id = `${scenario.name}-post-${startedAt}-${posted.length}`;
      postIds.set(r.value.key, id);
      posted.push(r.value);
      broadcastChat([{ id, author: r.value.author, text: r.value.text, ts: virtualNow() }]);
      reply({ ok: true, messageId: id, duplicate: false });
    });
  });

  const port = await listen(http, opts.port ?? 0, host);
  startedAt = clock.now();
  startedReal = startedAt;
  schedule();

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      closed = true;
      timer?.dispose();
      io.disconnectSockets(true);
      // Drop idle keep-alive / polling connections so the port is free as soon as we resolve.
      http.closeAllConnections();
      io.close(() => resolve()).catch(reject);
    });
    return closing;
  };

  return { url: `http://${host}:${port}`, port, close, sent, posted };
}
