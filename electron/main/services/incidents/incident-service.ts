/**
 * Runs the detection pipeline on everything ingest stores, persists what the incident engine decides,
 * and tells the UI. Operator actions go through the same pipeline, so live and replayed incidents follow
 * exactly the same rules. Also watches the playbook deadlines and raises the alarm when one is missed.
 *
 * Health goes in on the receive clock (the session's time when it arrived), not the source's stamp, so a
 * sample stamped ahead cannot postpone "source went quiet". After the source says the event is over, the
 * detectors stop ticking (silence is expected now), but the deadlines keep ticking while an incident is
 * open; data arriving after the end means the source is not over after all, and the detectors resume.
 *
 * An open incident stays open until someone closes it. When a new session starts (the scenario loops, the
 * source changes) or Onair starts again, every incident still open in an earlier session of the same mode
 * (never from a rehearsal into a live event, nor back) is carried over: it joins the new session's engine, so
 * a new finding of its kind merges into it, its deadlines keep counting from when it opened, and the console
 * asks the operator whether it is still happening. It stays filed under the session it opened in.
 *
 * In a team, the engine of an event runs on one console at a time (the lease holder, `leads()`). The others are
 * on standby: they show the incidents the holder saved (`mirrored`), detect nothing and raise no deadline
 * alarm themselves, and refuse operator actions (they belong on the console running the engine). When the lease
 * comes to a standby console, `takeOver()` resumes the engine from the stored incidents: a new finding merges
 * into them, and their deadlines keep counting from when they opened.
 */
import type { Clock, Disposable } from '../../../../shared/clock';
import type { DeadlineAlarm, IncidentView } from '../../../../shared/contract';
import { silenceStatus, type Playbook } from '../../../../shared/domain/broadcast/playbook';
import {
  createDetectionPipeline,
  type DetectionPipeline,
  type OperatorInput,
} from '../../../../shared/domain/detect/pipeline';
import {
  awaitsCarryOverAnswer,
  carryOver,
  isClosed,
  type CarryOver,
  type Incident,
  type IncidentEffect,
} from '../../../../shared/domain/incident';
import type { SessionId } from '../../../../shared/types';
import type { IncidentsRepo } from '../db/incidents-repo';
import type { RoundsRepo } from '../db/rounds-repo';
import type { SessionRecord, SessionsRepo } from '../db/sessions-repo';
import { fail } from '../dispatch';
import type { EventHub } from '../event-hub';
import type { Ingest } from '../ingest/ingest';
import { sessionClock, type SessionClock } from './session-clock';
import { messageOf } from '../../../../shared/error-message';

const isOpen = (i: Incident) => !isClosed(i);
const ERROR_CODES = {
  'unknown-incident': 'not-found',
  'invalid-input': 'bad-args',
  'invalid-transition': 'conflict',
  'kind-already-open': 'conflict',
} as const;

export interface IncidentServiceDeps {
  ingest: Ingest;
  incidents: IncidentsRepo;
  rounds: RoundsRepo;
  sessions: Pick<SessionsRepo, 'byId'>;
  hub: EventHub;
  clock: Clock;
  playbookFor(kind: Incident['kind']): Playbook;
  /** Virtual ms between ticks (source-quiet, recovery holds, deadlines). */
  tickMs?: number;
  /** Whether this console runs the engine (in a team, the lease holder); always, when absent. */
  leads?(): boolean;
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
  /** Why operator actions must be taken elsewhere now (standby in a team), or undefined when they are welcome. */
  standby(): string | undefined;
  /** The console running the engine stored a change of incident `id` (already in the store here): show it. */
  mirrored(id: string): void;
  /** The lease came here: resume the engine from the stored incidents. */
  takeOver(): void;
  dispose(): void;
}

const STANDBY =
  'This console is on standby: the incident engine of this event runs on another console of the team. Act there; this one takes over if that console goes away.';

export function createIncidentService(d: IncidentServiceDeps): IncidentService {
  const tickMs = d.tickMs ?? 1000;
  const leads = () => d.leads?.() ?? true;
  let session: SessionRecord | null = null;
  // The engine counts from 1; the prefix keeps ids unique across sessions and across restarts of Onair
  // while the same source run goes on (a restart must never overwrite the incidents stored before it).
  const engineConfig = () => ({ incidents: { idPrefix: `inc-${d.clock.now().toString(36)}-` } });
  // Until a source says hello, the console still lists what nobody closed.
  let pipeline: DetectionPipeline = createDetectionPipeline(
    engineConfig(),
    d.incidents.open().map((r) => r.incident),
  );
  let restarted = true; // the first session after Onair starts asks about every open incident
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
        {
          openedAt: i.openedAt,
          firstUpdateAt: s.firstUpdateAt,
          lastUpdateAt: s.lastUpdateAt,
          lastPhase: s.lastPhase,
          status: i.status,
        },
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
    if (!leads()) return schedule();
    try {
      if (!ended) apply(pipeline.tick(time.now()));
      checkDeadlines();
    } catch (err) {
      d.log?.(`incident tick failed: ${messageOf(err)}`); // keep ticking: the next one retries
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
      ended = false;
      resume(s);
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
      const engine = leads();
      for (const h of samples) {
        time.observe(h.ts);
        if (engine) apply(pipeline.health(h, time.now()));
      }
    },
    onChat(messages) {
      const engine = leads();
      for (const m of messages) {
        time.observe(m.ts);
        if (m.own || !engine) continue; // our own post (by the id the source gave it) is never a complaint
        apply(pipeline.chat(m));
      }
    },
  });

  /** The engine of session `s`, from what is stored (and carried over into it); ticking again. */
  function resume(s: SessionRecord): void {
    if (leads()) {
      const carried = carryInto(s);
      pipeline = createDetectionPipeline(engineConfig(), carried.all);
      for (const i of carried.asking) persist(i);
    }
    restarted = false; // on standby, the console running the engine was watching
    timer?.dispose();
    timer = null;
    schedule();
  }

  /** What the store holds for session `sid`: its own incidents and those carried into it. */
  const storedOf = (sid: string): Incident[] => {
    const all = new Map<string, Incident>();
    for (const i of [...d.incidents.bySession(sid), ...d.incidents.carriedInto(sid)]) all.set(i.id, i);
    return [...all.values()];
  };

  /**
   * The incidents of session `s`: its own (a session seen before: Onair restarted while the run goes on),
   * those carried into it before, and every other open one of the same mode, carried over now. After a
   * restart, the open ones of its own are asked about too: nobody watched while Onair was down.
   */
  function carryInto(s: SessionRecord): { all: Incident[]; asking: Incident[] } {
    const mine = new Map<string, Incident>();
    for (const i of [...d.incidents.bySession(s.id), ...d.incidents.carriedInto(s.id)]) mine.set(i.id, i);
    const asking: Incident[] = [];
    const at = time.now();
    for (const { incident, sessionId } of d.incidents.open()) {
      const lastSessionId = incident.carriedOver?.intoSessionId ?? sessionId;
      // Already part of this session: asked again only when Onair restarted and nobody is being asked yet.
      if (lastSessionId === s.id && (!restarted || awaitsCarryOverAnswer(incident))) continue;
      const last = lastSessionId ? d.sessions.byId(lastSessionId) : undefined;
      if ((last?.rehearsal ?? false) !== s.rehearsal) continue; // a rehearsal never spills into a live event, nor back
      const from: CarryOver['from'] = last
        ? { sessionId: last.id, eventName: last.eventName, scenario: last.scenario, startedAt: last.startedAt }
        : { sessionId: null, eventName: 'an earlier event', startedAt: incident.openedAt };
      const carried = carryOver(incident, {
        from,
        intoSessionId: s.id,
        at,
        why: restarted ? 'restart' : 'new-session',
      });
      mine.set(carried.id, carried);
      asking.push(carried);
    }
    return { all: [...mine.values()], asking };
  }

  function view(id: string): IncidentView {
    const live = leads() ? pipeline.incidents().find((i) => i.id === id) : undefined;
    if (live) return toView(live, session?.id ?? null);
    const stored = d.incidents.byId(id);
    if (!stored) fail('not-found', `no incident ${id}`);
    return toView(stored.incident, stored.sessionId);
  }

  return {
    list(sessionId) {
      const sid = sessionId ?? session?.id;
      if (!sid) return pipeline.incidents().map((i) => toView(i, null));
      const incidents =
        sid !== session?.id ? d.incidents.bySession(sid) : leads() ? pipeline.incidents() : storedOf(sid);
      return incidents
        .map((i) => toView(i, sid))
        .sort((a, b) => Number(isOpen(b)) - Number(isOpen(a)) || b.openedAt - a.openedAt);
    },
    view,
    operator(input) {
      if (!session) fail('unavailable', 'no live session: incidents belong to a watched event');
      if (!leads()) fail('unavailable', STANDBY);
      if (input.type !== 'open' && !pipeline.incidents().some((i) => i.id === input.incidentId)) {
        fail('not-found', `incident ${input.incidentId} is not part of the live event`);
      }
      const effects = pipeline.operator(input, time.now());
      const err = effects.find((e) => e.type === 'error');
      if (err && err.type === 'error') fail(ERROR_CODES[err.code], err.message);
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
    standby: () => (session && !leads() ? STANDBY : undefined),
    mirrored(id) {
      const stored = d.incidents.byId(id);
      if (!stored) return;
      const { incident, sessionId } = stored;
      const liveId = session?.id;
      const live = liveId !== undefined && (sessionId === liveId || incident.carriedOver?.intoSessionId === liveId);
      d.hub.emit('incident.changed', toView(incident, live ? liveId : sessionId));
    },
    takeOver() {
      if (session) resume(session);
    },
    dispose() {
      offIngest();
      timer?.dispose();
    },
  };
}
