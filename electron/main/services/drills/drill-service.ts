/**
 * Scored drills. The producer starts one from a rehearsal; Onair plays the calm scenario with the fault (the
 * one chosen, or a random one) moved to a random second of DRILL_WINDOW_SEC, and tells no console which fault
 * or when until the drill is over. It ends when its incident is resolved (or closed as a false alarm), when its
 * time line ends or is left, or when the producer ends it; then the team's answer is scored against the
 * playbook (shared/domain/review/drill-score.ts) from what it posted to the sandbox, and the score is kept.
 */
import { randomUUID } from 'node:crypto';
import type { ChannelId } from '../../../../shared/channels';
import type { Clock } from '../../../../shared/clock';
import type { IncidentView } from '../../../../shared/contract';
import type { Playbook } from '../../../../shared/domain/broadcast/playbook';
import { scoreDrill, type DrillRun } from '../../../../shared/domain/review/drill-score';
import { isClosedStatus } from '../../../../shared/domain/vocabulary';
import { DRILL_FAULTS, DRILL_WINDOW_SEC, type DrillFault, type DrillView } from '../../../../shared/rehearsal';
import type { DrillRecord, DrillsRepo } from '../db/drills-repo';
import type { RoundsRepo } from '../db/rounds-repo';
import { fail } from '../dispatch';
import type { EventHub } from '../event-hub';
import type { IncidentService } from '../incidents/incident-service';
import type { Ingest } from '../ingest/ingest';
import type { Outbox } from '../outbox/outbox';
import { DRILL_SCENARIO, drillScenario } from '../simulator/drill-scenario';
import { loadScenarioFile } from '../simulator/server';
import type { SourceControl } from '../source-control';

const CALM_SCENARIO = 'calm';
/** An incident opened this long before the onset still counts as the drill's (a detector's window reaches back). */
const ONSET_TOLERANCE_MS = 5000;

export interface DrillServiceDeps {
  repo: DrillsRepo;
  source: SourceControl;
  ingest: Ingest;
  incidents: IncidentService;
  rounds: RoundsRepo;
  outbox: Outbox;
  playbookFor(kind: IncidentView['kind']): Playbook;
  enabledChannels(): ChannelId[];
  hub: EventHub;
  clock: Clock;
  /** In [0, 1): picks the random fault and the moment (tests pass a fixed sequence). */
  random?: () => number;
  newId?: () => string;
  log?: (line: string) => void;
}

export interface DrillService {
  start(a: { fault: DrillFault | 'random'; speed?: number }): Promise<DrillView>;
  end(): Promise<DrillView>;
  list(): DrillView[];
  dispose(): void;
}

/** What a console may see: a running drill keeps its moment, and a random fault, to itself. */
function drillView(r: DrillRecord): DrillView {
  const over = r.endedAt !== undefined;
  return {
    id: r.id,
    startedAt: r.startedAt,
    requested: r.requested,
    speed: r.speed,
    ...(over || r.requested !== 'random' ? { fault: r.fault } : {}),
    ...(over && r.injectedAt !== undefined ? { injectedAt: r.injectedAt } : {}),
    ...(r.sessionId ? { sessionId: r.sessionId } : {}),
    ...(over ? { endedAt: r.endedAt } : {}),
    ...(r.score ? { score: r.score } : {}),
    ...(r.unscored ? { unscored: r.unscored } : {}),
  };
}

/** Opened by the drill's fault: not one carried over from an earlier session, whatever its time says. */
const isDrillIncident = (i: IncidentView, injectedAt: number) =>
  !i.carriedOver && i.openedAt >= injectedAt - ONSET_TOLERANCE_MS;

/** The operator's first answer: the first transition a person made. */
const acknowledgedAt = (i: IncidentView) => i.transitions.find((t) => t.operator !== 'onair' && t.from !== null)?.at;

export function createDrillService(d: DrillServiceDeps): DrillService {
  const random = d.random ?? Math.random;
  const newId = d.newId ?? randomUUID;
  d.repo.interruptUnfinished(d.clock.now());
  let running: DrillRecord | null = null;

  const changed = (id: string) => {
    const r = d.repo.byId(id);
    if (r) d.hub.emit('drill.changed', drillView(r));
  };

  async function runOf(r: DrillRecord & { sessionId: string; injectedAt: number }, endAt: number): Promise<DrillRun> {
    const incident = d.incidents
      .list(r.sessionId)
      .filter((i) => isDrillIncident(i, r.injectedAt))
      .sort((a, b) => a.openedAt - b.openedAt)[0];
    const base = { faultAt: r.injectedAt, endAt, enabledChannels: d.enabledChannels() };
    if (!incident) return { ...base, playbook: d.playbookFor('other'), posts: [] };
    const roundAt = new Map(d.rounds.list(incident.id).map((x) => [x.round, x.at]));
    const posts = (await d.outbox.list({ incidentId: incident.id, limit: 1000 }))
      .filter((e) => e.rehearsal && e.status !== 'skipped')
      .map((e) => ({ channel: e.channel, at: roundAt.get(e.round ?? -1) ?? e.createdAt, text: e.text, lang: e.lang }));
    return {
      ...base,
      incident: { openedAt: incident.openedAt, acknowledgedAt: acknowledgedAt(incident) },
      playbook: d.playbookFor(incident.kind),
      posts,
    };
  }

  async function end(): Promise<DrillView> {
    const r = running;
    if (!r) fail('not-found', 'no drill is running');
    running = null;
    const stored = d.repo.byId(r.id) ?? r;
    const endAt = d.incidents.now();
    const result =
      stored.sessionId && stored.injectedAt !== undefined && endAt >= stored.injectedAt
        ? {
            score: scoreDrill(
              await runOf({ ...stored, sessionId: stored.sessionId, injectedAt: stored.injectedAt }, endAt),
            ),
          }
        : { unscored: 'ended before the fault came' };
    d.repo.finish(r.id, d.clock.now(), result);
    changed(r.id);
    return drillView(d.repo.byId(r.id)!);
  }

  const endSoon = () =>
    queueMicrotask(() => {
      if (running) end().catch((err: unknown) => d.log?.(`drill: could not end and score the drill (${String(err)})`));
    });

  const offIngest = d.ingest.addListener({
    onSession(s) {
      const r = running;
      if (!r) return;
      if (r.sessionId) return endSoon(); // the drill's time line was left
      if (s.scenario !== DRILL_SCENARIO) return;
      const injectedAt = s.startedAt + r.atSec * 1000;
      d.repo.bind(r.id, s.id, injectedAt);
      running = { ...r, sessionId: s.id, injectedAt };
      changed(r.id);
    },
    onEnded(s) {
      if (running?.sessionId === s.id) endSoon();
    },
  });
  const offHub = d.hub.subscribe((name, payload) => {
    if (name !== 'incident.changed' || !running?.sessionId || running.injectedAt === undefined) return;
    const i = payload as IncidentView;
    if (i.sessionId === running.sessionId && isClosedStatus(i.status) && isDrillIncident(i, running.injectedAt))
      endSoon();
  });

  return {
    async start({ fault, speed = 1 }) {
      if (running) fail('conflict', 'a drill is already running: end it first');
      if (!d.source.rehearsal())
        fail('conflict', 'a live event is being watched: start a rehearsal (a simulator scenario) to run a drill');
      // An open incident would be carried into the drill and take its fault in: the drill starts clean.
      const open = d.incidents.list().filter((i) => !isClosedStatus(i.status));
      if (open.length)
        fail('conflict', `resolve or close the open incident first (${open.map((i) => i.title).join(', ')})`);
      const chosen = fault === 'random' ? DRILL_FAULTS[Math.floor(random() * DRILL_FAULTS.length)] : fault;
      const span = DRILL_WINDOW_SEC.to - DRILL_WINDOW_SEC.from;
      const atSec = DRILL_WINDOW_SEC.from + Math.floor(random() * (span + 1));
      const script = drillScenario(loadScenarioFile(CALM_SCENARIO), loadScenarioFile(chosen), atSec);
      const record: DrillRecord = {
        id: newId(),
        startedAt: d.clock.now(),
        requested: fault,
        fault: chosen,
        atSec,
        speed,
      };
      d.repo.insert(record);
      running = record; // before the source starts: its session may begin at once
      try {
        await d.source.use({ kind: 'simulator', scenario: DRILL_SCENARIO, speed, loop: false, script });
      } catch (err) {
        running = null;
        d.repo.finish(record.id, d.clock.now(), { unscored: 'the drill could not start' });
        throw err;
      }
      changed(record.id);
      return drillView(d.repo.byId(record.id)!);
    },
    end,
    list: () => d.repo.all().map(drillView),
    dispose() {
      offIngest();
      offHub();
    },
  };
}
