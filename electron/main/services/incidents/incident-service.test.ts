/**
 * The incident service across sessions, on real SQLite and a fake clock: an open incident is carried into the next
 * session of the same mode (and asked about), survives a new service on the same file (a restart), keeps its
 * deadlines on the times it opened at, and never crosses between a rehearsal and a live event.
 */
import { join } from 'node:path';
import { audioSample } from '../../../../shared/domain/detect/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeadlineAlarm, IncidentView } from '../../../../shared/contract';
import { DEFAULT_PLAYBOOKS } from '../../../../shared/domain/broadcast/playbook';
import type { IncidentId } from '../../../../shared/types';
import { fakeClock, type FakeClock } from '../../../../tests/support/fake-clock';
import { tempDir } from '../../../../tests/support/temp-dir';
import { incidentsRepo } from '../db/incidents-repo';
import { liveEventsRepo } from '../db/live-events-repo';
import { openDatabase, type Db } from '../db/open';
import { roundsRepo } from '../db/rounds-repo';
import { sessionsRepo } from '../db/sessions-repo';
import { createEventHub } from '../event-hub';
import { createIngest, type Ingest } from '../ingest/ingest';
import { createIncidentService, type IncidentService } from './incident-service';

interface Console {
  ingest: Ingest;
  incidents: IncidentService;
  alarms: DeadlineAlarm[];
  changed: IncidentView[];
  /** The next session says hello (a loop, another source): a rehearsal or a live event. */
  hello(scenario: string, rehearsal?: boolean): void;
  play(seconds: number, silent: boolean): void;
  /** Onair stops; the database stays. */
  stop(): void;
}

const disposers: (() => void)[] = [];
afterEach(() => {
  for (const d of disposers.splice(0).reverse()) d();
});

/** Ingest and the incident service on one database file: what createOnair wires, minus the rest. */
function startConsole(db: Db, clock: FakeClock): Console {
  const hub = createEventHub();
  let rehearsal = false;
  const sessions = sessionsRepo(db);
  const ingest = createIngest({
    sessions,
    live: liveEventsRepo(db),
    hub,
    clock,
    sourceUrl: () => 'http://127.0.0.1:1',
    rehearsal: () => rehearsal,
  });
  const incidents = createIncidentService({
    ingest,
    incidents: incidentsRepo(db),
    rounds: roundsRepo(db),
    sessions,
    hub,
    clock,
    playbookFor: (kind) => DEFAULT_PLAYBOOKS[kind],
  });
  const stop = () => {
    incidents.dispose();
    ingest.dispose();
  };
  disposers.push(stop);
  const alarms: DeadlineAlarm[] = [];
  const changed: IncidentView[] = [];
  hub.subscribe((name, payload) => {
    if (name === 'incident.deadlineMissed') alarms.push(payload as DeadlineAlarm);
    if (name === 'incident.changed') changed.push(payload as IncidentView);
  });
  return {
    ingest,
    incidents,
    alarms,
    changed,
    hello(scenario, r = false) {
      rehearsal = r;
      ingest.hello({ source: 'test', eventName: 'Launch', scenario, startedAt: clock.now(), speed: 1 });
    },
    play(seconds, silent) {
      for (let i = 0; i < seconds; i++) {
        clock.advance(1000);
        ingest.health(audioSample(clock.now(), silent));
      }
    },
    stop,
  };
}

/** A console whose first session lost its audio: one open audio incident. */
function withOpenAudioIncident() {
  const clock = fakeClock();
  const db = openDatabase({ file: join(tempDir(), 'onair.sqlite'), now: clock.now });
  disposers.push(() => db.close());
  const c = startConsole(db, clock);
  c.hello('run-1');
  c.play(10, false);
  c.play(6, true);
  const [audio] = c.incidents.list();
  expect(audio).toMatchObject({ kind: 'audio', status: 'detected' });
  return { clock, db, c, audio, firstSession: c.incidents.sessionId() };
}

describe('open incidents across sessions', () => {
  it('a new session carries the open incident over, asks about it, and a new finding joins it', () => {
    const { c, audio, firstSession } = withOpenAudioIncident();
    c.play(20, false); // the audio came back; nobody closed the incident
    c.hello('run-2');
    const [carried] = c.incidents.list();
    expect(carried).toMatchObject({ id: audio.id, status: 'detected', sessionId: c.incidents.sessionId() });
    expect(carried.carriedOver).toMatchObject({
      from: { sessionId: firstSession, eventName: 'Launch', scenario: 'run-1' },
      intoSessionId: c.incidents.sessionId(),
      why: 'new-session',
    });
    expect(carried.carriedOver?.keptOpen).toBeUndefined();
    expect(c.changed.at(-1)?.carriedOver).toBeDefined(); // the consoles hear about it at once

    c.play(10, false);
    c.play(6, true); // the audio dies again in the new run
    const audioNow = c.incidents.list().filter((i) => i.kind === 'audio');
    expect(audioNow.map((i) => i.id)).toEqual([audio.id]);
    expect(audioNow[0].evidence.length).toBeGreaterThan(audio.evidence.length);
    // The past session's own list still files it where it opened.
    expect(c.incidents.list(firstSession!).map((i) => i.id)).toEqual([audio.id]);
  });

  it('"Keep open" stops the question; the next session asks again', () => {
    const { c, audio } = withOpenAudioIncident();
    c.hello('run-2');
    const kept = c.incidents.operator({ type: 'keep-open', incidentId: audio.id as IncidentId, operator: 'giulia' });
    expect(kept.carriedOver?.keptOpen).toMatchObject({ operator: 'giulia' });
    c.hello('run-3');
    const [again] = c.incidents.list();
    expect(again.carriedOver).toMatchObject({ why: 'new-session', from: { scenario: 'run-2' } });
    expect(again.carriedOver?.keptOpen).toBeUndefined();
  });

  it('a resolved incident is not carried; a rehearsal never takes a live incident, and live gets it back after', () => {
    const { c, audio } = withOpenAudioIncident();
    c.hello('rehearsal', true);
    expect(c.incidents.list()).toEqual([]);
    c.hello('live-again');
    expect(c.incidents.list().map((i) => [i.id, i.carriedOver?.from.scenario])).toEqual([[audio.id, 'run-1']]);
    c.incidents.operator({ type: 'resolve', incidentId: audio.id as IncidentId, operator: 'giulia' });
    c.hello('live-later');
    expect(c.incidents.list()).toEqual([]);
  });

  it('its deadlines keep counting from when it opened, across the new session', () => {
    const { c, clock, audio } = withOpenAudioIncident();
    c.play(60, false);
    c.hello('run-2');
    c.play(Math.floor((audio.openedAt + 119_000 - clock.now()) / 1000), false);
    expect(c.alarms).toEqual([]);
    c.play(2, false);
    expect(c.alarms).toEqual([{ incidentId: audio.id, deadline: 'first-update', dueAt: audio.openedAt + 120_000 }]);
  });

  it('after a restart the open incidents are listed before any source speaks, then carried and asked about', () => {
    const { db, clock, c, audio, firstSession } = withOpenAudioIncident();
    c.stop();
    const second = startConsole(db, clock);
    expect(second.incidents.list().map((i) => [i.id, i.status])).toEqual([[audio.id, 'detected']]);
    second.hello('after-restart');
    expect(second.incidents.list()[0].carriedOver).toMatchObject({ why: 'restart', from: { sessionId: firstSession } });
  });

  it('the same run coming back after a restart: its own open incident is asked about too', () => {
    const { db, clock, c, audio, firstSession } = withOpenAudioIncident();
    const startedAt = c.ingest.session()!.startedAt;
    c.stop();
    const second = startConsole(db, clock);
    second.ingest.hello({ source: 'test', eventName: 'Launch', scenario: 'run-1', startedAt, speed: 1 });
    expect(second.incidents.sessionId()).toBe(firstSession);
    expect(second.incidents.list().map((i) => i.id)).toEqual([audio.id]);
    expect(second.incidents.list()[0].carriedOver).toMatchObject({
      why: 'restart',
      from: { sessionId: firstSession },
      intoSessionId: firstSession,
    });
  });
});
