/**
 * Review figures of one incident and of a whole event, computed from a RecordedEvent alone.
 *
 *  - Time to detect counts from the scripted fault's true start when the session carries ground truth of
 *    the same kind overlapping the incident, else from the incident's first evidence; `basis` says which.
 *  - Silence is measured only while the incident was open: opening → first update → … → close (or the end
 *    of the event). Updates after the close do not shorten it.
 *  - Complaints use the live classifier, from two minutes before the incident opened (the audience often
 *    notices first) to the first update, and from the first update to the close.
 *  - Event-level time and silence figures leave false alarms out: nothing was wrong for the audience.
 */
import { CHANNEL_IDS } from '../../channels';
import { DEFAULT_PLAYBOOKS, deadlineHistory, type Playbook } from '../broadcast/playbook';
import type { Incident } from '../incident';
import type { EpochMs, FaultKind, FaultTruth } from '../../types';
import { complaintMasks, countComplaints } from './complaints';
import { coverageFigures } from './coverage';
import { eventRange, incidentClosedAt, roundsOf } from './event-time';
import type { ComplaintFigures, EventFigures, IncidentFigures, SilenceGap, Stat, TimeToDetect } from './figures-types';
import type { IncidentKind } from '../vocabulary';
import type { RecordedEvent } from './recorded-event';

/** Which incident kind a scripted fault shows up as. chat-flood is not a fault of the stream. */
export const FAULT_INCIDENT_KIND: Readonly<Partial<Record<FaultKind, IncidentKind>>> = {
  'audio-loss': 'audio',
  'audio-clipping': 'audio',
  'frozen-video': 'video',
  'video-degraded': 'video',
  'stream-drop': 'stream',
  'source-dead': 'stream',
};

/** Complaints from this long before the incident opened count as "before the first update". */
const COMPLAINT_LEAD_MS = 2 * 60_000;
/** The audience keeps complaining for a while after a fault ends (stream latency): a fault still matches an incident whose evidence began this long after it. */
const TRUTH_LAG_MS = 2 * 60_000;
const ENGINE = 'onair';

/** The scripted fault an incident detected: same kind, started by the time it opened, overlapping its evidence. */
export function matchTruth(truth: readonly FaultTruth[], incident: Incident, endAt: EpochMs): FaultTruth | undefined {
  let best: FaultTruth | undefined;
  for (const f of truth) {
    if (FAULT_INCIDENT_KIND[f.kind] !== incident.kind || f.startTs > incident.openedAt) continue;
    if (f.endTs + TRUTH_LAG_MS < incident.firstEvidenceAt || f.startTs > endAt) continue;
    if (!best || f.startTs > best.startTs) best = f;
  }
  return best;
}

function timeToDetect(event: RecordedEvent, incident: Incident, endAt: EpochMs): TimeToDetect {
  const truth = matchTruth(event.session.truth, incident, endAt);
  if (truth) return { ms: incident.openedAt - truth.startTs, basis: 'truth', from: truth.startTs, truth };
  const from = Math.min(incident.firstEvidenceAt, incident.openedAt);
  return { ms: incident.openedAt - from, basis: 'first-evidence', from };
}

/** The longest stretch between openedAt, each update inside the open period, and endAt. */
export function longestSilence(openedAt: EpochMs, updates: readonly EpochMs[], endAt: EpochMs): SilenceGap {
  const points = [openedAt, ...updates.filter((u) => u >= openedAt && u <= endAt).sort((a, b) => a - b), endAt];
  let best: SilenceGap = { from: openedAt, to: openedAt, ms: 0 };
  for (let i = 1; i < points.length; i++) {
    const ms = points[i] - points[i - 1];
    if (ms > best.ms) best = { from: points[i - 1], to: points[i], ms };
  }
  return best;
}

const perMin = (n: number, from: EpochMs, to: EpochMs) => (to > from ? (n * 60_000) / (to - from) : null);

function complaintFigures(
  event: RecordedEvent,
  incident: Incident,
  firstUpdateAt: EpochMs | null,
  endAt: EpochMs,
): ComplaintFigures {
  const masks = complaintMasks(event.chat);
  const windowFrom = Math.max(event.session.startedAt, incident.openedAt - COMPLAINT_LEAD_MS);
  const split = firstUpdateAt === null ? endAt : Math.min(Math.max(firstUpdateAt, windowFrom), endAt);
  const before = countComplaints(event.chat, masks, windowFrom, split);
  const after = firstUpdateAt === null ? 0 : countComplaints(event.chat, masks, split, endAt);
  return {
    windowFrom,
    firstUpdateAt,
    windowTo: endAt,
    before,
    after,
    beforePerMin: perMin(before, windowFrom, split),
    afterPerMin: firstUpdateAt === null ? null : perMin(after, split, endAt),
  };
}

export function incidentFigures(
  event: RecordedEvent,
  incident: Incident,
  playbook: Playbook = DEFAULT_PLAYBOOKS[incident.kind],
): IncidentFigures {
  const closedAt = incidentClosedAt(incident);
  const eventEnd = eventRange(event).to;
  const endAt = Math.max(incident.openedAt, closedAt ?? eventEnd);
  const rounds = roundsOf(event, incident.id);
  const updates = rounds.map((r) => r.at);
  const ack = incident.transitions.find((t) => t.operator !== ENGINE && t.to !== 'detected');
  const first = rounds[0];
  const last = rounds.at(-1);
  const allClearAt = last?.phase === 'resolved' ? last.at : undefined;
  const deadlines = deadlineHistory(
    playbook,
    { openedAt: incident.openedAt, closedAt, allClearAt },
    updates,
    eventEnd,
  ).map((d) => ({
    ...d,
    met: d.metAt !== undefined && d.lateByMs === 0,
  }));
  return {
    incidentId: incident.id,
    kind: incident.kind,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    falseAlarm: incident.status === 'false-alarm',
    openedAt: incident.openedAt,
    ...(closedAt !== undefined ? { closedAt } : {}),
    endAt,
    durationMs: endAt - incident.openedAt,
    detect: timeToDetect(event, incident, endAt),
    acknowledge: ack ? { ms: Math.max(0, ack.at - incident.openedAt), at: ack.at, operator: ack.operator } : null,
    firstUpdate: first ? { ms: Math.max(0, first.at - incident.openedAt), at: first.at } : null,
    updates: rounds.length,
    longestSilence: longestSilence(incident.openedAt, updates, endAt),
    coverage: coverageFigures(event, incident.id, rounds),
    complaints: complaintFigures(event, incident, first ? first.at : null, endAt),
    deadlines,
    deadlinesMissed: deadlines.filter((d) => !d.met).length,
    playbook: {
      name: playbook.name,
      firstUpdateDeadlineMs: playbook.firstUpdateDeadlineMs,
      cadenceMs: playbook.cadenceMs,
    },
  };
}

function stat(values: readonly number[]): Stat {
  if (values.length === 0) return { meanMs: null, maxMs: null, count: 0 };
  return {
    meanMs: values.reduce((a, b) => a + b, 0) / values.length,
    maxMs: Math.max(...values),
    count: values.length,
  };
}

const defaultPlaybookFor = (kind: IncidentKind): Playbook => DEFAULT_PLAYBOOKS[kind];

export function eventFigures(
  event: RecordedEvent,
  playbookFor: (kind: IncidentKind) => Playbook = defaultPlaybookFor,
): EventFigures {
  const range = eventRange(event);
  const incidents = [...event.incidents]
    .sort((a, b) => a.openedAt - b.openedAt || a.id.localeCompare(b.id))
    .map((i) => incidentFigures(event, i, playbookFor(i.kind)));
  const real = incidents.filter((i) => !i.falseAlarm);
  let worstSilence: EventFigures['worstSilence'] = null;
  for (const i of real)
    if (!worstSilence || i.longestSilence.ms > worstSilence.gap.ms)
      worstSilence = { incidentId: i.incidentId, gap: i.longestSilence };
  const rounds = incidents.flatMap((i) => i.coverage.rounds);
  const reached = new Set(incidents.flatMap((i) => i.coverage.channelsReached));
  const masks = complaintMasks(event.chat);
  let complaints = 0;
  for (let i = 0; i < masks.length; i++) if (masks[i] !== 0) complaints++;
  let peakViewers = 0;
  for (const h of event.health) if (h.viewers !== undefined && h.viewers > peakViewers) peakViewers = h.viewers;
  return {
    sessionId: event.session.id,
    eventName: event.session.eventName,
    startedAt: range.from,
    endAt: range.to,
    incidents,
    incidentCount: incidents.length,
    falseAlarms: incidents.length - real.length,
    timeToDetect: stat(real.map((i) => i.detect.ms)),
    timeToFirstUpdate: {
      ...stat(real.flatMap((i) => (i.firstUpdate ? [i.firstUpdate.ms] : []))),
      withoutUpdate: real.filter((i) => !i.firstUpdate).length,
    },
    worstSilence,
    deadlinesMissed: real.reduce((n, i) => n + i.deadlinesMissed, 0),
    coverage: {
      rounds: rounds.length,
      channelsReached: CHANNEL_IDS.filter((c) => reached.has(c)),
      singleChannelRounds: rounds.filter((r) => r.singleChannel).length,
      roundsReachedNobody: rounds.filter((r) => r.reachedNobody).length,
      failed: rounds.reduce((n, r) => n + r.failed.length, 0),
      skipped: rounds.reduce((n, r) => n + r.skipped.length, 0),
    },
    totals: {
      durationMs: range.to - range.from,
      chatMessages: event.chat.length,
      complaints,
      peakViewers,
      healthSamples: event.health.length,
      posts: event.posts.length,
    },
  };
}
