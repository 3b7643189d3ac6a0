/**
 * The words an operator reads for an incident's internal ids: the actions on it (as a button and as a line of the
 * timeline), its severity and what detected it; its status and kind come from shared/domain/labels.ts, which the
 * review's timeline and report use too. Every lookup is total: a recorded event imported
 * from an older or newer Onair may carry a word this build does not know, and that word is shown as it is rather
 * than as "undefined".
 */
import type { Severity } from '../../shared/domain/detect/types';
import type { CarryOver } from '../../shared/domain/incident';
import { lookup } from '../../shared/domain/labels';
import type { OperatorAction } from '../../shared/domain/vocabulary';
import { formatTime } from './format';

export { kindLabel, statusLabel } from '../../shared/domain/labels';

/** What the button that does it says. */
const ACTION: Record<OperatorAction, string> = {
  acknowledge: 'Acknowledge',
  investigate: 'Investigating',
  mitigate: 'Mitigated',
  resolve: 'Resolve',
  'false-alarm': 'False alarm',
  reopen: 'Reopen',
};

/** What the timeline says once it was done ("Dana: Acknowledged"). */
const ACTION_DONE: Record<OperatorAction, string> = {
  acknowledge: 'Acknowledged',
  investigate: 'Started investigating',
  mitigate: 'Marked mitigated',
  resolve: 'Resolved',
  'false-alarm': 'Marked a false alarm',
  reopen: 'Reopened',
};

const SEVERITY: Record<Severity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

const DETECTED_BY: Record<string, string> = {
  signal: 'the signals',
  chat: 'the chat',
  both: 'signals and chat',
  manual: 'an operator',
};

export const actionLabel = lookup(ACTION);
export const actionDoneLabel = lookup(ACTION_DONE);
export const severityLabel = lookup(SEVERITY);
/** Completes "detected by …". */
export const detectedByLabel = lookup(DETECTED_BY);

/** The reasons offered when an incident is marked a false alarm; "other" asks for a few words. */
export const FALSE_ALARM_REASONS = ['test', 'not a real problem', 'duplicate'] as const;

/** "Launch · audio-loss · 2 Dec 10:32": the session a carried-over incident comes from. */
export function sessionLabel(from: CarryOver['from']): string {
  return [from.eventName, from.scenario, formatTime(from.startedAt, 'd MMM HH:mm')].filter(Boolean).join(' · ');
}

/** Why the incident is in this session although it opened in another. */
export const carriedWhy = (c: CarryOver): string =>
  c.why === 'restart' ? 'Onair restarted while it was open' : 'A new session started while it was open';
