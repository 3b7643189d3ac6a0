/**
 * Core vocabulary shared by main, renderer and the simulator.
 * Time is always epoch milliseconds (`EpochMs`); only the renderer formats it.
 */
import type { z } from 'zod';

/** zod's brand, so a schema's `.brand<'IncidentId'>()` yields exactly our branded type (no cast at the boundary). */
type Brand<T, B extends string> = T & z.$brand<B>;

export type EpochMs = number;
export type SessionId = Brand<string, 'SessionId'>;
export type IncidentId = Brand<string, 'IncidentId'>;

/** A chat message as the source delivered it (validated). */
export interface ChatMessage {
  /** Source-unique id: the source guarantees it never reuses one within a session. */
  id: string;
  author: string;
  text: string;
  ts: EpochMs;
  /** Optional language hint from the source (ISO 639-1). */
  lang?: string;
  /**
   * Set by Onair, never by a source (the schema drops the key): the source returned this id when it accepted
   * one of our own posts. Our posts are shown as ours and are never evidence of a complaint; a viewer who
   * calls themselves "Organiser" is still a viewer.
   */
  own?: true;
  /**
   * Set by Onair, never by a source: the platform source whose chat carried it ("youtube", "zoom-2"). Absent
   * for the chat of the time line's own source (the simulator, a socket.io source).
   */
  source?: string;
}

/** 'reconnecting': the encoder lost its ingest and is trying again (OBS says so before the platform does). */
export type StreamState = 'online' | 'offline' | 'reconnecting';

/** One audio input of the encoder (OBS: a microphone, a media source), as its meters read it. */
export interface InputLevel {
  /** The input's name in the encoder, e.g. "Mic/Aux". */
  name: string;
  /** Loudest channel after the input's fader and mute, dBFS; digital zero reads −120. */
  levelDb: number;
  /** Loudest channel before fader and mute: a muted microphone still shows the voice here. */
  inputPeakDb?: number;
  muted?: boolean;
}

/**
 * One reading of the program's health by one source. Every signal is optional: a source sends only what it
 * really measures (OBS: inputs, stream state, congestion, frames; the program probe: the level the audience
 * hears and the picture; the simulator: all of the classic ones). Detectors judge the signals present.
 */
export interface HealthSample {
  ts: EpochMs;
  /**
   * Which source measured it: set by Onair from the adapter that delivered it (never taken from a payload).
   * Absent in a session with a single source, as in events recorded before sources were named.
   */
  source?: string;
  /** Program audio, RMS dBFS (−120 … 0). */
  audioLevelDb?: number;
  /** Audio packets received per second. */
  audioPacketsPerSec?: number;
  /** Per-input meters, for the inputs the producer marked as the program's audio. */
  inputs?: InputLevel[];
  streamState?: StreamState;
  /** The encoder's output congestion, 0 (none) … 1 (nothing gets through). */
  congestion?: number;
  videoFps?: number;
  bitrateKbps?: number;
  /** Frames dropped on the way out since the previous sample. */
  droppedFrames?: number;
  /** Frames the encoder or renderer skipped since the previous sample (the machine cannot keep up). */
  skippedFrames?: number;
  /** Set while the picture is black: when it went black (the probe's blackdetect). */
  blackSince?: EpochMs;
  /** Set while the picture is frozen: when it froze (the probe's freezedetect, which reports after its hold). */
  frozenSince?: EpochMs;
  viewers?: number;
  /** What the platform says of the stream it receives (YouTube liveStreams status.healthStatus.status). */
  platformHealth?: PlatformHealth;
  /**
   * The platform's own words on what is wrong, as it said them: YouTube's configurationIssues, a Zoom
   * webinar.alert ("Unstable audio quality"). Empty: the platform reports nothing wrong now.
   */
  platformIssues?: string[];
}

export type PlatformHealth = 'good' | 'ok' | 'bad' | 'noData';

/** Ground truth of a scripted fault, known only to scenarios (used by benchmarks and review). */
export type FaultKind =
  'audio-loss' | 'audio-clipping' | 'frozen-video' | 'video-degraded' | 'stream-drop' | 'source-dead' | 'chat-flood';
export interface FaultTruth {
  kind: FaultKind;
  startTs: EpochMs;
  endTs: EpochMs;
  label?: string;
}

/** Sent by a source once on (re)connect: what is playing. */
export interface SourceHello {
  source: string;
  eventName: string;
  scenario?: string;
  startedAt: EpochMs;
  speed: number;
  /**
   * The source's own session time as it sends the hello. A fast source that Onair joins mid-run is already
   * far into its time line; without it, Onair assumes the run started when the hello arrived.
   */
  now?: EpochMs;
  truth?: FaultTruth[];
}

/**
 * Why ingest refused a payload (it is quarantined: stored with the reason, and counted under its kind).
 * - invalid: fails its schema (shape, types, limits, a lone surrogate in an id).
 * - out-of-window: a timestamp outside the session's time window (see ingest/time-window.ts).
 * - no-session: data before any source.hello, so no session to file it under.
 * - too-large: a batch over the batch limit.
 * - malformed-frame: a socket.io frame that does not decode.
 * - unknown-event: an event name the source protocol does not have.
 * - failed: Onair itself could not process it (a bug; the payload is kept so it can be looked at).
 */
export const QUARANTINE_KINDS = [
  'invalid',
  'out-of-window',
  'no-session',
  'too-large',
  'malformed-frame',
  'unknown-event',
  'failed',
] as const;
export type QuarantineKind = (typeof QUARANTINE_KINDS)[number];

export const CONNECTION_STATUSES = ['connecting', 'online', 'offline', 'stopped'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];
export interface ConnectionState {
  status: ConnectionStatus;
  url: string;
  since: EpochMs;
  attempt: number;
  lastError?: string;
  /** What is on the other end, once known: "OBS 29.0.2, obs-websocket 5.1.0, 3 scenes", "ffmpeg 5.1.6 (system)". */
  detail?: string;
}
