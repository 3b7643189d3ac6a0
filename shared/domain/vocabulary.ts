/**
 * The producer's vocabulary, each set written once as data. Types are derived from these lists, and so
 * are the zod enums that check them at every boundary (contract arguments, recorded events, scenarios):
 * a word added here is accepted everywhere, a word missing here is refused everywhere.
 */

/** Languages Onair speaks: chat detection, templates, the tone check and the simulator's audience. */
export const LANGUAGES = ['en', 'it', 'es', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
/** What a template or a tone rule falls back to when a language has none of its own. */
export const FALLBACK_LANGUAGE: Language = 'en';
/** A language code from outside (a draft, a chat hint) as one of ours, else the fallback. */
export const languageOr = (code: string | undefined, fallback: Language = FALLBACK_LANGUAGE): Language =>
  (LANGUAGES as readonly string[]).includes(code ?? '') ? (code as Language) : fallback;

/** What an incident is about. One live incident per kind (see incident.ts). */
export const INCIDENT_KINDS = ['audio', 'video', 'stream', 'other'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/**
 * What a playbook is for: every incident kind, plus a postponement (the event moves to another date),
 * which has its own deadlines and templates but is announced, never detected.
 */
export const PLAYBOOK_KINDS = [...INCIDENT_KINDS, 'postponement'] as const;
export type PlaybookKind = (typeof PLAYBOOK_KINDS)[number];

export const INCIDENT_STATUSES = [
  'detected',
  'acknowledged',
  'investigating',
  'mitigated',
  'resolved',
  'false-alarm',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Statuses after which no more public updates are owed. */
export const CLOSED_STATUSES = ['resolved', 'false-alarm'] as const satisfies readonly IncidentStatus[];
export type ClosedStatus = (typeof CLOSED_STATUSES)[number];
export const isClosedStatus = (s: string): s is ClosedStatus => (CLOSED_STATUSES as readonly string[]).includes(s);

/** What an operator can do to an incident (the lifecycle in incident.ts says from where to where). */
export const OPERATOR_ACTIONS = ['acknowledge', 'investigate', 'mitigate', 'resolve', 'false-alarm', 'reopen'] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

/** The phases of a guided response: each has its own templates per playbook kind and language. */
export const TEMPLATE_PHASES = ['acknowledge', 'update', 'resolved', 'postponed'] as const;
export type TemplatePhase = (typeof TEMPLATE_PHASES)[number];

/** Why a post goes out: a guided phase, or a manual post outside the playbook. */
export const POST_PHASES = [...TEMPLATE_PHASES, 'manual'] as const;
export type PostPhase = (typeof POST_PHASES)[number];
