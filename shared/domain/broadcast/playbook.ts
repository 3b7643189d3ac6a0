/**
 * Playbooks: what a guided response promises the audience for each kind of incident.
 * The first acknowledgement has a deadline, and after that an update is due every "cadence".
 * The silence timer is computed from these values. It is never stored, and the clock is passed in as `now`.
 * Lesson encoded: silence is the worst answer, and a late answer comes second (seeds-summary §3–4).
 */
import { z } from 'zod';
import { CHANNEL_IDS, type ChannelId } from '../../channels';
import type { EpochMs } from '../../types';
import { isClosedStatus, PLAYBOOK_KINDS, TEMPLATE_PHASES, type PlaybookKind, type TemplatePhase } from '../vocabulary';

/** Key of a message template: `<kind>.<phase>`, e.g. `audio.resolved`. */
export type TemplateKey = `${PlaybookKind}.${TemplatePhase}`;
const TEMPLATE_KEYS = PLAYBOOK_KINDS.flatMap((k) => TEMPLATE_PHASES.map((p) => `${k}.${p}` as TemplateKey));

export interface Playbook {
  kind: PlaybookKind;
  name: string;
  /** The first public acknowledgement is due this long after the incident opens. */
  firstUpdateDeadlineMs: number;
  /** After that, an update is due this long after the previous one. */
  cadenceMs: number;
  /** The timer turns amber once this fraction of the current window has elapsed (0 < f < 1). */
  amberAtFraction: number;
  /** Where updates go by default. Always more than one: never route the news through a single channel. */
  channels: ChannelId[];
  /** Template used to close the incident. */
  finalMessage: TemplateKey;
}

const DEFAULT_FIRST_UPDATE_DEADLINE_MS = 2 * 60_000;
const DEFAULT_CADENCE_MS = 5 * 60_000;
const DEFAULT_AMBER_AT_FRACTION = 0.6;

const base = (kind: PlaybookKind, name: string, finalMessage: TemplateKey, over: Partial<Playbook> = {}): Playbook => ({
  kind,
  name,
  firstUpdateDeadlineMs: DEFAULT_FIRST_UPDATE_DEADLINE_MS,
  cadenceMs: DEFAULT_CADENCE_MS,
  amberAtFraction: DEFAULT_AMBER_AT_FRACTION,
  channels: [...CHANNEL_IDS],
  finalMessage,
  ...over,
});

export const DEFAULT_PLAYBOOKS: Record<PlaybookKind, Playbook> = {
  audio: base('audio', 'Audio problem', 'audio.resolved'),
  video: base('video', 'Video problem', 'video.resolved'),
  stream: base('stream', 'Stream drop', 'stream.resolved', { firstUpdateDeadlineMs: 60_000 }),
  other: base('other', 'Other technical problem', 'other.resolved'),
  // A postponement is news in itself: announce it at once and keep everyone informed until the new date is set.
  postponement: base('postponement', 'Postponement', 'postponement.postponed', {
    firstUpdateDeadlineMs: 60_000,
    cadenceMs: 10 * 60_000,
  }),
};

const MAX_WINDOW_MS = 24 * 60 * 60_000;

/** Validation for the playbook editor. */
export const playbookSchema = z.object({
  kind: z.enum(PLAYBOOK_KINDS),
  name: z.string().trim().min(1).max(80),
  firstUpdateDeadlineMs: z.number().int().min(10_000).max(MAX_WINDOW_MS),
  cadenceMs: z.number().int().min(30_000).max(MAX_WINDOW_MS),
  amberAtFraction: z.number().gt(0).lt(1),
  channels: z
    .array(z.enum(CHANNEL_IDS))
    .min(2, 'Never route the news through a single channel: pick at least two')
    .refine((c) => new Set(c).size === c.length, 'Each channel may appear only once'),
  finalMessage: z.enum(TEMPLATE_KEYS as [TemplateKey, ...TemplateKey[]]),
});

export interface IncidentTiming {
  openedAt: EpochMs;
  /** First public update (the acknowledgement). */
  firstUpdateAt?: EpochMs;
  /** Most recent public update. */
  lastUpdateAt?: EpochMs;
  /** The phase of the most recent public update (see `POST_PHASES`). */
  lastPhase?: string;
  status: string;
}

type DeadlineKind = 'first-update' | 'cadence';

export interface SilenceStatus {
  level: 'ok' | 'amber' | 'red';
  silenceMs: number;
  /** When the next public update is due; null once the incident is closed or its "resolved" message went out. */
  nextDeadlineAt: EpochMs | null;
  deadlineKind: DeadlineKind | null;
  /** How far past the deadline we are (0 when not overdue). */
  overdueMs: number;
  missed: boolean;
}

/** How long the audience has heard nothing from us (since the last public update, or since the incident opened). */
export function silenceMs(lastPublicUpdateAt: EpochMs | undefined, incidentOpenedAt: EpochMs, now: EpochMs): number {
  return Math.max(0, now - (lastPublicUpdateAt ?? incidentOpenedAt));
}

/**
 * The silence timer: ok → amber (at `amberAtFraction` of the window) → red and missed at the deadline. It stops once
 * the incident is closed or the last public update was the "resolved" message.
 */
export function silenceStatus(playbook: Playbook, incident: IncidentTiming, now: EpochMs): SilenceStatus {
  const last = incident.lastUpdateAt ?? incident.firstUpdateAt;
  const silence = silenceMs(last, incident.openedAt, now);
  // The audience was told it is over: no further update is owed, even before an operator closes the incident.
  // An update after it (the problem came back) starts the cadence again.
  if (isClosedStatus(incident.status) || incident.lastPhase === 'resolved') {
    return { level: 'ok', silenceMs: silence, nextDeadlineAt: null, deadlineKind: null, overdueMs: 0, missed: false };
  }
  const deadlineKind: DeadlineKind = last === undefined ? 'first-update' : 'cadence';
  const windowStart = last ?? incident.openedAt;
  const windowMs = deadlineKind === 'first-update' ? playbook.firstUpdateDeadlineMs : playbook.cadenceMs;
  const nextDeadlineAt = windowStart + windowMs;
  const missed = now >= nextDeadlineAt;
  const amber = now - windowStart >= windowMs * playbook.amberAtFraction;
  return {
    level: missed ? 'red' : amber ? 'amber' : 'ok',
    silenceMs: silence,
    nextDeadlineAt,
    deadlineKind,
    overdueMs: Math.max(0, now - nextDeadlineAt),
    missed,
  };
}

export interface IncidentTimes {
  openedAt: EpochMs;
  /** When the incident was resolved or dismissed; no deadline falls due after it. */
  closedAt?: EpochMs;
  /** When the "resolved" message went out, if no update followed it: no deadline falls due after it either. */
  allClearAt?: EpochMs;
}

export interface DeadlineRecord {
  kind: DeadlineKind;
  dueAt: EpochMs;
  /** The public update that met (or, late, answered) this deadline. */
  metAt?: EpochMs;
  /** 0 when met on time; otherwise how late the update came, or how long it stayed unanswered until the end. */
  lateByMs: number;
}

/**
 * Every deadline that fell due between opening and `until` (or closing, if earlier), with how it was met.
 * Only one deadline is outstanding at a time: the next one is counted from the latest public update.
 */
export function deadlineHistory(
  playbook: Playbook,
  times: IncidentTimes,
  updates: readonly EpochMs[],
  until: EpochMs,
): DeadlineRecord[] {
  const end = Math.min(until, times.closedAt ?? until, times.allClearAt ?? until);
  const sorted = updates.filter((u) => u >= times.openedAt && u <= end).sort((a, b) => a - b);
  const out: DeadlineRecord[] = [];
  let dueAt = times.openedAt + playbook.firstUpdateDeadlineMs;
  let kind: DeadlineKind = 'first-update';
  for (const metAt of sorted) {
    // Every public update answers the deadline then running and restarts the cadence from itself.
    out.push({ kind, dueAt, metAt, lateByMs: Math.max(0, metAt - dueAt) });
    dueAt = metAt + playbook.cadenceMs;
    kind = 'cadence';
  }
  if (dueAt <= end) out.push({ kind, dueAt, lateByMs: end - dueAt });
  return out;
}

/** The deadlines we missed: answered late, or never answered. Used by the review. */
export function missedDeadlines(
  playbook: Playbook,
  times: IncidentTimes,
  updates: readonly EpochMs[],
  until: EpochMs,
): DeadlineRecord[] {
  return deadlineHistory(playbook, times, updates, until).filter((d) => d.lateByMs > 0 || d.metAt === undefined);
}
