/**
 * The OBS Studio source, through obs-websocket 5 (built into OBS 28 and later): the meters of the inputs the
 * producer marked as the program's audio, their mute state, and the stream output (state, congestion,
 * bitrate, frames), as one HealthSample every 250 ms. It carries no time line and no chat.
 *
 * OBS closing, a refused password or nothing listening are source states ('offline' with the reason), never
 * errors: it retries with backoff on the injected clock until stopped.
 */
import OBSWebSocket, { EventSubscription } from 'obs-websocket-js';
import type { Clock, Disposable } from '../../../../../shared/clock';
import { LIMITS, parseWith } from '../../../../../shared/schemas';
import type { ConnectionState, HealthSample, InputLevel } from '../../../../../shared/types';
import { loggingFailures, reconnectLoop } from '../reconnect';
import { messageOf } from '../../../../../shared/error-message';
import { NO_CHAT, type SourceAdapter, type SourceSink } from '../../ingest/source-adapter';
import { describeClose, describeConnectError, noAnswer, obsDetail } from './obs-errors';
import {
  inputMuteSchema,
  inputMuteStateChangedSchema,
  readMeters,
  readAnswer,
  sceneListSchema,
  statsSchema,
  streamStateChangedSchema,
  streamStatusSchema,
  versionSchema,
} from './obs-payloads';
import { meterWindow } from './levels';
import { streamHealth } from './stream-health';

export interface ObsSourceOptions {
  host: string;
  port: number;
  password?: string;
  /** The inputs the producer marked as the program's audio; empty: every input OBS meters. */
  inputs: string[];
  clock: Clock;
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  /** For tests: the backoff jitter's randomness. */
  random?: () => number;
  log?: (line: string) => void;
}

const SAMPLE_MS = 250;
const POLL_MS = 1000;
const CONNECT_TIMEOUT_MS = 10_000;
/** stop() waits this long for OBS to acknowledge the close (a hung OBS would keep it for ws's 30 s). */
const CLOSE_WAIT_MS = 2000;

/** A repeating timer on the injected clock (whose timers fire once). */
function every(clock: Clock, ms: number, fn: () => void): Disposable {
  let timer: Disposable;
  const arm = () => {
    timer = clock.setTimer(ms, () => {
      arm();
      fn();
    });
  };
  arm();
  return { dispose: () => timer.dispose() };
}

export function obsSource(o: ObsSourceOptions): SourceAdapter {
  const url = `ws://${o.host}:${o.port}`;
  const minMs = o.reconnectDelayMs ?? 1000;
  const maxMs = o.reconnectDelayMaxMs ?? 15_000;
  const log = o.log ?? (() => {});
  let sink: SourceSink | null = null;
  let current: { online: () => boolean; end: () => Promise<void> } | null = null;
  const safely = loggingFailures((line) => log(`obs: ${line}`));
  const reconnect = reconnectLoop({
    clock: o.clock,
    minMs,
    maxMs,
    random: o.random,
    guard: safely,
    connect: () => {
      if (sink && !current) connect(sink);
    },
  });

  const report = (status: ConnectionState['status'], extra: Pick<ConnectionState, 'lastError' | 'detail'>) =>
    sink?.connection({ status, url, since: o.clock.now(), attempt: reconnect.attempt(), ...extra });

  function connect(to: SourceSink): void {
    const obs = new OBSWebSocket();
    const timers: Disposable[] = [];
    const meters = meterWindow();
    const stream = streamHealth();
    const muted = new Map<string, boolean>();
    const asked = new Set<string>();
    let identified = false;
    let online = false;
    const connectTimeout = o.clock.setTimer(
      CONNECT_TIMEOUT_MS,
      safely('connect timeout', () => down(noAnswer(url, CONNECT_TIMEOUT_MS))),
    );
    const end = () => {
      connectTimeout.dispose();
      for (const t of timers) t.dispose();
      obs.removeAllListeners();
      return obs.disconnect().catch(() => undefined);
    };
    const conn = { online: () => online, end };
    current = conn;
    const mine = () => current === conn;
    const watched = (name: string) => (o.inputs.length ? o.inputs.includes(name) : name.length <= LIMITS.inputNameMax);

    const down = (reason: string) => {
      if (!mine()) return;
      current = null;
      void end();
      const ms = reconnect.retry();
      report('offline', { lastError: reason });
      log(`obs: ${reason}; retrying in ${ms} ms`);
    };

    /** The input's mute state, or undefined when OBS has no such input. */
    const askMute = async (name: string): Promise<boolean | undefined> => {
      asked.add(name);
      try {
        const r = parseWith(inputMuteSchema, await obs.call('GetInputMute', { inputName: name }));
        if (!r.ok) throw new Error(r.reason);
        if (!muted.has(name)) muted.set(name, r.value.inputMuted);
        return r.value.inputMuted;
      } catch (err) {
        asked.delete(name); // asked again once it shows in the meters
        log(`obs: GetInputMute ${JSON.stringify(name)}: ${messageOf(err)}`);
        return undefined;
      }
    };

    const emit = () => {
      const levels = meters.take();
      const sample: HealthSample = { ts: o.clock.now(), ...stream.take() };
      const names = o.inputs.length ? o.inputs : [...levels.keys()].filter(watched).slice(0, LIMITS.inputsMax);
      const inputs = names.flatMap((name): InputLevel[] => {
        const level = levels.get(name);
        if (!level) return [];
        const m = muted.get(name);
        return [m === undefined ? { name, ...level } : { name, ...level, muted: m }];
      });
      if (inputs.length) sample.inputs = inputs;
      if (Object.keys(sample).length > 1) to.health(sample);
    };

    let polling = false;
    const poll = async () => {
      if (polling) return;
      polling = true;
      try {
        const token = stream.pollSent();
        const [status, stats] = await Promise.all([obs.call('GetStreamStatus'), obs.call('GetStats')]);
        if (!mine()) return;
        const s = parseWith(streamStatusSchema, status);
        if (!s.ok) return to.quarantined('obs.GetStreamStatus', s.reason, status);
        const t = parseWith(statsSchema, stats);
        if (!t.ok) return to.quarantined('obs.GetStats', t.reason, stats);
        stream.polled(token, s.value, t.value, o.clock.now());
      } catch (err) {
        log(`obs: poll failed: ${messageOf(err)}`);
      } finally {
        polling = false;
      }
    };

    const subscribe = () => {
      obs.on(
        'InputVolumeMeters',
        safely('InputVolumeMeters', (raw) => {
          const r = readMeters(raw);
          if (!r.ok) return to.quarantined('obs.InputVolumeMeters', r.reason, raw);
          const [why, ...more] = r.value.refused;
          if (why) {
            const others = more.length ? ` (and ${more.length} more)` : '';
            to.quarantined('obs.InputVolumeMeters', `${why}${others}; the other inputs were read`, raw);
          }
          meters.add(r.value.inputs);
          for (const { inputName } of r.value.inputs)
            if (watched(inputName) && !asked.has(inputName)) void askMute(inputName);
        }),
      );
      obs.on(
        'InputMuteStateChanged',
        safely('InputMuteStateChanged', (raw) => {
          const r = parseWith(inputMuteStateChangedSchema, raw);
          if (!r.ok) return to.quarantined('obs.InputMuteStateChanged', r.reason, raw);
          muted.set(r.value.inputName, r.value.inputMuted);
        }),
      );
      obs.on(
        'StreamStateChanged',
        safely('StreamStateChanged', (raw) => {
          const r = parseWith(streamStateChangedSchema, raw);
          if (!r.ok) return to.quarantined('obs.StreamStateChanged', r.reason, raw);
          // Straight away: "reconnecting" is the earliest warning of a dropped stream there is.
          if (stream.stateChanged(r.value.outputState) && online) emit();
        }),
      );
    };

    const welcome = async () => {
      const version = readAnswer(versionSchema, await obs.call('GetVersion'), 'GetVersion');
      const scenes = readAnswer(sceneListSchema, await obs.call('GetSceneList'), 'GetSceneList').scenes;
      const mutes = await Promise.all(o.inputs.map(askMute));
      if (!mine()) return;
      const missing = o.inputs.filter((_, i) => mutes[i] === undefined);
      online = true;
      reconnect.reset();
      connectTimeout.dispose();
      const detail = obsDetail(version, scenes.length);
      report('online', {
        detail: missing.length
          ? `${detail}; no input named ${missing.map((n) => JSON.stringify(n)).join(', ')}`
          : detail,
      });
      log(`obs: online at ${url}: ${detail}`);
      void poll();
      timers.push(
        every(o.clock, POLL_MS, () => void poll()),
        every(
          o.clock,
          SAMPLE_MS,
          safely('sample', () => {
            if (meters.events() > 0) emit();
          }),
        ),
      );
    };

    // Before identification, a close rejects connect() itself (with the better reason: the socket error).
    obs.on(
      'ConnectionClosed',
      safely('ConnectionClosed', (err) => {
        if (identified) down(online ? describeClose(err) : describeConnectError(err, url, !!o.password));
      }),
    );
    obs
      .connect(url, o.password, { eventSubscriptions: EventSubscription.All | EventSubscription.InputVolumeMeters })
      .then(() => {
        if (!mine()) return;
        identified = true;
        subscribe();
        return welcome();
      })
      .catch(safely('connect', (err: unknown) => down(describeConnectError(err, url, !!o.password))));
  }

  return {
    url,
    isConnected: () => current?.online() ?? false,

    start(to: SourceSink) {
      if (sink) throw new Error('source already started');
      sink = to;
      reconnect.reset();
      report('connecting', {});
      connect(to);
    },

    async stop() {
      const c = current;
      current = null;
      sink = null;
      reconnect.cancel();
      if (!c) return;
      let waited: Disposable | undefined;
      await Promise.race([
        c.end(),
        new Promise<void>((resolve) => (waited = o.clock.setTimer(CLOSE_WAIT_MS, resolve))),
      ]);
      waited?.dispose();
    },

    postToChat: NO_CHAT('OBS'),
  };
}
