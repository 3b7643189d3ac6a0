/**
 * Vocabulary of the detection layer: what a detector concludes (a finding), the evidence it shows,
 * and the healthy report it sends when its signal recovers. Detectors are folds
 * `(state, signal, now, config) → { state, reports }`; the reports feed the incident engine unchanged.
 */
import type { EpochMs } from '../../types';

/** The kind of problem an incident is about. One live incident per kind (see incident.ts). */
export type IncidentKind = 'audio' | 'video' | 'stream' | 'other';
/** Where a finding came from: the health stream (signal) or the audience's words (chat). */
export type FindingSource = 'signal' | 'chat';
export type Severity = 'low' | 'medium' | 'high' | 'critical';

export const SEVERITY_ORDER: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
export function severityRank(s: Severity): number {
  return SEVERITY_ORDER.indexOf(s);
}

export type DetectorName =
  | 'audio-silence'
  | 'audio-clipping'
  | 'video-frozen'
  | 'video-degraded'
  | 'stream-offline'
  | 'source-quiet'
  | 'chat-complaints'
  | 'chat-flood';

export type HealthMetric =
  'audioLevelDb' | 'audioPacketsPerSec' | 'videoFps' | 'bitrateKbps' | 'streamState' | 'sampleGapMs';

/** One piece of evidence an operator can inspect: a sample value, a chat message, or a note. */
export type Evidence =
  | { type: 'sample'; ts: EpochMs; detector: DetectorName; metric: HealthMetric; value: number }
  | { type: 'chat'; ts: EpochMs; detector: DetectorName; messageId: string; author: string; text: string }
  | { type: 'note'; ts: EpochMs; detector: DetectorName | 'operator'; text: string };

/** What a detector concluded. */
export interface Finding {
  kind: IncidentKind;
  source: FindingSource;
  detector: DetectorName;
  /** Short human title, e.g. "Audio lost (no audio packets)". */
  title: string;
  /** 0..1: how sure the detector is that the problem is real. */
  confidence: number;
  severity: Severity;
  /** When the bad condition began (first bad sample / first complaint of the burst). */
  startedAt: EpochMs;
  /** When the detector concluded (after its hold time). */
  at: EpochMs;
  evidence: readonly Evidence[];
}

/** A detector's output: a finding, or "my signal is healthy again since `since`". */
export type DetectorReport =
  | { type: 'finding'; finding: Finding }
  | { type: 'healthy'; kind: IncidentKind; detector: DetectorName; since: EpochMs };

/** Result of one detector fold step. `reports` is a shared frozen empty array when nothing happened. */
export interface DetectorStep<S> {
  state: S;
  reports: readonly DetectorReport[];
}

export const NO_REPORTS: readonly DetectorReport[] = Object.freeze([]) as readonly DetectorReport[];
