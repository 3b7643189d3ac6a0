/**
 * The detection pipeline: health samples, chat messages and clock ticks go in; every detector folds
 * them, their reports go through the incident engine, and incident effects come out. The same code
 * runs live (the service layer feeds it and persists the effects) and in benchmarks and reviews
 * (a scenario replay feeds it with the scenario's own timestamps).
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
  type OperatorAction,
} from '../incident';
import {
  AUDIO_CLIPPING_DEFAULTS,
  initialAudioClipping,
  stepAudioClipping,
  type AudioClippingConfig,
  type AudioClippingState,
} from './audio-clipping';
import {
  AUDIO_SILENCE_DEFAULTS,
  initialAudioSilence,
  stepAudioSilence,
  type AudioSilenceConfig,
  type AudioSilenceState,
} from './audio-silence';
import {
  CHAT_COMPLAINTS_DEFAULTS,
  initialChatComplaints,
  stepChatComplaints,
  type ChatComplaintsConfig,
  type ChatComplaintsState,
} from './chat-complaints';
import {
  CHAT_FLOOD_DEFAULTS,
  initialChatFlood,
  stepChatFlood,
  type ChatFloodConfig,
  type ChatFloodState,
} from './chat-flood';
import {
  initialSourceQuiet,
  SOURCE_QUIET_DEFAULTS,
  stepSourceQuiet,
  type SourceQuietConfig,
  type SourceQuietState,
} from './source-quiet';
import {
  initialStreamOffline,
  STREAM_OFFLINE_DEFAULTS,
  stepStreamOffline,
  type StreamOfflineConfig,
  type StreamOfflineState,
} from './stream-offline';
import type { DetectorReport } from './types';
import {
  initialVideoDegraded,
  stepVideoDegraded,
  VIDEO_DEGRADED_DEFAULTS,
  type VideoDegradedConfig,
  type VideoDegradedState,
} from './video-degraded';
import {
  initialVideoFrozen,
  stepVideoFrozen,
  VIDEO_FROZEN_DEFAULTS,
  type VideoFrozenConfig,
  type VideoFrozenState,
} from './video-frozen';

export interface DetectionConfig {
  audioSilence: AudioSilenceConfig;
  audioClipping: AudioClippingConfig;
  videoFrozen: VideoFrozenConfig;
  videoDegraded: VideoDegradedConfig;
  streamOffline: StreamOfflineConfig;
  sourceQuiet: SourceQuietConfig;
  chatComplaints: ChatComplaintsConfig;
  chatFlood: ChatFloodConfig;
  incidents: IncidentEngineConfig;
}

/** Any subset of any detector's thresholds; the rest are the defaults. */
export type DetectionConfigInput = { [K in keyof DetectionConfig]?: Partial<DetectionConfig[K]> };

export function resolveDetectionConfig(c: DetectionConfigInput = {}): DetectionConfig {
  return {
    audioSilence: { ...AUDIO_SILENCE_DEFAULTS, ...c.audioSilence },
    audioClipping: { ...AUDIO_CLIPPING_DEFAULTS, ...c.audioClipping },
    videoFrozen: { ...VIDEO_FROZEN_DEFAULTS, ...c.videoFrozen },
    videoDegraded: { ...VIDEO_DEGRADED_DEFAULTS, ...c.videoDegraded },
    streamOffline: { ...STREAM_OFFLINE_DEFAULTS, ...c.streamOffline },
    sourceQuiet: { ...SOURCE_QUIET_DEFAULTS, ...c.sourceQuiet },
    chatComplaints: { ...CHAT_COMPLAINTS_DEFAULTS, ...c.chatComplaints },
    chatFlood: { ...CHAT_FLOOD_DEFAULTS, ...c.chatFlood },
    incidents: createIncidentsState(c.incidents).config,
  };
}

export interface PipelineState {
  readonly audioSilence: AudioSilenceState;
  readonly audioClipping: AudioClippingState;
  readonly videoFrozen: VideoFrozenState;
  readonly videoDegraded: VideoDegradedState;
  readonly streamOffline: StreamOfflineState;
  readonly sourceQuiet: SourceQuietState;
  readonly chatComplaints: ChatComplaintsState;
  readonly chatFlood: ChatFloodState;
  readonly incidents: IncidentsState;
}

export function initialPipelineState(config: DetectionConfig, restored?: readonly Incident[]): PipelineState {
  return {
    audioSilence: initialAudioSilence,
    audioClipping: initialAudioClipping,
    videoFrozen: initialVideoFrozen,
    videoDegraded: initialVideoDegraded,
    streamOffline: initialStreamOffline,
    sourceQuiet: initialSourceQuiet,
    chatComplaints: initialChatComplaints,
    chatFlood: initialChatFlood,
    incidents: restored ? restoreIncidentsState(config.incidents, restored) : createIncidentsState(config.incidents),
  };
}

/** Operator actions pass straight to the incident engine. */
export type OperatorInput = Extract<IncidentInput, { type: 'open' | OperatorAction }>;

export type PipelineInput =
  | { type: 'health'; sample: HealthSample }
  | { type: 'chat'; message: ChatMessage }
  /** Time passes with no input: lets "source went quiet", chat calm-down and recovery holds happen. */
  | { type: 'tick' }
  | OperatorInput;

export interface PipelineStep {
  state: PipelineState;
  /** What the service layer persists / broadcasts. */
  effects: readonly IncidentEffect[];
  /** Raw detector output (for the timeline review). */
  reports: readonly DetectorReport[];
}

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
  let reports: DetectorReport[] | null = null;
  let next = s;
  let tickEngine = false;
  switch (input.type) {
    case 'health': {
      const x = input.sample;
      const a = stepAudioSilence(s.audioSilence, x, now, cfg.audioSilence);
      const b = stepAudioClipping(s.audioClipping, x, now, cfg.audioClipping);
      const c = stepVideoFrozen(s.videoFrozen, x, now, cfg.videoFrozen);
      const d = stepVideoDegraded(s.videoDegraded, x, now, cfg.videoDegraded);
      const e = stepStreamOffline(s.streamOffline, x, now, cfg.streamOffline);
      const f = stepSourceQuiet(s.sourceQuiet, { type: 'sample', sample: x }, now, cfg.sourceQuiet);
      for (const r of [a, b, c, d, e, f]) reports = collect(reports, r.reports);
      next = {
        ...s,
        audioSilence: a.state,
        audioClipping: b.state,
        videoFrozen: c.state,
        videoDegraded: d.state,
        streamOffline: e.state,
        sourceQuiet: f.state,
      };
      tickEngine = true;
      break;
    }
    case 'chat': {
      const c = stepChatComplaints(
        s.chatComplaints,
        { type: 'message', message: input.message },
        now,
        cfg.chatComplaints,
      );
      const f = stepChatFlood(s.chatFlood, { type: 'message', message: input.message }, now, cfg.chatFlood);
      reports = collect(collect(reports, c.reports), f.reports);
      next = { ...s, chatComplaints: c.state, chatFlood: f.state };
      break;
    }
    case 'tick': {
      const q = stepSourceQuiet(s.sourceQuiet, input, now, cfg.sourceQuiet);
      const c = stepChatComplaints(s.chatComplaints, input, now, cfg.chatComplaints);
      const f = stepChatFlood(s.chatFlood, input, now, cfg.chatFlood);
      reports = collect(collect(collect(reports, q.reports), c.reports), f.reports);
      next = { ...s, sourceQuiet: q.state, chatComplaints: c.state, chatFlood: f.state };
      tickEngine = true;
      break;
    }
    default: {
      const r = stepIncidents(s.incidents, input, now);
      return { state: { ...s, incidents: r.state }, effects: r.effects, reports: NO_REPORTS };
    }
  }
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
  return {
    state: incidents === next.incidents ? next : { ...next, incidents },
    effects: effects ?? NO_EFFECTS,
    reports: reports ?? NO_REPORTS,
  };
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
