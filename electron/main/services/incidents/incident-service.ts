/**
 * Runs the detection pipeline on everything ingest stores, persists what the incident engine decides,
 * and tells the UI. Operator actions go through the same pipeline, so live and replayed incidents follow
 * exactly the same rules. Also watches the playbook deadlines and raises the alarm when one is missed.
 *
 * Health goes in on the receive clock (the session's time when it arrived), not the source's stamp, so a
 * sample stamped ahead cannot postpone "source went quiet". After the source says the event is over, the
 * detectors stop ticking (silence is expected now), but the deadlines keep ticking while an incident is
 * open; data arriving after the end means the source is not over after all, and the detectors resume.
 */
import type { Clock, Disposable } from '../../../../shared/clock';
import type { DeadlineAlarm, IncidentView } from '../../../../shared/contract';
import { silenceStatus, type Playbook } from '../../../../shared/domain/broadcast/playbook';
import {
  createDetectionPipeline,
  type DetectionPipeline,
  type OperatorInput,
} from '../../../../shared/domain/detect/pipeline';
import { isClosed, type Incident, type IncidentEffect } from '../../../../shared/domain/incident';

const isOpen = (i: Incident) => !isClosed(i);
import type { SessionId } from '../../../../shared/types';
import type { IncidentsRepo } from '../db/incidents-repo';
import type { RoundsRepo } from '../db/rounds-repo';
import type { SessionRecord } from '../db/sessions-repo';
import { fail } from '../dispatch';
import type { EventHub } from '../event-hub';
import type { Ingest } from '../ingest/ingest';
import { sessionClock, type SessionClock } from './session-clock';

export interface IncidentServiceDeps {
  ingest: Ingest;
  incidents: IncidentsRepo;
  rounds: RoundsRepo;
  hub: EventHub;
  clock: Clock;
  playbookFor(kind: Incident['kind']): Playbook;
  /** Virtual ms between ticks (source-quiet, recovery holds, deadlines). */
  tickMs?: number;
  log?: (line: string) => void;
}

export interface IncidentService {
  list(sessionId?: string): IncidentView[];
  view(id: string): IncidentView;
  operator(input: OperatorInput): IncidentView;
  /** The session's own "now" (virtual time under fast playback). */
  now(): number;
  sessionId(): SessionId | null;
  /** A public update went out: re-announce the incident with its new update times. */
  updated(id: string): void;
  dispose(): void;
}

export function createIncidentService(d: IncidentServiceDeps): IncidentService {
  const tickMs = d.tickMs ?? 1000;
  let session: SessionRecord | null = null;
  let pipeline: DetectionPipeline = createDetectionPipeline();
  let time: SessionClock = sessionClock(d.clock, d.clock.now(), 1);
  let timer: Disposable | null = null;
  const alarmed = new Set<string>();
  let ended = false;

  const toView = (i: Incident, sessionId: string | null): IncidentView => ({
    ...i,
    sessionId: sessionId as SessionId | null,
    ...d.rounds.summary(i.id),
  });

  function apply(effects: readonly IncidentEffect[]): void {
    for (const e of effects) {
      if (e.type === 'error') continue; // operator errors are returned by operator(); detector inputs cannot err
      if (e.type === 'recovery-proposed') {
        const i = pipeline.incidents().find((x) => x.id === e.incidentId);
        if (i) persist(i);
        continue;
      }
      persist(e.incident);
    }
  }
  function persist(i: Incident) {
    d.incidents.save(i, session?.id ?? null);
    d.hub.emit('incident.changed', toView(i, session?.id ?? null));
  }

  function checkDeadlines() {
    const now = time.now();
    for (const i of pipeline.incidents()) {
      if (!isOpen(i)) continue;
      const s = d.rounds.summary(i.id);
      const st = silenceStatus(
        d.playbookFor(i.kind),
        { openedAt: i.openedAt, firstUpdateAt: s.firstUpdateAt, lastUpdateAt: s.lastUpdateAt, status: i.status },
        now,
      );
      if (!st.missed || st.nextDeadlineAt === null || !st.deadlineKind) continue;
      const key = `${i.id}@${st.nextDeadlineAt}`;
      if (alarmed.has(key)) continue;
      alarmed.add(key);
      const alarm: DeadlineAlarm = {
        incidentId: i.id,
        deadline: st.deadlineKind,
        dueAt: st.nextDeadlineAt,
      };
      d.hub.emit('incident.deadlineMissed', alarm);
    }
  }

  function tick() {
    timer = null;
    if (!session) return;
    try {
      if (!ended) apply(pipeline.tick(time.now()));
      checkDeadlines();
    } catch (err) {
      d.log?.(`incident tick failed: ${err instanceof Error ? err.message : String(err)}`); // keep ticking: the next one retries
    }
    schedule();
  }
  const schedule = () => {
    // Once the event is over and nothing is open, there is nothing left to watch.
    if (ended && !pipeline.incidents().some(isOpen)) return;
    timer ??= d.clock.setTimer(Math.max(20, tickMs / time.speed), tick);
  };

  const offIngest = d.ingest.addListener({
    onSession(s) {
      session = s;
      time = sessionClock(d.clock, s.startedAt, s.speed);
      // The engine counts from 1; the prefix keeps ids unique across sessions and across restarts of Onair
      // while the same source run goes on (a restart must never overwrite the incidents stored before it).
      // A session seen before (Onair restarted while the event goes on) gets its incidents back: open ones are
      // live again and new findings merge into them.
      pipeline = createDetectionPipeline(
        { incidents: { idPrefix: `inc-${d.clock.now().toString(36)}-` } },
        d.incidents.bySession(s.id),
      );
      ended = false;
      timer?.dispose();
      timer = null;
      schedule();
    },
    onEnded() {
      // The event is over: silence from the source is expected now, not a "source went quiet" fault.
      ended = true;
    },
    onHealth(samples) {
      if (ended) {
        ended = false; // still sending: the end was premature
        schedule();
      }
      for (const h of samples) {
        time.observe(h.ts);
        apply(pipeline.health(h, time.now()));
      }
    },
    onChat(messages) {
      for (const m of messages) {
        time.observe(m.ts);
        if (m.own) continue; // our own post (by the id the source gave it), never a complaint
        apply(pipeline.chat(m));
      }
    },
  });

  function view(id: string): IncidentView {
    const live = pipeline.incidents().find((i) => i.id === id);
    if (live) return toView(live, session?.id ?? null);
    const stored = d.incidents.byId(id);
    if (!stored) fail('not-found', `no incident ${id}`);
    return toView(stored.incident, stored.sessionId);
  }

  return {
    list(sessionId) {
      const sid = sessionId ?? session?.id;
      if (!sid) return [];
      const incidents = sid === session?.id ? pipeline.incidents() : d.incidents.bySession(sid);
      return incidents
        .map((i) => toView(i, sid))
        .sort((a, b) => Number(isOpen(b)) - Number(isOpen(a)) || b.openedAt - a.openedAt);
    },
    view,
    operator(input) {
      if (!session) fail('unavailable', 'no live session: incidents belong to a watched event');
      if (input.type !== 'open' && !pipeline.incidents().some((i) => i.id === input.incidentId)) {
        fail('not-found', `incident ${input.incidentId} is not part of the live event`);
      }
      const effects = pipeline.operator(input, time.now());
      const err = effects.find((e) => e.type === 'error');
      if (err && err.type === 'error') fail(err.code === 'unknown-incident' ? 'not-found' : 'conflict', err.message);
      apply(effects);
      schedule(); // an incident opened after the end still has deadlines
      const touched = effects.find((e) => e.type !== 'error' && e.type !== 'recovery-proposed');
      if (!touched || !('incident' in touched)) fail('internal', 'the incident engine returned nothing');
      return view(touched.incident.id);
    },
    now: () => time.now(),
    sessionId: () => session?.id ?? null,
    updated(id) {
      d.hub.emit('incident.changed', view(id));
    },
    dispose() {
      offIngest();
      timer?.dispose();
    },
  };
}
