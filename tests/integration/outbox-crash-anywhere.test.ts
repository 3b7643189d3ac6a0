/**
 * Crash anywhere: the whole flow of a live incident (support-outbox-flow.ts: the `audio-loss` scenario,
 * acknowledge, the acknowledgement and an update on every channel, to real local peers) runs in a child
 * process that is SIGKILLed
 * - at seeded random moments between the acknowledgement and the end of the flow (ONAIR_CRASH_POINTS,
 *   default 20; ONAIR_CRASH_SEED replays the same moments),
 * - right after an outbox state change of an uninterrupted run (the child kills itself there): one of each
 *   kind (channel and new status, the rounds taking turns) by default, every one with ONAIR_CRASH_ALL=1,
 * - the moment each request reaches its platform, before any answer (the window a resend duplicates).
 * After each kill the app restarts on the same files and the outbox is let finish. Then: every fact the
 * store had acknowledged (incident acknowledged, rounds, entry states) is still there; on channels whose
 * platform recognises our key every post was published exactly once; everywhere else at most once, and a
 * post that was not published for sure is in front of the operator, failed with the reason (interrupted
 * or outcome unknown; for e-mail, the batches in doubt with their recipients).
 *
 * Platforms publish a request the moment it arrives (the worst case: a lost answer does not undo the post).
 * The child is one esbuild bundle (tests/support/node-bundle.ts) when the esbuild that tsx runs on can be found,
 * else it runs through tsx.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_SPECS } from '../../shared/channels';
import { INTERRUPTED, type OutboxEntryView, OUTCOME_UNKNOWN } from '../../shared/domain/broadcast/outbox-entry';
import { messageIdFor } from '../../electron/main/services/channels/email';
import { loadScenarioFile, startSimulator } from '../../electron/main/services/simulator/server';
import { bundleForNode } from '../support/node-bundle';
import { poll } from '../support/poll';
import { HTTP_CHANNELS, startProviderPeer, type HttpChannel, type ProviderPeer } from '../support/provider-peers';
import { startSmtpPeer } from '../support/smtp-peer';
import { tempDir } from '../support/temp-dir';
import { mulberry32 } from '../../electron/main/services/simulator/scenario/scenario-random';
import {
  type Change,
  changeOf,
  FACTS_FILE,
  FLOW_ATTENDEES,
  FLOW_CHANNELS,
  parseFact,
  sameChange,
  startApp,
  type FlowConfig,
} from './support-outbox-flow';

const ROOT = resolve(import.meta.dirname, '../..');
const FLOW = join(ROOT, 'tests/integration/support-outbox-flow.ts');
/**
 * The kills after every state change and at every arrival cover the flow's windows exhaustively; the random
 * moments add the instants between them. 20 keep the suite's last minutes short on two cores; a thorough run
 * before a release takes ONAIR_CRASH_POINTS=200 ONAIR_CRASH_ALL=1.
 */
const RANDOM_POINTS = Number(process.env.ONAIR_CRASH_POINTS ?? 20);
/**
 * A kill after each state change of the uninterrupted run (66), instead of one per kind of change (33: the
 * same channel reaching the same status in the other round, which differs only in what round 1 left).
 */
const EVERY_CHANGE = process.env.ONAIR_CRASH_ALL === '1';
const SEED = Number(process.env.ONAIR_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Runs wait on sockets and timers far more than they compute: four at a time keep two cores busy. */
const PARALLEL = 2 * Math.min(2, availableParallelism());
const SPEED = 600; // the scenario's audio drops 60 s in: 0.1 s of real time

type Kill =
  | { kind: 'none' }
  | { kind: 'at-time'; afterAckMs: number }
  | { kind: 'at-change'; change: Counted }
  | { kind: 'at-arrival'; channel: HttpChannel | 'email'; n: number };

interface Outcome {
  kill: Kill;
  entries: number;
  sent: number;
  putToOperator: number;
  emailBatchesInDoubt: number;
  /** Posts on SMS and webhook that reached the platform twice (same key, published once). */
  keyedResends: number;
  /** From 'flow: started' to the acknowledgement, and to 'flow: done' (when the child got there). */
  ackMs?: number;
  flowMs?: number;
  arrivals: Record<string, number>;
  /** The outbox state changes the child committed, in order. */
  changes: Counted[];
}

/** A state change and how many times the same one happened up to it (from 1). */
type Counted = Change & { occurrence: number };

/** `node <bundle>` or, where no esbuild can be found, `node --import tsx <flow.ts>`. */
async function childCommand(): Promise<string[]> {
  const outfile = join(tempDir('onair-flow-bundle-'), 'flow.mjs');
  return (await bundleForNode(FLOW, outfile)) ? [outfile] : ['--import', 'tsx', FLOW];
}
let childCommandOnce: Promise<string[]> | undefined;

/**
 * The simulator plays from the moment it starts; at this speed the audio would be back before the child is
 * up. Its clock stands still (and holds its timers) until `go()`, when the child is ready to watch.
 */
function heldClock() {
  let goneAt: number | undefined;
  const frozen = Date.now();
  const held: (() => void)[] = [];
  return {
    now: () => (goneAt === undefined ? frozen : frozen + (Date.now() - goneAt)),
    setTimer(ms: number, fn: () => void) {
      let t: NodeJS.Timeout | undefined;
      let disposed = false;
      const arm = () => void (disposed || (t = setTimeout(fn, ms)));
      if (goneAt === undefined) held.push(arm);
      else arm();
      return { dispose: () => ((disposed = true), clearTimeout(t)) };
    },
    go() {
      if (goneAt !== undefined) return;
      goneAt = Date.now();
      held.splice(0).forEach((arm) => arm());
    },
  };
}

/** Letters and digits only: a post's text as each platform's body carries it (escaped, encoded, in JSON). */
const letters = (s: string) => s.replace(/[^A-Za-z0-9]/g, '');
/** Every string in a JSON or form body, joined: what the platform would show. */
const bodyText = (body: string): string => {
  const strings = (v: unknown): string[] =>
    typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];
  const unescape = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'); // Slack
  try {
    return letters(unescape(strings(JSON.parse(body)).join(' ')));
  } catch {
    return letters([...new URLSearchParams(body).values()].join(' '));
  }
};
const settledEntry = (e: OutboxEntryView) => e.status === 'sent' || e.status === 'failed' || e.status === 'skipped';

async function runOnce(kill: Kill): Promise<Outcome> {
  const stop: (() => unknown)[] = [];
  try {
    const clock = heldClock();
    const sim = await startSimulator({ scenario: loadScenarioFile('audio-loss'), speed: SPEED, loop: false, clock });
    stop.push(() => sim.close());
    let inChild = true;
    let killChild = () => undefined as unknown;
    const arrivals: Record<string, number> = {};
    const arrived = (channel: HttpChannel | 'email', n: number) => {
      if (!inChild) return 'answer' as const;
      arrivals[channel] = n + 1;
      if (kill.kind !== 'at-arrival' || kill.channel !== channel || kill.n !== n) return 'answer' as const;
      killChild();
      return 'hang' as const;
    };
    const providers = {} as Record<HttpChannel, ProviderPeer>;
    for (const c of HTTP_CHANNELS) {
      providers[c] = await startProviderPeer(c, (n) => arrived(c, n));
      stop.push(() => providers[c].peer.close());
    }
    const smtp = await startSmtpPeer({}, { reply: (_m, n) => (arrived('email', n) === 'hang' ? 'hang' : 'ok') });
    stop.push(() => smtp.close());

    const dataDir = tempDir('onair-anywhere-');
    const config: FlowConfig = {
      simUrl: sim.url,
      peers: Object.fromEntries(HTTP_CHANNELS.map((c) => [c, providers[c].peer.url])) as Record<HttpChannel, string>,
      smtpPort: smtp.port,
      killAtChange: kill.kind === 'at-change' ? kill.change : undefined,
    };
    const command = await (childCommandOnce ??= childCommand());
    const flow = spawn(process.execPath, [...command, dataDir, JSON.stringify(config)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    killChild = () => flow.kill('SIGKILL');
    stop.push(() => flow.exitCode === null && flow.signalCode === null && flow.kill('SIGKILL'));
    let out = '';
    let startedAt = 0;
    let flowMs: number | undefined;
    let ackMs: number | undefined;
    flow.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!startedAt && out.includes('flow: started')) {
        startedAt = performance.now();
        clock.go();
      }
      if (ackMs === undefined && out.includes('flow: acknowledged')) {
        ackMs = performance.now() - startedAt;
        if (kill.kind === 'at-time') setTimeout(killChild, kill.afterAckMs);
      }
      if (flowMs === undefined && out.includes('flow: done')) {
        flowMs = performance.now() - startedAt;
        killChild(); // the kill point fell after the end of the flow
      }
    });
    flow.stderr.on('data', (d: Buffer) => (out += d.toString()));
    await poll(() => flow.signalCode ?? flow.exitCode, {
      until: (v) => v !== null,
      timeoutMs: 30_000,
      intervalMs: 10,
      what: () => `the flow child to be killed (${JSON.stringify(kill)}):\n${out}`,
    });
    expect(flow.signalCode, out).toBe('SIGKILL');

    // Restart on the same files; the outbox finishes what it can, the operator's Retry-now skips backoffs.
    inChild = false;
    const app = await startApp(dataDir, sim.url);
    stop.push(() => app.close());
    const entries = await poll(
      async () => {
        const all = await app.outbox.list({ limit: 1000 });
        const chatUp = app.source.adapter()?.isConnected() ?? false;
        for (const e of all)
          if (e.status === 'queued' && e.attempts > 0 && (e.channel !== 'webinar-chat' || chatUp))
            await app.outbox.retryNow(e.id);
        return all;
      },
      { until: (all) => all.every(settledEntry), timeoutMs: 20_000, intervalMs: 10, what: 'every entry settled' },
    );
    return { ...check(app, entries, dataDir, { providers, smtp, sim }), kill, ackMs, flowMs, arrivals };
  } finally {
    for (const fn of stop.reverse()) await fn();
  }
}

function check(
  app: Awaited<ReturnType<typeof startApp>>,
  entries: OutboxEntryView[],
  dataDir: string,
  peers: {
    providers: Record<HttpChannel, ProviderPeer>;
    smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
    sim: Awaited<ReturnType<typeof startSimulator>>;
  },
) {
  const facts = (() => {
    try {
      return readFileSync(join(dataDir, FACTS_FILE), 'utf8').split('\n').filter(Boolean);
    } catch {
      return []; // killed before anything was committed
    }
  })();
  const byKey = new Map(entries.map((e) => [e.idempotencyKey, e]));
  // 1. Nothing the store acknowledged is lost.
  for (const f of facts.map(parseFact)) {
    if (f.kind === 'acknowledged') expect(app.incidents.view(f.incidentId as never).status).not.toBe('detected');
    if (f.kind === 'round')
      for (const c of FLOW_CHANNELS) expect(byKey.get(`${f.incidentId}:${f.round}:${c}`), c).toBeDefined();
    if (f.kind === 'state') {
      const e = byKey.get(f.key);
      expect(e, f.key).toBeDefined();
      if (f.status === 'sent') expect(e, f.key).toMatchObject({ status: 'sent', receiptDetail: expect.any(String) });
    }
  }
  // 2. Each post on each platform: exactly once where the key is recognised, at most once elsewhere.
  const page = (() => {
    try {
      return JSON.parse(readFileSync(join(dataDir, 'status-page', 'entries.json'), 'utf8')) as {
        idempotencyKey: string;
      }[];
    } catch {
      return [];
    }
  })();
  let emailBatchesInDoubt = 0;
  let keyedResends = 0;
  for (const e of entries) {
    const inDoubt = e.status === 'failed';
    if (inDoubt) expect(e.lastError, e.idempotencyKey).toMatch(new RegExp(`^(${INTERRUPTED}|${OUTCOME_UNKNOWN}): `));
    if (CHANNEL_SPECS[e.channel].dedupesByKey) expect(e, e.idempotencyKey).toMatchObject({ status: 'sent' });
    let published: number;
    if (e.channel === 'webinar-chat') published = peers.sim.posted.filter((p) => p.key === e.idempotencyKey).length;
    else if (e.channel === 'status-page') published = page.filter((p) => p.idempotencyKey === e.idempotencyKey).length;
    else if (e.channel === 'email') {
      for (const batch of [FLOW_ATTENDEES.slice(0, 2), FLOW_ATTENDEES.slice(2)]) {
        const named = batch.every((a) => e.lastError?.includes(a));
        if (named) emailBatchesInDoubt++;
        // One personal message per attendee (the app's e-mail goes to the audience list, extras included).
        for (const a of batch) {
          const id = messageIdFor(`${e.idempotencyKey}#${a}`, 'events@example.com');
          const copies = peers.smtp.inbox.filter((m) => m.raw.includes(`Message-ID: ${id}`)).length;
          expect(copies, `${e.idempotencyKey} to ${a}`).toBeLessThanOrEqual(1);
          if (!named) expect(copies, `${e.idempotencyKey} to ${a}`).toBe(1);
        }
      }
      continue;
    } else {
      const posts = peers.providers[e.channel as HttpChannel].posts();
      const text = letters(e.text);
      published = CHANNEL_SPECS[e.channel].dedupesByKey
        ? posts.filter((r) => r.headers['idempotency-key'] === e.idempotencyKey).length
        : posts.filter((r) => bodyText(r.body).includes(text)).length;
      const asked = peers.providers[e.channel as HttpChannel].peer.requests.filter(
        (r) => r.headers['idempotency-key'] === e.idempotencyKey,
      ).length;
      if (asked > 1) keyedResends++;
    }
    expect(published, e.idempotencyKey).toBeLessThanOrEqual(1);
    if (!inDoubt) expect(published, e.idempotencyKey).toBe(1);
  }
  const sent = entries.filter((e) => e.status === 'sent').length;
  const changes: Counted[] = [];
  for (const f of facts.map(parseFact))
    if (f.kind === 'state') {
      const change = changeOf(f.key, f.status);
      changes.push({ ...change, occurrence: changes.filter((c) => sameChange(c, change)).length + 1 });
    }
  return {
    entries: entries.length,
    sent,
    putToOperator: entries.length - sent,
    emailBatchesInDoubt,
    keyedResends,
    changes,
  };
}

/** Runs the kill points two at a time and returns their outcomes in order. */
async function runAll(kills: Kill[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < kills.length) {
      const i = next++;
      outcomes[i] = await runOnce(kills[i]);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return outcomes;
}

function report(title: string, outcomes: Outcome[], startedAt: number): void {
  const sum = (f: (o: Outcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
  console.log(
    `${title}: ${outcomes.length} kill points in ${Math.round((performance.now() - startedAt) / 1000)} s; ` +
      `${outcomes.filter((o) => o.entries === 0).length} before anything was queued, ` +
      `${outcomes.filter((o) => o.flowMs !== undefined).length} after the end of the flow; ` +
      `${sum((o) => o.sent)} posts sent exactly once, ${sum((o) => o.putToOperator)} put to the operator ` +
      `(${sum((o) => o.emailBatchesInDoubt)} e-mail batches in doubt), ${sum((o) => o.keyedResends)} re-sent ` +
      'with the same key and published once; no duplicates',
  );
}

/** One change per channel and new status; its round alternates from one kind to the next. */
function oneOfEachKind(changes: Counted[]): Counted[] {
  const kinds = new Map<string, Counted[]>();
  for (const c of changes) {
    const kind = `${c.channel} ${c.status}`;
    kinds.set(kind, [...(kinds.get(kind) ?? []), c]);
  }
  return [...kinds.values()].map((same, i) => same[i % same.length]);
}

let calibration: Outcome | undefined;
const calibrate = async () => (calibration ??= await runOnce({ kind: 'none' }));

describe(`crash anywhere (seed ${SEED}, replay with ONAIR_CRASH_SEED=${SEED})`, () => {
  it('an uninterrupted flow sends everything once, and gives the kill points', async () => {
    const command = await (childCommandOnce ??= childCommand());
    console.log(`crash-anywhere: seed ${SEED}; child via ${command.length === 1 ? 'an esbuild bundle' : 'tsx'}`);
    const run = await calibrate();
    expect(run.entries).toBe(2 * FLOW_CHANNELS.length);
    expect(run.sent).toBe(run.entries);
    expect(run.flowMs).toBeGreaterThan(0);
    console.log(
      `crash-anywhere: the flow takes ${Math.round(run.flowMs!)} ms (acknowledged at ${Math.round(run.ackMs!)} ms), ` +
        `${run.changes.length} outbox state changes, ${Object.values(run.arrivals).reduce((a, b) => a + b, 0)} requests`,
    );
  }, 60_000);

  it(`survives a SIGKILL at ${RANDOM_POINTS} seeded random moments`, async () => {
    const t0 = performance.now();
    // Counted from the acknowledgement (the outbox has nothing before it) to the end of an uninterrupted flow.
    const { ackMs, flowMs } = await calibrate();
    const rnd = mulberry32(SEED); // seeded, so a failing set of kill points can be replayed
    const kills: Kill[] = Array.from({ length: RANDOM_POINTS }, () => ({
      kind: 'at-time' as const,
      afterAckMs: Math.round(rnd() * (flowMs! - ackMs!)),
    }));
    report('random moments', await runAll(kills), t0);
  }, 600_000);

  it(`survives a SIGKILL right after ${EVERY_CHANGE ? 'every' : 'each kind of'} outbox state change`, async () => {
    const t0 = performance.now();
    const { changes } = await calibrate();
    const chosen = EVERY_CHANGE ? changes : oneOfEachKind(changes);
    expect(new Set(chosen.map((c) => c.round)).size).toBe(2);
    const kills: Kill[] = chosen.map((change) => ({ kind: 'at-change' as const, change }));
    report(`after ${EVERY_CHANGE ? 'every' : 'each kind of'} state change`, await runAll(kills), t0);
  }, 600_000);

  it('survives a SIGKILL the moment each request reaches its platform, before any answer', async () => {
    const t0 = performance.now();
    const { arrivals } = await calibrate();
    const kills: Kill[] = Object.entries(arrivals).flatMap(([channel, count]) =>
      Array.from({ length: count }, (_, n) => ({ kind: 'at-arrival' as const, channel: channel as HttpChannel, n })),
    );
    expect(kills.length).toBe(2 * (HTTP_CHANNELS.length + FLOW_ATTENDEES.length)); // two rounds; e-mail one per attendee
    report('at every arrival', await runAll(kills), t0);
  }, 600_000);
});
