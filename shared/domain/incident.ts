/**
 * The incident engine: one pure reducer that turns detector reports and operator actions into
 * incidents, and every change into an effect the service layer persists.
 *
 *  - One incident per problem: while an incident of a kind is live, every finding of that kind
 *    (signal or chat) merges into it; evidence is appended (capped) and the confidence is fused
 *    (signal and chat together beat either alone, see detect/scoring.ts).
 *  - Lifecycle: detected → acknowledged → investigating → mitigated → resolved, or false-alarm;
 *    reopen brings a closed incident back. A wrong action is an `error` effect, never a throw.
 *  - Recovery is *proposed*, never applied, once every detector behind the incident has been healthy
 *    for `recoveryHoldMs`; operators resolve. Signal detectors decide when there are any: viewers
 *    keep complaining for a while after a fix (stream latency), so chat decides only chat incidents.
 *  - After resolve / false-alarm, a detector still firing is muted until it reports healthy, so the
 *    same episode cannot open a new incident behind the operator's back.
 *  - A false alarm needs its reason (the transition's note): "test", "duplicate"… is what the review shows.
 *  - An incident still open when a new session starts (the scenario loops, the source changes, Onair restarts)
 *    is carried over, never dropped: it stays live for its kind and the operator is asked whether it is still
 *    happening (`keep-open`, or resolve / false-alarm as usual).
 * No clock, no randomness: `now` is passed in, ids come from a counter in the state.
 */
import type { EpochMs, IncidentId } from '../types';
import { BASE_SEVERITY, capEvidence, fuseConfidence, severityFor } from './detect/scoring';
import {
  severityRank,
  type DetectorName,
  type Evidence,
  type Finding,
  type FindingSource,
  type Severity,
} from './detect/types';
import { isClosedStatus, type IncidentKind, type IncidentStatus, type OperatorAction } from './vocabulary';

export type { Severity } from './detect/types';
export const DETECTED_BY = ['signal', 'chat', 'both', 'manual'] as const;
type DetectedBy = (typeof DETECTED_BY)[number];

/** The lifecycle: the statuses each operator action may start from, and where it leads. */
export const LIFECYCLE: Readonly<Record<OperatorAction, { from: readonly IncidentStatus[]; to: IncidentStatus }>> = {
  acknowledge: { from: ['detected'], to: 'acknowledged' },
  investigate: { from: ['detected', 'acknowledged', 'mitigated'], to: 'investigating' },
  mitigate: { from: ['acknowledged', 'investigating'], to: 'mitigated' },
  resolve: { from: ['detected', 'acknowledged', 'investigating', 'mitigated'], to: 'resolved' },
  'false-alarm': { from: ['detected', 'acknowledged', 'investigating'], to: 'false-alarm' },
  reopen: { from: ['resolved', 'false-alarm'], to: 'investigating' },
};

export interface IncidentTransition {
  from: IncidentStatus | null;
  to: IncidentStatus;
  at: EpochMs;
  /** Operator name, or 'onair' for the engine itself. */
  operator: string;
  note?: string;
}

/** Why and from where an open incident came into the current session (see `carryOver`). */
export interface CarryOver {
  /** The session it was open in until then, named as the console names a session. */
  from: { sessionId: string | null; eventName: string; scenario?: string; startedAt: EpochMs };
  intoSessionId: string;
  at: EpochMs;
  why: 'new-session' | 'restart';
  /** The operator answered "Still happening?" with Keep open. */
  keptOpen?: { operator: string; at: EpochMs };
}

export interface Incident {
  id: IncidentId;
  kind: IncidentKind;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  /** Fused confidence 0..1 (1 for a manual incident). */
  confidence: number;
  /** Best confidence seen per source: the inputs of the fusion. */
  signalConfidence: number;
  chatConfidence: number;
  openedAt: EpochMs;
  /** Earliest start of any evidence (a finding's `startedAt`). */
  firstEvidenceAt: EpochMs;
  detectedBy: DetectedBy;
  detectors: DetectorName[];
  /** Oldest first; capped (the opening items always stay). */
  evidence: Evidence[];
  transitions: IncidentTransition[];
  updatedAt: EpochMs;
  recoveryProposedAt?: EpochMs;
  resolvedAt?: EpochMs;
  /** Set while it is carried over from an earlier session (the latest carry). */
  carriedOver?: CarryOver;
}

export interface IncidentEngineConfig {
  /** How long every detector behind an incident must be healthy before recovery is proposed. */
  recoveryHoldMs: number;
  evidenceCap: number;
  /** A problem still going on after this long is raised one severity step. */
  escalateAfterMs: number;
  /** A fused confidence at or above this raises severity one step. */
  escalateConfidence: number;
  /** Prefix of generated ids (e.g. the session id), followed by a counter. */
  idPrefix: string;
}

const INCIDENT_ENGINE_DEFAULTS: IncidentEngineConfig = {
  recoveryHoldMs: 10_000,
  evidenceCap: 50,
  escalateAfterMs: 60_000,
  escalateConfidence: 0.9,
  idPrefix: 'inc-',
};

/** What the engine knows about one detector behind one incident. Key: see trackKey. */
interface DetectorTrack {
  incidentId: IncidentId;
  source: FindingSource;
  active: boolean;
  healthySince: EpochMs | null;
  /** Its incident was closed while it was still firing: ignore it until it reports healthy. */
  muted: boolean;
  /** Worst severity it reported. */
  severity: Severity;
}

export interface IncidentsState {
  readonly config: IncidentEngineConfig;
  readonly seq: number;
  readonly incidents: Readonly<Record<string, Incident>>;
  /** The live incident per kind: where findings of that kind merge. */
  readonly live: Readonly<Partial<Record<IncidentKind, IncidentId>>>;
  readonly tracks: Readonly<Record<string, DetectorTrack>>;
}

export type IncidentInput =
  | { type: 'finding'; finding: Finding }
  | { type: 'healthy'; kind: IncidentKind; since: EpochMs; detector?: DetectorName; from?: string }
  | { type: 'open'; kind: IncidentKind; title: string; operator: string; id?: IncidentId; note?: string }
  | { type: OperatorAction; incidentId: IncidentId; operator: string; note?: string }
  /** The answer to "Still happening?" for a carried-over incident: yes, keep it open. */
  | { type: 'keep-open'; incidentId: IncidentId; operator: string }
  /** Time passes: lets recovery proposals and escalations happen when nothing else arrives. */
  | { type: 'tick' };

type IncidentErrorCode = 'unknown-incident' | 'invalid-transition' | 'kind-already-open' | 'invalid-input';

export type IncidentEffect =
  | { type: 'incident-opened' | 'incident-updated' | 'incident-transitioned'; incident: Incident }
  | { type: 'recovery-proposed'; incidentId: IncidentId; at: EpochMs }
  | { type: 'error'; code: IncidentErrorCode; message: string; incidentId?: IncidentId };

export function createIncidentsState(config: Partial<IncidentEngineConfig> = {}): IncidentsState {
  return { config: { ...INCIDENT_ENGINE_DEFAULTS, ...config }, seq: 0, incidents: {}, live: {}, tracks: {} };
}

/**
 * The engine after a restart of Onair while the same event goes on: the stored incidents come back, and each
 * kind's open incident is live again, so new findings merge into it instead of opening a duplicate.
 * Detector tracks are not restored: they rebuild from the next findings.
 */
export function restoreIncidentsState(
  config: Partial<IncidentEngineConfig>,
  stored: readonly Incident[],
): IncidentsState {
  const base = createIncidentsState(config);
  const incidents: Record<string, Incident> = {};
  const live: Partial<Record<IncidentKind, IncidentId>> = {};
  for (const i of [...stored].sort((a, b) => a.openedAt - b.openedAt)) {
    incidents[i.id] = i;
    if (!isClosed(i)) live[i.kind] = i.id;
  }
  return { ...base, incidents, live };
}

/** The incident as it enters another session while still open: marked, and asking again. */
export const carryOver = (i: Incident, carry: Omit<CarryOver, 'keptOpen'>): Incident => ({ ...i, carriedOver: carry });

/** A carried-over incident whose "Still happening?" nobody has answered yet. */
export const awaitsCarryOverAnswer = (i: Incident): boolean =>
  i.carriedOver !== undefined && i.carriedOver.keptOpen === undefined && !isClosed(i);

const ENGINE = 'onair';
export const isClosed = (i: Incident) => isClosedStatus(i.status);
/** One track per detector, source and kind: OBS and the probe both finding silence are two voices, not one. */
const trackKey = (detector: DetectorName, kind: IncidentKind, from?: string) =>
  from === undefined ? `${detector}/${kind}` : `${detector}@${from}/${kind}`;

export function step(
  state: IncidentsState,
  input: IncidentInput,
  now: EpochMs,
): { state: IncidentsState; effects: IncidentEffect[] } {
  const effects: IncidentEffect[] = [];
  let s = state;
  if (input.type === 'finding') s = onFinding(s, input.finding, now, effects);
  else if (input.type === 'healthy') s = onHealthy(s, input.kind, input.since, input.detector, input.from);
  else if (input.type === 'open') s = onOpen(s, input, now, effects);
  else if (input.type === 'keep-open') s = onKeepOpen(s, input, now, effects);
  else if (input.type !== 'tick') s = onOperator(s, input, now, effects);
  return { state: reviewLive(s, now, effects), effects };
}

/** All incidents, oldest first. */
export function listIncidents(state: IncidentsState): Incident[] {
  return Object.values(state.incidents).sort((a, b) => a.openedAt - b.openedAt || a.id.localeCompare(b.id));
}

const error = (effects: IncidentEffect[], code: IncidentErrorCode, message: string, incidentId?: IncidentId) =>
  effects.push({ type: 'error', code, message, ...(incidentId ? { incidentId } : {}) });

function onFinding(s: IncidentsState, f: Finding, now: EpochMs, effects: IncidentEffect[]): IncidentsState {
  const key = trackKey(f.detector, f.kind, f.from);
  if (s.tracks[key]?.muted) return s;
  let seq = s.seq;
  let prev = s.incidents[s.live[f.kind] ?? ''];
  const opening = prev === undefined;
  if (opening) {
    seq++;
    prev = {
      id: `${s.config.idPrefix}${seq}` as IncidentId,
      kind: f.kind,
      title: f.title,
      status: 'detected',
      severity: f.severity,
      confidence: 0,
      signalConfidence: 0,
      chatConfidence: 0,
      openedAt: now,
      firstEvidenceAt: f.startedAt,
      detectedBy: f.source,
      detectors: [],
      evidence: [],
      transitions: [{ from: null, to: 'detected', at: now, operator: ENGINE, note: f.title }],
      updatedAt: now,
    };
  }
  const id = prev.id;
  const signalConfidence = Math.max(prev.signalConfidence, f.source === 'signal' ? f.confidence : 0);
  const chatConfidence = Math.max(prev.chatConfidence, f.source === 'chat' ? f.confidence : 0);
  const old = s.tracks[key];
  const worst =
    old && old.incidentId === id && severityRank(old.severity) > severityRank(f.severity) ? old.severity : f.severity;
  const tracks = {
    ...s.tracks,
    [key]: { incidentId: id, source: f.source, active: true, healthySince: null, muted: false, severity: worst },
  };
  // A fresh signal finding cancels a recovery proposal; a chat finding only when chat is all there is.
  const cancels = f.source === 'signal' || signalConfidence === 0;
  const merged: Incident = {
    ...prev,
    // A chat-opened incident takes the signal detector's more precise title.
    title: prev.detectedBy === 'chat' && f.source === 'signal' ? f.title : prev.title,
    confidence: prev.detectedBy === 'manual' ? 1 : fuseConfidence(signalConfidence, chatConfidence),
    signalConfidence,
    chatConfidence,
    firstEvidenceAt: Math.min(prev.firstEvidenceAt, f.startedAt),
    detectedBy: prev.detectedBy === 'manual' || prev.detectedBy === f.source ? prev.detectedBy : 'both',
    detectors: prev.detectors.includes(f.detector) ? prev.detectors : [...prev.detectors, f.detector],
    evidence: capEvidence([...prev.evidence, ...f.evidence], s.config.evidenceCap),
    updatedAt: now,
    recoveryProposedAt: cancels ? undefined : prev.recoveryProposedAt,
  };
  const incident = { ...merged, severity: severityOf(merged, tracksOf(tracks, id), now, s.config) };
  effects.push({ type: opening ? 'incident-opened' : 'incident-updated', incident });
  const live = opening ? { ...s.live, [f.kind]: id } : s.live;
  return { ...s, seq, incidents: { ...s.incidents, [id]: incident }, live, tracks };
}

function onHealthy(
  s: IncidentsState,
  kind: IncidentKind,
  since: EpochMs,
  detector?: DetectorName,
  from?: string,
): IncidentsState {
  let tracks: Record<string, DetectorTrack> | null = null;
  for (const [key, t] of Object.entries(s.tracks)) {
    if (!key.endsWith(`/${kind}`) || (detector !== undefined && key !== trackKey(detector, kind, from))) continue;
    tracks ??= { ...s.tracks };
    if (t.muted) delete tracks[key];
    else if (t.active) tracks[key] = { ...t, active: false, healthySince: since };
  }
  return tracks ? { ...s, tracks } : s;
}

function onOpen(
  s: IncidentsState,
  input: Extract<IncidentInput, { type: 'open' }>,
  now: EpochMs,
  effects: IncidentEffect[],
): IncidentsState {
  if (!input.operator.trim() || !input.title.trim())
    return (error(effects, 'invalid-input', 'operator and title are required'), s);
  const liveId = s.live[input.kind];
  // Several 'other' incidents may be open at once (slides, Q&A tool…); one per kind otherwise.
  if (liveId !== undefined && input.kind !== 'other') {
    return (error(effects, 'kind-already-open', `a ${input.kind} incident is already open (${liveId})`, liveId), s);
  }
  const seq = s.seq + 1;
  const id = input.id ?? (`${s.config.idPrefix}${seq}` as IncidentId);
  if (s.incidents[id]) return (error(effects, 'invalid-input', `incident id ${id} already exists`, id), s);
  // The operator has seen the problem already: a manual incident starts acknowledged.
  const incident: Incident = {
    id,
    kind: input.kind,
    title: input.title.trim(),
    status: 'acknowledged',
    severity: BASE_SEVERITY[input.kind],
    confidence: 1,
    signalConfidence: 0,
    chatConfidence: 0,
    openedAt: now,
    firstEvidenceAt: now,
    detectedBy: 'manual',
    detectors: [],
    evidence: input.note ? [{ type: 'note', ts: now, detector: 'operator', text: input.note }] : [],
    transitions: [
      {
        from: null,
        to: 'acknowledged',
        at: now,
        operator: input.operator,
        ...(input.note ? { note: input.note } : {}),
      },
    ],
    updatedAt: now,
  };
  effects.push({ type: 'incident-opened', incident });
  return { ...s, seq, incidents: { ...s.incidents, [id]: incident }, live: { ...s.live, [input.kind]: id } };
}

function onKeepOpen(
  s: IncidentsState,
  input: Extract<IncidentInput, { type: 'keep-open' }>,
  now: EpochMs,
  effects: IncidentEffect[],
): IncidentsState {
  const prev = s.incidents[input.incidentId];
  if (!prev) return (error(effects, 'unknown-incident', `no incident ${input.incidentId}`, input.incidentId), s);
  if (!input.operator.trim()) return (error(effects, 'invalid-input', 'operator is required', prev.id), s);
  if (!prev.carriedOver || isClosed(prev)) {
    return (
      error(effects, 'invalid-transition', `incident ${prev.id} is not an open carried-over incident`, prev.id),
      s
    );
  }
  const incident: Incident = {
    ...prev,
    carriedOver: { ...prev.carriedOver, keptOpen: { operator: input.operator, at: now } },
    updatedAt: now,
  };
  effects.push({ type: 'incident-updated', incident });
  return { ...s, incidents: { ...s.incidents, [prev.id]: incident } };
}

function onOperator(
  s: IncidentsState,
  input: { type: OperatorAction; incidentId: IncidentId; operator: string; note?: string },
  now: EpochMs,
  effects: IncidentEffect[],
): IncidentsState {
  const prev = s.incidents[input.incidentId];
  if (!prev) return (error(effects, 'unknown-incident', `no incident ${input.incidentId}`, input.incidentId), s);
  if (!input.operator.trim()) return (error(effects, 'invalid-input', 'operator is required', prev.id), s);
  if (input.type === 'false-alarm' && !input.note?.trim())
    return (error(effects, 'invalid-input', 'a false alarm needs its reason', prev.id), s);
  const liveId = s.live[prev.kind];
  if (input.type === 'reopen' && liveId !== undefined && liveId !== prev.id && prev.kind !== 'other') {
    return (error(effects, 'kind-already-open', `a ${prev.kind} incident is already open (${liveId})`, prev.id), s);
  }
  const rule = LIFECYCLE[input.type];
  if (!rule || !rule.from.includes(prev.status)) {
    return (
      error(effects, 'invalid-transition', `cannot ${input.type} an incident that is ${prev.status}`, prev.id),
      s
    );
  }
  const reopen = input.type === 'reopen';
  const note = input.note?.trim();
  const incident: Incident = {
    ...prev,
    status: rule.to,
    transitions: [
      ...prev.transitions,
      {
        from: prev.status,
        to: rule.to,
        at: now,
        operator: input.operator,
        ...(note ? { note } : {}),
      },
    ],
    updatedAt: now,
    resolvedAt: rule.to === 'resolved' ? now : reopen ? undefined : prev.resolvedAt,
    recoveryProposedAt: reopen ? undefined : prev.recoveryProposedAt,
  };
  effects.push({ type: 'incident-transitioned', incident });
  const incidents = { ...s.incidents, [prev.id]: incident };
  const live = { ...s.live };
  const tracks = { ...s.tracks };
  if (isClosed(incident)) {
    if (live[prev.kind] === prev.id) delete live[prev.kind];
    const otherOpen = Object.values(incidents)
      .filter((i) => i.kind === 'other' && !isClosed(i))
      .sort((a, b) => b.openedAt - a.openedAt)[0];
    if (prev.kind === 'other' && otherOpen) live.other = otherOpen.id;
    for (const [key, t] of Object.entries(tracks)) {
      if (t.incidentId !== prev.id) continue;
      if (t.active) tracks[key] = { ...t, muted: true };
      else delete tracks[key];
    }
  } else if (reopen) {
    live[prev.kind] = prev.id;
    for (const [key, t] of Object.entries(tracks))
      if (t.incidentId === prev.id && t.muted) tracks[key] = { ...t, muted: false };
  }
  return { ...s, incidents, live, tracks };
}

function tracksOf(tracks: Readonly<Record<string, DetectorTrack>>, id: IncidentId): DetectorTrack[] {
  const out: DetectorTrack[] = [];
  for (const key in tracks) if (tracks[key].incidentId === id && !tracks[key].muted) out.push(tracks[key]);
  return out;
}

function severityOf(i: Incident, tracks: readonly DetectorTrack[], now: EpochMs, cfg: IncidentEngineConfig): Severity {
  if (i.detectedBy === 'manual' && tracks.length === 0) return i.severity;
  return severityFor(
    {
      kind: i.kind,
      reported: tracks.map((t) => t.severity),
      confidence: i.detectedBy === 'manual' ? 0 : i.confidence,
      ongoingMs: tracks.some((t) => t.active) ? now - i.firstEvidenceAt : 0,
      current: i.severity,
    },
    cfg,
  );
}

/** Time-driven changes of live incidents: escalation with duration, and recovery proposals. */
function reviewLive(s: IncidentsState, now: EpochMs, effects: IncidentEffect[]): IncidentsState {
  let incidents: Record<string, Incident> | null = null;
  for (const kind in s.live) {
    const prev = s.incidents[s.live[kind as IncidentKind] as IncidentId];
    const tracks = tracksOf(s.tracks, prev.id);
    const severity = severityOf(prev, tracks, now, s.config);
    let recoveryProposedAt = prev.recoveryProposedAt;
    if (recoveryProposedAt === undefined && tracks.length > 0) {
      const signal = tracks.filter((t) => t.source === 'signal');
      const judged = signal.length > 0 ? signal : tracks;
      const since = Math.max(...judged.map((t) => (t.active || t.healthySince === null ? Infinity : t.healthySince)));
      if (now - since >= s.config.recoveryHoldMs) recoveryProposedAt = now;
    }
    if (severity === prev.severity && recoveryProposedAt === prev.recoveryProposedAt) continue;
    const incident = { ...prev, severity, recoveryProposedAt, updatedAt: now };
    if (recoveryProposedAt !== prev.recoveryProposedAt)
      effects.push({ type: 'recovery-proposed', incidentId: prev.id, at: now });
    effects.push({ type: 'incident-updated', incident });
    (incidents ??= { ...s.incidents })[prev.id] = incident;
  }
  return incidents ? { ...s, incidents } : s;
}
