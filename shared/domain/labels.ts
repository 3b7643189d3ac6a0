/**
 * The words a person reads for the internal ids of an incident's status and kind and of a post's phase: in the
 * console and in the review's timeline and exported report alike. Every lookup is total: a recorded event
 * imported from an older or newer Onair may carry a word this build does not know, and that word is shown as it
 * is rather than as "undefined".
 */
import type { IncidentKind, IncidentStatus, PostPhase } from './vocabulary';

const STATUS: Record<IncidentStatus, string> = {
  detected: 'Detected',
  acknowledged: 'Acknowledged',
  investigating: 'Investigating',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
  'false-alarm': 'False alarm',
};

const KIND: Record<IncidentKind, string> = {
  audio: 'Audio problem',
  video: 'Picture problem',
  stream: 'Stream problem',
  other: 'Other problem',
};

const PHASE: Record<PostPhase, string> = {
  acknowledge: 'Acknowledgement',
  update: 'Update',
  resolved: 'Resolved',
  postponed: 'Postponed',
  manual: 'Manual post',
};

export const lookup =
  <K extends string>(table: Record<K, string>) =>
  (id: string): string =>
    Object.hasOwn(table, id) ? table[id as K] : id;

export const statusLabel = lookup(STATUS);
export const kindLabel = lookup(KIND);
/** "Acknowledgement" for `acknowledge`: what the composer and the review call a post's phase. */
export const phaseLabel = lookup(PHASE);
