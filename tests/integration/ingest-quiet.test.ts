/**
 * "Source went quiet" cannot be switched off from the source. One sample stamped ahead used to move the
 * last-sample time forward (no alarm after 12 s of silence), and any `source.ended` payload stopped the
 * incident ticks for the rest of the session: no quiet detection and no deadline checks. The whole of
 * Onair runs on a fake clock here, watching a real socket.io source on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeadlineAlarm } from '../../shared/contract';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { fakeClock, type FakeClock } from '../support/fake-clock';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';
import { healthAt, startTestSource, type TestSource } from './support-test-source';

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of running.splice(0).reverse()) await c();
});

interface Run {
  onair: Onair;
  source: TestSource;
  clock: FakeClock;
  alarms: DeadlineAlarm[];
  /** Sends one sample stamped `ts` and waits until ingest has taken it (stored or quarantined). */
  sample(ts: number): Promise<void>;
  /** Sends an event and waits until ingest has dealt with it (quarantined or not, by the stats). */
  send(event: string, payload: unknown, settled: () => boolean): Promise<void>;
  /** A second of healthy samples per second, for `n` seconds. */
  healthy(n: number): Promise<void>;
  quiet(): boolean;
}

async function start(): Promise<Run> {
  const clock = fakeClock();
  const source = await startTestSource({
    hello: { source: 'quiet', eventName: 'Launch', scenario: 'quiet', startedAt: clock.now(), speed: 1 },
  });
  running.push(() => source.close());
  const onair = await createOnair({
    dataDir: tempDir(),
    mode: 'web',
    version: 'test',
    clock,
    log: () => {},
    source: { kind: 'url', url: source.url },
  });
  running.push(() => onair.close());
  await poll(() => onair.ingest.session(), { what: 'the session from the hello' });
  const alarms: DeadlineAlarm[] = [];
  onair.hub.subscribe((name, payload) => {
    if (name === 'incident.deadlineMissed') alarms.push(payload as DeadlineAlarm);
  });
  const taken = () => {
    onair.ingest.flush();
    const s = onair.ingest.stats();
    return s.health + s.quarantined + (s.duplicates ?? 0);
  };
  const send = async (event: string, payload: unknown, settled: () => boolean) => {
    source.send(event, payload);
    await poll(() => settled(), { what: `${event} taken`, intervalMs: 5 });
  };
  const sample = async (ts: number) => {
    const before = taken();
    await send('health.sample', healthAt(ts), () => taken() > before);
  };
  return {
    onair,
    source,
    clock,
    alarms,
    sample,
    send,
    async healthy(n) {
      for (let i = 0; i < n; i++) {
        clock.advance(1000);
        await sample(clock.now());
      }
    },
    quiet: () => onair.incidents.list().some((i) => i.evidence.some((e) => e.detector === 'source-quiet')),
  };
}

/** Twelve seconds of silence, tick by tick. */
function silence(run: Run, seconds = 12) {
  for (let i = 0; i < seconds; i++) run.clock.advance(1000);
}

describe('source went quiet', () => {
  it('is raised after 12 s of silence even when the last sample was stamped 90 s ahead', async () => {
    const run = await start();
    await run.healthy(10);
    await run.sample(run.clock.now() + 90_000); // inside the window: stored, yet no reason to wait 90 s
    expect(run.onair.ingest.stats().quarantined).toBe(0);
    silence(run);
    expect(run.quiet()).toBe(true);
  });

  it('is raised after 12 s of silence when a sample stamped a day ahead came last (it is quarantined)', async () => {
    const run = await start();
    await run.healthy(10);
    await run.sample(run.clock.now() + 86_400_000);
    expect(run.onair.ingest.stats().quarantinedBy).toEqual({ 'out-of-window': 1 });
    silence(run);
    expect(run.quiet()).toBe(true);
  });

  it('is still raised after malformed source.ended payloads, each quarantined and counted', async () => {
    const run = await start();
    await run.healthy(10);
    const q = () => run.onair.ingest.stats().quarantined;
    for (const [i, bad] of [{ endedAt: 'soon' }, null, 'over', { endedAt: run.clock.now() + 86_400_000 }].entries())
      await run.send('source.ended', bad, () => q() === i + 1);
    expect(run.onair.ingest.stats().quarantinedBy).toEqual({ invalid: 3, 'out-of-window': 1 });
    expect(run.onair.ingest.session()!.endedAt).toBeUndefined();
    silence(run);
    expect(run.quiet()).toBe(true);
  });

  it('is not raised after a real end, yet the deadline of an open incident still fires', async () => {
    const run = await start();
    await run.healthy(10);
    const incident = run.onair.incidents.operator({
      type: 'open',
      kind: 'other',
      title: 'Slides stuck',
      operator: 'g',
    });
    const end = run.clock.now();
    await run.send('source.ended', { endedAt: end }, () => run.onair.ingest.session()?.endedAt === end);
    for (let i = 0; i < 125; i++) run.clock.advance(1000);
    expect(run.quiet()).toBe(false);
    expect(run.alarms).toEqual([
      { incidentId: incident.id, deadline: 'first-update', dueAt: incident.openedAt + 120_000 },
    ]);
  });

  it('resumes watching when the source sends data after saying it ended', async () => {
    const run = await start();
    await run.healthy(5);
    const end = run.clock.now();
    await run.send('source.ended', { endedAt: end }, () => run.onair.ingest.session()?.endedAt === end);
    await run.healthy(3); // not over after all
    silence(run);
    expect(run.quiet()).toBe(true);
  });
});
