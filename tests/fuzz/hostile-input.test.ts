/**
 * Fuzz: 100,000 generated inputs (FUZZ_RUNS raises or lowers it; FUZZ_SEED picks another sequence) thrown
 * at a real Onair (createOnair on a temp dir, real SQLite, a fake clock):
 * - source payloads (70 %), every event of the source protocol and others, into the adapter's event
 *   handlers and the real ingest, detectors and incident engine behind them;
 * - contract commands (20 %) with generated arguments, through the real dispatcher;
 * - raw socket.io frames (10 %) from a real socket.io server on 127.0.0.1 to the real source adapter.
 * Nothing may throw, every item is either taken or refused with its reason and counted (and each refusal
 * stored), and valid traffic still flows afterwards. Commands that would reach beyond this machine are
 * defused first: their arguments are swapped for a refused 127.0.0.1 URL, an unknown scenario or session,
 * or a disabled channel.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../shared/contract';
import { commandArgSchemas } from '../../shared/contract-schemas';
import { LIMITS } from '../../shared/schemas';
import { QUARANTINE_KINDS, type ChatMessage, type HealthSample, type QuarantineKind } from '../../shared/types';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import type { SourceSink } from '../../electron/main/services/ingest/source-adapter';
import { sourceEvents } from '../../electron/main/services/ingest/source-events';
import { fakeClock, type FakeClock } from '../support/fake-clock';
import { refusedUrl } from '../support/http-peer';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';
import { healthAt, startTestSource, type TestSource } from '../integration/support-test-source';
import { commandCalls, socketIoFrames, SOURCE_EVENTS, sourcePayloads } from './arbitraries';

const TOTAL = Math.max(1000, Number(process.env.FUZZ_RUNS ?? 100_000));
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
const RUNS = { payloads: Math.round(TOTAL * 0.7), commands: Math.round(TOTAL * 0.2) };
const FRAMES = TOTAL - RUNS.payloads - RUNS.commands;
/** Generous for CI, and it grows with FUZZ_RUNS. */
const TIMEOUT = 60_000 + TOTAL;

const figures: { part: string; inputs: number; ms: number; outcomes: Record<string, number> }[] = [];
afterAll(() => {
  const lines = figures.map(
    (f) =>
      `  ${f.part}: ${f.inputs} inputs in ${f.ms} ms; ${Object.entries(f.outcomes)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
  );
  console.log(`fuzz (seed ${SEED}):\n${lines.join('\n')}`);
});

const running: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of running.splice(0).reverse()) await c();
});

async function start(sourceUrl?: string): Promise<{ onair: Onair; clock: FakeClock; internal: string[] }> {
  const clock = fakeClock();
  const internal: string[] = [];
  const onair = await createOnair({
    dataDir: tempDir('onair-fuzz-'),
    mode: 'web',
    version: 'fuzz',
    clock,
    log: (line) => void (line.startsWith('command failed') && internal.push(line)),
    source: { kind: 'url', url: sourceUrl ?? (await refusedUrl()) },
  });
  running.push(() => onair.close());
  return { onair, clock, internal };
}

/** What the store holds must be what was counted, kind by kind, and nothing may have failed inside. */
function checkCounts(onair: Onair) {
  onair.ingest.flush();
  const s = onair.ingest.stats();
  const byKind = s.quarantinedBy ?? {};
  expect(Object.keys(byKind).every((k) => QUARANTINE_KINDS.includes(k as QuarantineKind))).toBe(true);
  expect(Object.values(byKind).reduce((a, b) => a + (b ?? 0), 0)).toBe(s.quarantined);
  expect(onair.db.prepare('SELECT COUNT(*) AS n FROM quarantine').get()).toEqual({ n: s.quarantined });
  expect(byKind.failed).toBeUndefined();
  return s;
}

/** Valid traffic after the storm: a fresh hello, a message and a sample reach the UI and the store. */
async function stillFlows(onair: Onair, clock: FakeClock, send: (event: string, payload: unknown) => void) {
  const chat: ChatMessage[] = [];
  const health: HealthSample[] = [];
  const off = onair.hub.subscribe((name, payload) => {
    if (name === 'chat.received') chat.push(...(payload as ChatMessage[]));
    if (name === 'health.received') health.push(...(payload as HealthSample[]));
  });
  const t = clock.now();
  send('source.hello', { source: 'after', eventName: 'After the storm', scenario: 'after', startedAt: t, speed: 1 });
  send('chat.message', { id: 'after-1', author: 'giulia', text: 'still here', ts: t });
  send('health.sample', healthAt(t));
  await poll(
    () => {
      onair.ingest.flush();
      return chat.some((m) => m.id === 'after-1') && health.some((h) => h.ts === t);
    },
    { what: 'valid traffic after the fuzzing', intervalMs: 5 },
  );
  off();
  expect(onair.ingest.session()?.id).toBe(`after/after/${t}`);
}

/** How many items a source event carries: one, or each of a batch's messages (up to the batch limit). */
const itemsOf = (event: unknown, payload: unknown) =>
  event === 'chat.batch' && Array.isArray(payload) && payload.length <= LIMITS.batchMax ? payload.length : 1;

describe('fuzz', () => {
  it(
    `source payloads: ${RUNS.payloads} into the adapter's handlers and the real ingest`,
    async () => {
      const { onair, clock } = await start();
      const t0 = clock.now();
      // Count at the adapter's edge: each item is delivered to ingest, or refused with a kind.
      const tally = { delivered: 0, refused: 0 };
      const counting: SourceSink = {
        hello: (h) => (tally.delivered++, onair.ingest.hello(h)),
        chat: (m) => ((tally.delivered += m.length), onair.ingest.chat(m)),
        health: (h) => (tally.delivered++, onair.ingest.health(h)),
        ended: (at) => (tally.delivered++, onair.ingest.ended(at)),
        connection: (c) => onair.ingest.connection(c),
        quarantined: (...a) => (tally.refused++, onair.ingest.quarantined(...a)),
        ownPost: (id) => onair.ingest.ownPost(id),
      };
      const events = sourceEvents(counting);
      events.receive('source.hello', [{ source: 'fuzz', eventName: 'Fuzz', startedAt: t0, speed: 1 }]);
      const began = performance.now();
      let n = 0;
      fc.assert(
        fc.property(sourcePayloads(t0), ({ event, args }) => {
          const before = tally.delivered + tally.refused;
          events.receive(event, args);
          if (++n % 200 === 0) clock.advance(100); // flush, tick the detectors
          return tally.delivered + tally.refused - before === itemsOf(event, args[0]);
        }),
        { numRuns: RUNS.payloads, seed: SEED, endOnFailure: true },
      );
      const s = checkCounts(onair);
      figures.push({
        part: 'source payloads',
        inputs: RUNS.payloads,
        ms: Math.round(performance.now() - began),
        outcomes: { delivered: tally.delivered, duplicate: s.duplicates ?? 0, ...s.quarantinedBy },
      });
      expect(s.quarantined).toBeGreaterThan(0);
      await stillFlows(onair, clock, (event, payload) => events.receive(event, [payload]));
    },
    TIMEOUT,
  );

  it(
    `contract commands: ${RUNS.commands} through the real dispatcher`,
    async () => {
      const { onair, clock, internal } = await start();
      const refused = await refusedUrl();
      const events = sourceEvents(onair.ingest);
      events.receive('source.hello', [{ source: 'fuzz', eventName: 'Fuzz', startedAt: clock.now(), speed: 1 }]);
      const opened = await Promise.all(
        ['audio', 'other'].map((kind) =>
          onair.dispatcher.dispatch('incident.open', { kind, title: `Fuzz ${kind}`, operator: 'fuzz' }),
        ),
      );
      const playbooks = await onair.dispatcher.dispatch('playbook.list', {});
      const pool = {
        incidentIds: opened.map((r) => (r.ok ? (r.value as { id: string }).id : 'none')),
        sessionIds: [onair.ingest.session()!.id],
        refusedUrl: refused,
        playbook: playbooks.ok ? (playbooks.value as unknown[])[0] : {},
      };
      /** Arguments that pass their schema but would leave this machine (or restart sources) are swapped. */
      const defuse = (name: unknown, args: unknown): unknown => {
        const schema =
          typeof name === 'string' && Object.hasOwn(commandArgSchemas, name)
            ? commandArgSchemas[name as keyof typeof commandArgSchemas]
            : null;
        if (!schema?.safeParse(args).success) return args;
        const a = args as Record<string, unknown>;
        if (name === 'source.connect') return { url: refused };
        if (name === 'simulator.play') return { ...a, scenario: 'no-such-scenario' };
        if (name === 'review.replay') return { ...a, sessionId: 'no-such-session' };
        if (name === 'channel.test') return { channel: 'status-page' };
        if (name === 'channel.configure' && a.channel !== 'webinar-chat' && a.channel !== 'status-page')
          return { ...a, enabled: false };
        return args;
      };
      const outcomes: Record<string, number> = {};
      const began = performance.now();
      await fc.assert(
        fc.asyncProperty(commandCalls(pool), async ({ name, args }) => {
          const reply: Reply<unknown> = await onair.dispatcher.dispatch(name, defuse(name, args));
          const key = reply.ok ? 'ok' : reply.error.code;
          outcomes[key] = (outcomes[key] ?? 0) + 1;
          return reply.ok || (typeof reply.error.message === 'string' && reply.error.message.length > 0);
        }),
        { numRuns: RUNS.commands, seed: SEED, endOnFailure: true },
      );
      figures.push({
        part: 'contract commands',
        inputs: RUNS.commands,
        ms: Math.round(performance.now() - began),
        outcomes,
      });
      expect(internal).toEqual([]); // a handler that threw something it did not mean to
      expect(outcomes['bad-args']).toBeGreaterThan(0);
      expect(outcomes.ok).toBeGreaterThan(0);
      checkCounts(onair);
      await stillFlows(onair, clock, (event, payload) => events.receive(event, [payload]));
    },
    TIMEOUT,
  );

  it(
    `raw socket.io frames: ${FRAMES} from a real server to the real source adapter`,
    async () => {
      const t0 = fakeClock().now();
      const source: TestSource = await startTestSource({
        hello: { source: 'raw', eventName: 'Raw frames', scenario: 'raw', startedAt: t0, speed: 1 },
      });
      running.push(() => source.close());
      const { onair, clock } = await start(source.url);
      const markers = new Set<string>();
      onair.hub.subscribe((name, payload) => {
        if (name === 'chat.received') for (const m of payload as ChatMessage[]) markers.add(m.id);
      });
      // Some frames make the source's side drop us (a bare "1" is a disconnect): wait for the way back in,
      // moving the adapter's retry timer on when socket.io-client is not retrying by itself.
      const connected = async () => {
        for (let i = 0; i < 200; i++) {
          const up = await poll(() => onair.source.adapter()!.isConnected(), { timeoutMs: 50, intervalMs: 2 }).catch(
            () => false,
          );
          if (up) return;
          drops.retries++;
          clock.advance(11_000);
        }
        throw new Error('the source adapter did not reconnect');
      };
      const drops = { retries: 0, markersLost: 0 };
      /**
       * A valid message after the frames, round trip. A frame may have had us dropped just then (and the
       * message with it): it goes again until it is through, its copies counted as duplicates.
       */
      let k = 0;
      const marker = async () => {
        const id = `marker-${k++}`;
        for (;;) {
          await connected();
          source.send('chat.message', { id, author: 'fuzz', text: 'marker', ts: clock.now() });
          const seen = await poll(
            () => {
              onair.ingest.flush();
              return markers.has(id);
            },
            { timeoutMs: 100, intervalMs: 2 },
          ).catch(() => false);
          if (seen) return;
          drops.markersLost++;
        }
      };
      const frames = fc.sample(socketIoFrames, { numRuns: FRAMES, seed: SEED });
      const began = performance.now();
      for (let i = 0; i < frames.length; i += 100) {
        await connected();
        for (const f of frames.slice(i, i + 100)) source.frame(f);
        if (i % 2500 === 0) source.engineFrame('below socket.io: not an engine.io packet'); // drops the connection
        await marker();
      }
      const s = checkCounts(onair);
      figures.push({
        part: 'raw frames',
        inputs: FRAMES,
        ms: Math.round(performance.now() - began),
        outcomes: {
          ...s.quarantinedBy,
          duplicate: s.duplicates ?? 0,
          'markers stored': s.chat,
          'reconnects waited for': drops.retries,
          'markers lost to a drop': drops.markersLost,
        },
      });
      expect(s.quarantinedBy?.['malformed-frame']).toBeGreaterThan(FRAMES / 10);
      await stillFlows(onair, clock, (event, payload) => source.send(event, payload));
    },
    TIMEOUT,
  );
});

// The harness itself: every event of the protocol is generated.
it('generates every source event', () => {
  const seen = new Set(fc.sample(sourcePayloads(0), { numRuns: 2000, seed: SEED }).map((p) => p.event));
  expect(SOURCE_EVENTS.every((e) => seen.has(e))).toBe(true);
});
