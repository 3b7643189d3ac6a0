/**
 * An open incident stays open until someone closes it, across the things that start a new session: Onair
 * restarting on the same data folder (two createOnair on one SQLite file, a fake clock), and the simulator
 * looping (a real socket.io source, the real clock). Driven through the contract, as the console does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { audioSample } from '../../shared/domain/detect/test-support';
import type { DeadlineAlarm, IncidentView, Transport } from '../../shared/contract';
import type { IncidentId } from '../../shared/types';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { loadScenarioFile, startSimulator } from '../../electron/main/services/simulator/server';
import { fakeClock, type FakeClock } from '../support/fake-clock';
import { refusedUrl } from '../support/http-peer';
import { inMemoryTransport } from '../support/in-memory-transport';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

interface Run {
  onair: Onair;
  t: Transport;
  alarms: DeadlineAlarm[];
  hello(scenario: string): void;
  play(seconds: number, silent: boolean): void;
  /** Onair stops (once); the data folder stays. */
  stop(): Promise<void>;
}

/** Onair on `dataDir` with a source that never answers: the test feeds ingest itself, on the fake clock. */
async function start(dataDir: string, clock: FakeClock): Promise<Run> {
  const onair = await createOnair({
    dataDir,
    mode: 'web',
    version: 'test',
    clock,
    log: () => {},
    source: { kind: 'url', url: await refusedUrl() },
  });
  let open = true;
  const stop = async () => {
    if (open) await onair.close();
    open = false;
  };
  closers.push(stop);
  const t = inMemoryTransport(onair.dispatcher, onair.hub);
  const alarms: DeadlineAlarm[] = [];
  t.on('incident.deadlineMissed', (a) => alarms.push(a));
  return {
    onair,
    stop,
    t,
    alarms,
    hello: (scenario) =>
      onair.ingest.hello({ source: 'test', eventName: 'Launch', scenario, startedAt: clock.now(), speed: 1 }),
    play(seconds, silent) {
      for (let i = 0; i < seconds; i++) {
        clock.advance(1000);
        onair.ingest.health(audioSample(clock.now(), silent));
      }
    },
  };
}

const update = (incidentId: IncidentId, phase: 'acknowledge' | 'resolved', operator: string) => ({
  incidentId,
  phase,
  lang: 'en' as const,
  operator,
  draft: {
    subject: 'Audio problem',
    body:
      phase === 'resolved'
        ? 'The audio is back. Thank you for staying with us.'
        : 'We know the audio is down and are fixing it now. Next update in 5 minutes.',
  },
  channels: ['status-page' as const],
  skipped: [{ channel: 'webinar-chat' as const, reason: 'no webinar source in this test' }],
});

describe('an open incident across a restart of Onair', () => {
  it('is listed at once, carried into the next session with the question, and its cadence keeps counting', async () => {
    const dataDir = tempDir();
    const clock = fakeClock();
    const first = await start(dataDir, clock);
    first.hello('before');
    first.play(10, false);
    first.play(6, true);
    const [audio] = await first.t.invoke('incident.list', {});
    expect(audio).toMatchObject({ kind: 'audio', status: 'detected' });
    const firstSession = first.onair.ingest.session()!.id;

    // Posting the first update acknowledges it, in the name of who sent it.
    await first.t.invoke('broadcast.send', update(audio.id, 'acknowledge', 'giulia'));
    const acked = (await first.t.invoke('incident.list', {}))[0];
    expect(acked).toMatchObject({ status: 'acknowledged', rounds: 1, firstUpdateAt: clock.now() });
    expect(acked.transitions.at(-1)).toMatchObject({ from: 'detected', to: 'acknowledged', operator: 'giulia' });
    const sentAt = clock.now();
    first.play(30, true);
    await first.stop();

    clock.advance(60_000); // Onair is down for a minute
    const second = await start(dataDir, clock);
    // Before any source speaks, the console already lists what nobody closed.
    expect((await second.t.invoke('incident.list', {})).map((i) => [i.id, i.status])).toEqual([
      [audio.id, 'acknowledged'],
    ]);
    const changed: IncidentView[] = [];
    second.t.on('incident.changed', (i) => changed.push(i));
    second.hello('after');
    const [carried] = await second.t.invoke('incident.list', {});
    expect(carried).toMatchObject({ id: audio.id, status: 'acknowledged', rounds: 1, firstUpdateAt: sentAt });
    expect(carried.carriedOver).toMatchObject({
      why: 'restart',
      from: { sessionId: firstSession, scenario: 'before' },
    });
    expect(changed.map((i) => i.id)).toContain(audio.id);

    // Still silent: the new engine's findings join it, no duplicate.
    second.play(10, true);
    expect((await second.t.invoke('incident.list', {})).filter((i) => i.kind === 'audio')).toHaveLength(1);
    // The cadence runs from the update sent before the restart.
    second.play(Math.floor((sentAt + 299_000 - clock.now()) / 1000), true);
    expect(second.alarms).toEqual([]);
    second.play(2, true);
    expect(second.alarms).toEqual([{ incidentId: audio.id, deadline: 'cadence', dueAt: sentAt + 300_000 }]);

    const kept = await second.t.invoke('incident.keepOpen', { incidentId: audio.id, operator: 'marco' });
    expect(kept.carriedOver?.keptOpen).toEqual({ operator: 'marco', at: clock.now() });
    await expect(
      second.t.invoke('incident.transition', { incidentId: audio.id, action: 'false-alarm', operator: 'marco' }),
    ).rejects.toMatchObject({ error: { code: 'bad-args' } });

    // The resolved message stops the countdown before anyone closes the incident.
    second.play(5, false);
    await second.t.invoke('broadcast.send', update(audio.id, 'resolved', 'marco'));
    expect((await second.t.invoke('incident.list', {}))[0]).toMatchObject({
      lastPhase: 'resolved',
      status: 'acknowledged',
    });
    second.play(400, false);
    expect(second.alarms).toHaveLength(1);
    const resolved = await second.t.invoke('incident.transition', {
      incidentId: audio.id,
      action: 'resolve',
      operator: 'marco',
    });
    expect(resolved.status).toBe('resolved');
    await second.stop();

    // Closed now: the next start has nothing to carry.
    const third = await start(dataDir, clock);
    third.hello('later');
    expect(await third.t.invoke('incident.list', {})).toEqual([]);
  });
});

describe('an open incident across a loop of the simulator', () => {
  it('is carried into the new run, and the run losing its audio again adds to it', async () => {
    const base = loadScenarioFile('audio-loss');
    // Ten minutes squeezed into one: the audio dies from 5 s to 40 s of each 60 s run.
    const scenario = {
      ...base,
      durationSec: 60,
      segments: [{ ...base.segments[0], fromSec: 5, toSec: 40 }],
      chat: base.chat.filter((m) => m.atSec < 60),
    };
    const sim = await startSimulator({ scenario, speed: 20, loop: true });
    closers.push(() => sim.close());
    const onair = await createOnair({
      dataDir: tempDir(),
      mode: 'web',
      version: 'test',
      log: () => {},
      source: { kind: 'url', url: sim.url },
    });
    closers.push(() => onair.close());
    const audioOf = () => onair.incidents.list().filter((i) => i.kind === 'audio');
    await poll(() => audioOf().length === 1, { what: 'an audio incident in the first run', timeoutMs: 20_000 });
    const [audio] = audioOf();
    const firstSession = onair.ingest.session()!.id;

    await poll(() => onair.ingest.session()?.id !== firstSession, { what: 'the second run', timeoutMs: 20_000 });
    const [carried] = audioOf();
    expect(carried).toMatchObject({ id: audio.id, sessionId: onair.ingest.session()!.id });
    expect(carried.carriedOver).toMatchObject({ why: 'new-session', from: { sessionId: firstSession } });
    const evidence = carried.evidence.length;
    await poll(() => audioOf()[0].evidence.length > evidence, {
      what: 'the second run’s audio loss on the carried incident',
      timeoutMs: 20_000,
    });
    expect(audioOf().map((i) => i.id)).toEqual([audio.id]);
  });
});
