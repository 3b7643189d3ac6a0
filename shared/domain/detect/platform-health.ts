/**
 * What the platform itself says is wrong. YouTube grades the stream it receives (liveStreams healthStatus:
 * "bad" or "noData" is a finding at once: YouTube has already judged over its own window) and Zoom raises
 * alerts ("Unstable audio quality", "Call Reconnection"). An alert is an event without an all-clear, so its
 * finding stands until the platform has said nothing of that kind for `quietMs`. The platform's words are the
 * evidence, as it said them.
 */
import type { EpochMs, HealthSample } from '../../types';
import type { IncidentKind } from '../vocabulary';
import {
  NO_REPORTS,
  type Detector,
  type DetectorReportOf,
  type DetectorStepOf,
  type EvidenceOf,
  type FindingOf,
} from './detector';

export interface PlatformHealthConfig {
  /** An alert's finding clears after this long without another of its kind. */
  quietMs: number;
}
const PLATFORM_HEALTH_DEFAULTS: PlatformHealthConfig = { quietMs: 120_000 };

interface AlertState {
  readonly startedAt: EpochMs;
  readonly lastAt: EpochMs;
}

export interface PlatformHealthState {
  /** Since when the platform has graded the stream bad (or sees no data), while it does. */
  readonly badSince: EpochMs | null;
  readonly alerts: Readonly<Partial<Record<IncidentKind, AlertState>>>;
}

const initial: PlatformHealthState = { badSince: null, alerts: {} };

type Report = DetectorReportOf<'platform-health'>;

/** Which part of the program an alert is about, from its words. */
export function alertKind(issue: string): IncidentKind {
  if (/audio/i.test(issue)) return 'audio';
  if (/video|screen share|frame/i.test(issue)) return 'video';
  if (/reconnect|network|connection|bitrate/i.test(issue)) return 'stream';
  return 'other';
}

const notes = (issues: readonly string[], ts: EpochMs): EvidenceOf<'platform-health'>[] =>
  issues.map((text) => ({ type: 'note', ts, detector: 'platform-health', text }));

function gradeFinding(sample: HealthSample, startedAt: EpochMs, now: EpochMs): FindingOf<'platform-health'> {
  const noData = sample.platformHealth === 'noData';
  const issues = sample.platformIssues ?? [];
  return {
    kind: 'stream',
    source: 'signal',
    detector: 'platform-health',
    title: noData
      ? 'The platform receives no data from the encoder'
      : `The platform grades the stream bad${issues[0] ? `: ${issues[0]}` : ''}`,
    confidence: noData ? 0.9 : 0.75,
    severity: noData ? 'critical' : 'high',
    startedAt,
    at: now,
    evidence: [
      {
        type: 'sample',
        ts: sample.ts,
        detector: 'platform-health',
        metric: 'platformHealth',
        value: noData ? 0 : 1,
      },
      ...notes(issues, sample.ts),
    ],
  };
}

function alertFinding(kind: IncidentKind, issues: readonly string[], now: EpochMs): FindingOf<'platform-health'> {
  return {
    kind,
    source: 'signal',
    detector: 'platform-health',
    title: `The platform reports: ${issues.join('; ')}`,
    confidence: 0.8,
    severity: kind === 'other' ? 'medium' : 'high',
    startedAt: now,
    at: now,
    evidence: notes(issues, now),
  };
}

function stepGrade(s: PlatformHealthState, sample: HealthSample, now: EpochMs, out: Report[]): PlatformHealthState {
  const bad = sample.platformHealth === 'bad' || sample.platformHealth === 'noData';
  if (bad && s.badSince === null) {
    out.push({ type: 'finding', finding: gradeFinding(sample, now, now) });
    return { ...s, badSince: now };
  }
  if (!bad && s.badSince !== null) {
    out.push({ type: 'healthy', kind: 'stream', detector: 'platform-health', since: now });
    return { ...s, badSince: null };
  }
  return s;
}

function stepAlerts(s: PlatformHealthState, issues: readonly string[], now: EpochMs, out: Report[]) {
  const byKind = new Map<IncidentKind, string[]>();
  for (const issue of issues) byKind.set(alertKind(issue), [...(byKind.get(alertKind(issue)) ?? []), issue]);
  const alerts = { ...s.alerts };
  for (const [kind, words] of byKind) {
    const before = alerts[kind];
    if (!before) out.push({ type: 'finding', finding: alertFinding(kind, words, now) });
    alerts[kind] = { startedAt: before?.startedAt ?? now, lastAt: now };
  }
  return { ...s, alerts };
}

function clearQuiet(s: PlatformHealthState, now: EpochMs, cfg: PlatformHealthConfig, out: Report[]) {
  let alerts: PlatformHealthState['alerts'] | null = null;
  for (const [kind, a] of Object.entries(s.alerts) as [IncidentKind, AlertState][]) {
    if (now - a.lastAt < cfg.quietMs) continue;
    alerts ??= { ...s.alerts };
    delete (alerts as Partial<Record<IncidentKind, AlertState>>)[kind];
    out.push({ type: 'healthy', kind, detector: 'platform-health', since: a.lastAt + cfg.quietMs });
  }
  return alerts ? { ...s, alerts } : s;
}

export function stepPlatformHealth(
  s: PlatformHealthState,
  sample: HealthSample | null,
  now: EpochMs,
  cfg: PlatformHealthConfig = PLATFORM_HEALTH_DEFAULTS,
): DetectorStepOf<PlatformHealthState, 'platform-health'> {
  const out: Report[] = [];
  let next = clearQuiet(s, now, cfg, out);
  if (sample?.platformHealth !== undefined) next = stepGrade(next, sample, now, out);
  // Issues that come with a grade are its evidence; issues alone are the platform's alerts.
  else if (sample?.platformIssues?.length) next = stepAlerts(next, sample.platformIssues, now, out);
  return { state: next, reports: out.length ? out : NO_REPORTS };
}

export const platformHealthDetector: Detector<
  'platform-health',
  PlatformHealthConfig,
  PlatformHealthState,
  'health' | 'tick'
> = {
  name: 'platform-health',
  defaults: PLATFORM_HEALTH_DEFAULTS,
  initial,
  consumes: ['health', 'tick'],
  step: (s, input, now, cfg) => stepPlatformHealth(s, input.type === 'health' ? input.sample : null, now, cfg),
};
