/**
 * The figures a review shows: how fast we saw the problem, how fast and how often we told the audience,
 * through which channels, and what the audience said meanwhile. Plain data, all times epoch ms.
 */
import type { ChannelId } from '../../channels';
import type { DeadlineRecord } from '../broadcast/playbook';
import type { Severity } from '../incident';
import type { EpochMs, FaultTruth, IncidentId } from '../../types';
import { type IncidentKind, type IncidentStatus, type TemplatePhase } from '../vocabulary';

/** Where time-to-detect was counted from: the scripted fault's true start, or the first evidence. */
type DetectBasis = 'truth' | 'first-evidence';

export interface TimeToDetect {
  ms: number;
  basis: DetectBasis;
  /** The instant counted from. */
  from: EpochMs;
  /** The scripted fault it matched (basis 'truth'). */
  truth?: FaultTruth;
}

type DeliveryOutcome = 'sent' | 'failed' | 'skipped' | 'undelivered';

/** One channel of one round. */
export interface ChannelDelivery {
  channel: ChannelId;
  outcome: DeliveryOutcome;
  /** Sent only: how long after the round the post went out. */
  delayMs?: number;
  /** Skip reason, or the delivery error. */
  reason?: string;
  /** The post as it was sent to this channel. */
  text?: string;
}

export interface RoundFigures {
  round: number;
  at: EpochMs;
  phase: TemplatePhase;
  operator: string;
  deliveries: ChannelDelivery[];
  sent: ChannelId[];
  failed: ChannelId[];
  skipped: ChannelId[];
  undelivered: ChannelId[];
  /** Slowest delivered channel. */
  maxDelayMs: number | null;
  /** Reached one channel only: "and those who don't have Facebook?" */
  singleChannel: boolean;
  reachedNobody: boolean;
}

export interface CoverageFigures {
  rounds: RoundFigures[];
  /** Channels that carried at least one update. */
  channelsReached: ChannelId[];
  /** Round numbers that reached a single channel only. */
  singleChannelRounds: number[];
  /** Any round reached a single channel only: the anti-pattern to flag. */
  singleChannel: boolean;
  failed: number;
  skipped: number;
}

export interface SilenceGap {
  from: EpochMs;
  to: EpochMs;
  ms: number;
}

export interface ComplaintFigures {
  /** Incident open − 2 min (not before the session start). */
  windowFrom: EpochMs;
  firstUpdateAt: EpochMs | null;
  windowTo: EpochMs;
  /** Complaints from windowFrom to the first update (to windowTo when there was none). */
  before: number;
  /** Complaints from the first update to windowTo. */
  after: number;
  beforePerMin: number | null;
  afterPerMin: number | null;
}

interface DeadlineFigure extends DeadlineRecord {
  met: boolean;
}

export interface IncidentFigures {
  incidentId: IncidentId;
  kind: IncidentKind;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  falseAlarm: boolean;
  openedAt: EpochMs;
  closedAt?: EpochMs;
  /** closedAt, or the end of the event for an incident still open. */
  endAt: EpochMs;
  durationMs: number;
  detect: TimeToDetect;
  /** First operator reaction (any status after 'detected', by someone other than the engine). */
  acknowledge: { ms: number; at: EpochMs; operator: string } | null;
  firstUpdate: { ms: number; at: EpochMs } | null;
  updates: number;
  /** The longest stretch without a public update while the incident was open. */
  longestSilence: SilenceGap;
  coverage: CoverageFigures;
  complaints: ComplaintFigures;
  deadlines: DeadlineFigure[];
  deadlinesMissed: number;
  playbook: { name: string; firstUpdateDeadlineMs: number; cadenceMs: number };
}

export interface Stat {
  meanMs: number | null;
  maxMs: number | null;
  count: number;
}

export interface EventFigures {
  sessionId: string;
  eventName: string;
  startedAt: EpochMs;
  endAt: EpochMs;
  incidents: IncidentFigures[];
  incidentCount: number;
  falseAlarms: number;
  /** Real incidents only (false alarms excluded), as are the next three. */
  timeToDetect: Stat;
  timeToFirstUpdate: Stat & { withoutUpdate: number };
  worstSilence: { incidentId: IncidentId; gap: SilenceGap } | null;
  deadlinesMissed: number;
  coverage: {
    rounds: number;
    channelsReached: ChannelId[];
    singleChannelRounds: number;
    roundsReachedNobody: number;
    failed: number;
    skipped: number;
  };
  totals: {
    durationMs: number;
    chatMessages: number;
    complaints: number;
    peakViewers: number;
    healthSamples: number;
    posts: number;
  };
}
