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
}

type StreamState = 'online' | 'offline';

/** One health sample, nominally one per second. */
export interface HealthSample {
  ts: EpochMs;
  /** RMS audio level in dBFS (−120 … 0). */
  audioLevelDb: number;
  /** Audio packets received per second. */
  audioPacketsPerSec: number;
  videoFps: number;
  bitrateKbps: number;
  /** Frames dropped since the previous sample. */
  droppedFrames: number;
  streamState: StreamState;
  viewers: number;
}

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
  truth?: FaultTruth[];
}

export const CONNECTION_STATUSES = ['connecting', 'online', 'offline', 'stopped'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];
export interface ConnectionState {
  status: ConnectionStatus;
  url: string;
  since: EpochMs;
  attempt: number;
  lastError?: string;
}
