/**
 * What a detector is: a named fold over the inputs it consumes, with its default thresholds and its
 * initial state, and what it reports (findings, evidence, healthy reports).
 *
 * Everything here is parametric in the detector's name `N`, so a detector module is typed without
 * knowing the others, and can only report under its own name. The registry (registry.ts) lists the
 * detectors; types.ts closes these types over the registered names for the rest of the app.
 */
import type { ChatMessage, EpochMs, HealthSample } from '../../types';
import type { IncidentKind } from '../vocabulary';

/** Where a finding came from: the health stream (signal) or the audience's words (chat). */
export type FindingSource = 'signal' | 'chat';
export type Severity = 'low' | 'medium' | 'high' | 'critical';

export const SEVERITY_ORDER: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
export function severityRank(s: Severity): number {
  return SEVERITY_ORDER.indexOf(s);
}

export type HealthMetric =
  | 'audioLevelDb'
  | 'audioPacketsPerSec'
  | 'videoFps'
  | 'bitrateKbps'
  | 'streamState'
  | 'sampleGapMs'
  | 'inputLevelDb'
  | 'inputPeakDb'
  | 'muted'
  | 'congestion'
  | 'droppedFrames'
  | 'skippedFrames'
  | 'blackMs'
  | 'frozenMs'
  /** The platform's grade of the stream: 0 no data, 1 bad. */
  | 'platformHealth';

/**
 * One piece of evidence an operator can inspect: a sample value, a chat message, or a note. A sample names the
 * source that measured it (`from`, set by the pipeline) and, for an encoder input, the input; a chat line names
 * the platform whose chat carried it (`from`, absent for the time line's own chat).
 */
export type EvidenceOf<N extends string> =
  | { type: 'sample'; ts: EpochMs; detector: N; metric: HealthMetric; value: number; from?: string; input?: string }
  | { type: 'chat'; ts: EpochMs; detector: N; messageId: string; author: string; text: string; from?: string }
  | { type: 'note'; ts: EpochMs; detector: N | 'operator'; text: string };

/** What a detector concluded. */
export interface FindingOf<N extends string> {
  kind: IncidentKind;
  source: FindingSource;
  detector: N;
  /** Short human title, e.g. "Audio lost (no audio packets)". */
  title: string;
  /** 0..1: how sure the detector is that the problem is real. */
  confidence: number;
  severity: Severity;
  /** When the bad condition began (first bad sample / first complaint of the burst). */
  startedAt: EpochMs;
  /** When the detector concluded (after its hold time). */
  at: EpochMs;
  evidence: readonly EvidenceOf<N>[];
  /** The source whose signals it judged (set by the pipeline; absent for chat and single-source sessions). */
  from?: string;
}

/** A detector's output: a finding, or "my signal is healthy again since `since`". */
export type DetectorReportOf<N extends string> =
  | { type: 'finding'; finding: FindingOf<N> }
  | { type: 'healthy'; kind: IncidentKind; detector: N; since: EpochMs; from?: string };

/** Result of one detector fold step. `reports` is a shared frozen empty array when nothing happened. */
export interface DetectorStepOf<S, N extends string> {
  state: S;
  reports: readonly DetectorReportOf<N>[];
}

/**
 * Whether the program is on air as far as this sample knows: a stream that is offline or reconnecting is not
 * (stream-offline owns that), and a source that knows nothing of the stream (the probe hears the program; OBS
 * used as a virtual camera never streams) is taken at its word.
 */
export const onAir = (sample: HealthSample): boolean =>
  sample.streamState === undefined || sample.streamState === 'online';

export const NO_REPORTS: readonly DetectorReportOf<never>[] = Object.freeze([]);

/** What a detector can be fed: a health sample, a chat message, or time passing with no input. */
export type DetectorInput =
  | { readonly type: 'health'; readonly sample: HealthSample }
  | { readonly type: 'chat'; readonly message: ChatMessage }
  /** Time passes with no input: lets "source went quiet", chat calm-down and recovery holds happen. */
  | { readonly type: 'tick' };
export type DetectorInputType = DetectorInput['type'];

/**
 * One detector: `step` is the pure fold `(state, input, now, config) → { state, reports }`; the
 * pipeline hands it only the inputs listed in `consumes`, and its config is `defaults` overridden by
 * whatever the caller sets under the detector's name.
 */
export interface Detector<N extends string, C, S, I extends DetectorInputType = DetectorInputType> {
  readonly name: N;
  readonly defaults: C;
  readonly initial: S;
  readonly consumes: readonly I[];
  step(state: S, input: Extract<DetectorInput, { type: I }>, now: EpochMs, config: C): DetectorStepOf<S, N>;
}
