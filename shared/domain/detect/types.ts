/**
 * Vocabulary of the detection layer: what a detector concludes (a finding), the evidence it shows,
 * and the healthy report it sends when its signal recovers. Detectors are folds
 * `(state, signal, now, config) → { state, reports }`; the reports feed the incident engine unchanged.
 *
 * These are detector.ts's types closed over the registered detector names (registry.ts): the rest of
 * the app imports them from here; detector modules use detector.ts, which knows no registry.
 */
import type { DetectorReportOf, DetectorStepOf, EvidenceOf, FindingOf } from './detector';
import type { DetectorName } from './registry';

export type { DetectorName };
export type { FindingSource, HealthMetric, Severity } from './detector';
export { SEVERITY_ORDER, severityRank } from './detector';

/** One piece of evidence an operator can inspect: a sample value, a chat message, or a note. */
export type Evidence = EvidenceOf<DetectorName>;
/** What a detector concluded. */
export type Finding = FindingOf<DetectorName>;
/** A detector's output: a finding, or "my signal is healthy again since `since`". */
export type DetectorReport = DetectorReportOf<DetectorName>;
/** Result of one detector fold step. `reports` is a shared frozen empty array when nothing happened. */
export type DetectorStep<S> = DetectorStepOf<S, DetectorName>;
