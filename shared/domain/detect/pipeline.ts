/**
 * The detection pipeline: health samples, chat messages and clock ticks go in; every detector folds
 * them, their reports go through the incident engine, and incident effects come out. The same code
 * runs live (the service layer feeds it and persists the effects) and in benchmarks and reviews
 * (a scenario replay feeds it with the scenario's own timestamps).
 *
 * Each source's signals are judged on their own: a sample stamped with a source folds that source's own
 * detector states (OBS's silent microphone and the probe's program level never share a hold timer), and
 * the findings name the source (`from`, and on each sample in the evidence). The incident engine then fuses
 * them by kind, with the chat: one incident, evidence from each.
 *
 * `stepPipeline` is the pure fold; `createDetectionPipeline` is a convenience that holds the state.
 * Quiet inputs cost little: a healthy sample allocates a few small objects and no arrays.
 */
import type { ChatMessage, EpochMs, HealthSample } from '../../types';
import {
  createIncidentsState,
  listIncidents,
  restoreIncidentsState,
  step as stepIncidents,
  type Incident,
  type IncidentEffect,
  type IncidentEngineConfig,
  type IncidentInput,
  type IncidentsState,
} from '../incident';
import type { DetectorInput, DetectorInputType } from './detector';
import { DETECTORS, type DetectorConfigs, type DetectorName, type DetectorStates } from './registry';
import type { DetectorReport, DetectorStep } from './types';
import type { OperatorAction } from '../vocabulary';

/** Every detector's thresholds under its name (see registry.ts), and the incident engine's. */
export interface DetectionConfig extends DetectorConfigs {
  incidents: IncidentEngineConfig;
}

/** Any subset of any detector's thresholds; the rest are the defaults. */
export type DetectionConfigInput = { [K in keyof DetectionConfig]?: Partial<DetectionConfig[K]> };

export function resolveDetectionConfig(c: DetectionConfigInput = {}): DetectionConfig {
  const detectors = Object.fromEntries(DETECTORS.map((d) => [d.name, { ...d.defaults, ...c[d.name] }]));
  return { ...(detectors as DetectorConfigs), incidents: createIncidentsState(c.incidents).config };
}

export interface PipelineState {
  /** Every detector's fold state under its name: the chat's, and the signals of a source without a name. */
  readonly detectors: DetectorStates;
  /** The signal detectors' states of each named source. */
  readonly bySource: Readonly<Record<string, DetectorStates>>;
  readonly incidents: IncidentsState;
}

const INITIAL_STATES = Object.fromEntries(DETECTORS.map((d) => [d.name, d.initial])) as DetectorStates;

export function initialPipelineState(config: DetectionConfig, restored?: readonly Incident[]): PipelineState {
  return {
    detectors: INITIAL_STATES,
    bySource: {},
    incidents: restored ? restoreIncidentsState(config.incidents, restored) : createIncidentsState(config.incidents),
  };
}

/** Operator actions (and the answer to a carried-over incident's "Still happening?") pass straight to the engine. */
export type OperatorInput = Extract<IncidentInput, { type: 'open' | 'keep-open' | OperatorAction }>;

/** What detectors fold (see detector.ts), or an operator's action. */
export type PipelineInput = DetectorInput | OperatorInput;

export interface PipelineStep {
  state: PipelineState;
  /** What the service layer persists / broadcasts. */
  effects: readonly IncidentEffect[];
  /** Raw detector output (for the timeline review). */
  reports: readonly DetectorReport[];
}

/** A registered detector as the pipeline sees it: state and config are whatever sits under its name. */
interface AnyDetector {
  readonly name: DetectorName;
  readonly consumes: readonly DetectorInputType[];
  step(state: unknown, input: DetectorInput, now: EpochMs, config: unknown): DetectorStep<unknown>;
}

const REGISTERED: readonly AnyDetector[] = DETECTORS;
const consumersOf = (t: DetectorInputType) => REGISTERED.filter((d) => d.consumes.includes(t));
/** Per input type, the detectors that consume it, in registry order. */
const CONSUMERS: Readonly<Record<DetectorInputType, readonly AnyDetector[]>> = {
  health: consumersOf('health'),
  chat: consumersOf('chat'),
  tick: consumersOf('tick'),
};
/** What a named source's states see of time passing: the signal detectors that also tick (source-quiet). */
const SOURCE_TICKERS = CONSUMERS.tick.filter((d) => d.consumes.includes('health'));
/**
 * Whether the incident engine ticks (recovery holds) on an input that gave no report. Health samples
 * and ticks do; chat messages come by the dozen per second and leave that to them.
 */
const ENGINE_TICKS: Readonly<Record<DetectorInputType, boolean>> = { health: true, chat: false, tick: true };

const NO_EFFECTS: readonly IncidentEffect[] = Object.freeze([]) as readonly IncidentEffect[];
const NO_REPORTS: readonly DetectorReport[] = Object.freeze([]) as readonly DetectorReport[];
const TICK: IncidentInput = Object.freeze({ type: 'tick' });

function collect(into: DetectorReport[] | null, more: readonly DetectorReport[]): DetectorReport[] | null {
  if (more.length === 0) return into;
  if (into === null) return more.slice();
  for (const r of more) into.push(r);
  return into;
}

export function stepPipeline(s: PipelineState, input: PipelineInput, now: EpochMs, cfg: DetectionConfig): PipelineStep {
  switch (input.type) {
    case 'health':
    case 'chat':
    case 'tick':
      return detect(s, input, now, cfg);
    default: {
      const r = stepIncidents(s.incidents, input, now);
      return { state: { ...s, incidents: r.state }, effects: r.effects, reports: NO_REPORTS };
    }
  }
}

type Fold = { states: DetectorStates; reports: DetectorReport[] | null };

/** `detectors` fold the input in `states`; a named source's reports are stamped with its name. */
function foldDetectors(
  states: DetectorStates,
  detectors: readonly AnyDetector[],
  input: DetectorInput,
  now: EpochMs,
  cfg: DetectionConfig,
  into: DetectorReport[] | null,
  from?: string,
): Fold {
  let next: Record<DetectorName, unknown> | null = null;
  let reports = into;
  for (const d of detectors) {
    const r = d.step(states[d.name], input, now, cfg[d.name]);
    if (r.state !== states[d.name]) (next ??= { ...states })[d.name] = r.state;
    reports = collect(reports, from === undefined ? r.reports : r.reports.map((x) => fromSource(x, from)));
  }
  return { states: (next as DetectorStates | null) ?? states, reports };
}

function fromSource(r: DetectorReport, from: string): DetectorReport {
  if (r.type === 'healthy') return { ...r, from };
  const evidence = r.finding.evidence.map((e) => (e.type === 'sample' ? { ...e, from } : e));
  return { ...r, finding: { ...r.finding, from, evidence } };
}

/** Every detector that consumes the input folds it; their reports, in registry order, go to the engine. */
function detect(s: PipelineState, input: DetectorInput, now: EpochMs, cfg: DetectionConfig): PipelineStep {
  let { detectors, bySource } = s;
  let reports: DetectorReport[] | null = null;
  const from = input.type === 'health' ? input.sample.source : undefined;
  if (from === undefined) {
    ({ states: detectors, reports } = foldDetectors(detectors, CONSUMERS[input.type], input, now, cfg, null));
  }
  if (from !== undefined || input.type === 'tick') {
    const named = from === undefined ? Object.keys(bySource) : [from];
    const consumers = from === undefined ? SOURCE_TICKERS : CONSUMERS.health;
    for (const key of named) {
      const before = bySource[key] ?? INITIAL_STATES;
      const r = foldDetectors(before, consumers, input, now, cfg, reports, key);
      reports = r.reports;
      if (r.states !== before || !(key in bySource)) bySource = { ...bySource, [key]: r.states };
    }
  }
  const next = { detectors, bySource, incidents: s.incidents };
  const tickEngine = ENGINE_TICKS[input.type];
  if (reports === null && !tickEngine) return { state: next, effects: NO_EFFECTS, reports: NO_REPORTS };
  let incidents = next.incidents;
  let effects: IncidentEffect[] | null = null;
  for (const r of reports ?? NO_REPORTS) {
    const out = stepIncidents(incidents, r, now);
    incidents = out.state;
    if (out.effects.length) (effects ??= []).push(...out.effects);
  }
  if (tickEngine && reports === null) {
    const out = stepIncidents(incidents, TICK, now);
    incidents = out.state;
    if (out.effects.length) (effects ??= []).push(...out.effects);
  }
  if (incidents !== next.incidents) next.incidents = incidents;
  return { state: next, effects: effects ?? NO_EFFECTS, reports: reports ?? NO_REPORTS };
}

export interface DetectionPipeline {
  readonly config: DetectionConfig;
  /** Current state (immutable snapshot: keep it to replay or inspect). */
  readonly state: PipelineState;
  /** `now` defaults to the sample's / message's own timestamp (replays); pass the wall clock live. */
  health(sample: HealthSample, now?: EpochMs): readonly IncidentEffect[];
  chat(message: ChatMessage, now?: EpochMs): readonly IncidentEffect[];
  tick(now: EpochMs): readonly IncidentEffect[];
  operator(input: OperatorInput, now: EpochMs): readonly IncidentEffect[];
  push(input: PipelineInput, now: EpochMs): PipelineStep;
  incidents(): Incident[];
}

/** `restored`: incidents stored before a restart of Onair during the same event (see restoreIncidentsState). */
export function createDetectionPipeline(
  config: DetectionConfigInput = {},
  restored?: readonly Incident[],
): DetectionPipeline {
  const cfg = resolveDetectionConfig(config);
  let state = initialPipelineState(cfg, restored);
  const push = (input: PipelineInput, now: EpochMs): PipelineStep => {
    const r = stepPipeline(state, input, now, cfg);
    state = r.state;
    return r;
  };
  return {
    config: cfg,
    get state() {
      return state;
    },
    health: (sample, now = sample.ts) => push({ type: 'health', sample }, now).effects,
    chat: (message, now = message.ts) => push({ type: 'chat', message }, now).effects,
    tick: (now) => push({ type: 'tick' }, now).effects,
    operator: (input, now) => push(input, now).effects,
    push,
    incidents: () => listIncidents(state.incidents),
  };
}
