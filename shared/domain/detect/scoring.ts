/**
 * How findings add up: confidence fusion, severity, and the evidence kept on an incident.
 * Small pure functions shared by the incident engine and its tests.
 */
import { type Evidence, type Severity, SEVERITY_ORDER, severityRank } from './types';
import type { IncidentKind } from '../vocabulary';

/** Severity of a kind before any evidence: stream > audio > video > other. */
export const BASE_SEVERITY: Readonly<Record<IncidentKind, Severity>> = {
  stream: 'high',
  audio: 'medium',
  video: 'low',
  other: 'low',
};

/**
 * Independent-evidence fusion (noisy-OR) of the best signal and the best chat confidence:
 * 0.9 from signals and 0.6 from chat give 0.96, more than either alone.
 */
export function fuseConfidence(signal: number, chat: number): number {
  return 1 - (1 - signal) * (1 - chat);
}

export interface SeverityInputs {
  kind: IncidentKind;
  /** Severities the detectors reported. */
  reported: readonly Severity[];
  confidence: number;
  /** How long the problem has been going on (0 when no detector is firing). */
  ongoingMs: number;
  /** Current severity: it never drops by itself while the incident is live. */
  current?: Severity;
}

export interface SeverityRules {
  escalateConfidence: number;
  escalateAfterMs: number;
}

/** The worst of kind and reports, one step up for high confidence, one more for a long problem. */
export function severityFor(x: SeverityInputs, rules: SeverityRules): Severity {
  let rank = severityRank(BASE_SEVERITY[x.kind]);
  for (const r of x.reported) rank = Math.max(rank, severityRank(r));
  if (x.confidence >= rules.escalateConfidence) rank++;
  if (x.ongoingMs >= rules.escalateAfterMs) rank++;
  if (x.current) rank = Math.max(rank, severityRank(x.current));
  return SEVERITY_ORDER[Math.min(rank, SEVERITY_ORDER.length - 1)];
}

/** Opening evidence always stays (what triggered the incident); the rest is the newest. */
const KEEP_FIRST = 10;
export function capEvidence(items: readonly Evidence[], cap: number): Evidence[] {
  if (items.length <= cap) return items.slice();
  const head = Math.min(KEEP_FIRST, Math.floor(cap / 5));
  return [...items.slice(0, head), ...items.slice(items.length - (cap - head))];
}
