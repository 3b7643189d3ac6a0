/**
 * Playbook deadlines on a fake clock: no public word within 2 minutes of detection raises the alarm;
 * a public update resets the silence; the cadence deadline follows it. No sleeps.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { audioSample } from '../../shared/domain/detect/test-support';
import type { DeadlineAlarm, IncidentView, Transport } from '../../shared/contract';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { fakeClock, type FakeClock } from '../support/fake-clock';
import { refusedUrl } from '../support/http-peer';
import { inMemoryTransport } from '../support/in-memory-transport';
import { tempDir } from '../support/temp-dir';

interface Run {
  onair: Onair;
  clock: FakeClock;
  t: Transport;
  alarms: DeadlineAlarm[];
  /** Advance the fake clock second by second, with the source sending a health sample each second. */
  play(seconds: number, silent: boolean): void;
}

const running: Onair[] = [];
afterEach(async () => {
  for (const o of running.splice(0)) await o.close();
});

/** A fresh Onair on its own fake clock, for one test. */
async function start(): Promise<Run> {
  const clock = fakeClock();
  // A source that never answers: this test feeds ingest itself, on the fake clock.
  const onair = await createOnair({
    dataDir: tempDir(),
    mode: 'web',
    version: 'test',
    clock,
    log: () => {},
    source: { kind: 'url', url: await refusedUrl() },
  });
  running.push(onair);
  const t = inMemoryTransport(onair.dispatcher, onair.hub);
  const alarms: DeadlineAlarm[] = [];
  t.on('incident.deadlineMissed', (a) => alarms.push(a));
  onair.ingest.hello({ source: 'test', eventName: 'Launch', scenario: 'deadlines', startedAt: clock.now(), speed: 1 });
  const play = (seconds: number, silent: boolean) => {
    for (let i = 0; i < seconds; i++) {
      clock.advance(1000);
      onair.ingest.health(audioSample(clock.now(), silent));
    }
  };
  return { onair, clock, t, alarms, play };
}

/** Sound, then the audio dies: detected after the hold time. */
async function audioIncident(run: Run): Promise<IncidentView> {
  run.play(10, false);
  run.play(5, true);
  const [incident] = await run.t.invoke('incident.list', {});
  expect(incident.kind).toBe('audio');
  return incident;
}

describe('first-update deadline and cadence', () => {
  it('raises the alarm when two minutes pass without a public update, not before', async () => {
    const run = await start();
    const { clock, alarms, play } = run;
    const incident = await audioIncident(run);
    const openedAt = incident.openedAt;

    play(Math.floor((openedAt + 119_000 - clock.now()) / 1000), true);
    expect(alarms).toEqual([]);
    play(2, true);
    expect(alarms).toEqual([{ incidentId: incident.id, deadline: 'first-update', dueAt: openedAt + 120_000 }]);
  });

  it('a public update silences the alarm and starts the cadence', async () => {
    const run = await start();
    const { clock, t, alarms, play } = run;
    const incident = await audioIncident(run);
    play(Math.ceil((incident.openedAt + 120_000 - clock.now()) / 1000) + 1, true);
    expect(alarms.map((a) => a.deadline)).toEqual(['first-update']);
    const round = await t.invoke('broadcast.send', {
      incidentId: incident.id,
      phase: 'acknowledge',
      lang: 'en',
      operator: 'giulia',
      draft: {
        subject: 'Audio problem',
        body: 'We know the audio is down and are fixing it now. Next update in 5 minutes.',
      },
      channels: ['status-page'],
      skipped: [{ channel: 'webinar-chat', reason: 'no webinar source in this test' }],
    });
    expect(round.at).toBe(clock.now());
    const after = (await t.invoke('incident.list', {}))[0];
    expect(after.firstUpdateAt).toBe(clock.now());

    const sentAt = clock.now();
    play(299, true);
    expect(alarms).toHaveLength(1);
    play(2, true);
    expect(alarms).toHaveLength(2);
    expect(alarms[1]).toEqual({ incidentId: incident.id, deadline: 'cadence', dueAt: sentAt + 300_000 });
  });

  it('refuses a round that leaves an enabled channel uncovered', async () => {
    const run = await start();
    const incident = await audioIncident(run);
    const { t } = run;
    const err = await t
      .invoke('broadcast.send', {
        incidentId: incident.id,
        phase: 'update',
        lang: 'en',
        operator: 'g',
        draft: { body: 'Still on it, next update in 5 minutes.' },
        channels: ['status-page'],
        skipped: [],
      })
      .catch((e: Error) => e);
    expect((err as Error).message).toMatch(/missing: webinar-chat/);
  });
});
