/**
 * The audience list: the people e-mail and SMS go to, with their consent per channel and their opt-outs.
 * Types only (the contract's vocabulary); importing, validation and storage live in electron/main/services.
 */

/** The channels that address people one by one. */
export const AUDIENCE_CHANNELS = ['email', 'sms'] as const;
export type AudienceChannel = (typeof AUDIENCE_CHANNELS)[number];

/** The registrant exports whose column layout is recognised from the header; 'custom' is a mapping the user confirmed. */
export type ImportLayout = 'zoom' | 'gotowebinar' | 'eventbrite' | 'teams' | 'on24' | 'custom';

/** What a column can be: the fields of a person, and the columns that carry consent. */
export const MAPPED_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'name',
  'phone',
  'language',
  'emailConsent',
  'smsConsent',
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];
/** Field → the file's header name. */
export type ColumnMapping = Partial<Record<MappedField, string>>;

/**
 * Which consents the file carries, as the operator states it:
 * - e-mail 'registered': everyone who registered gave e-mail consent (registration confirms by e-mail);
 *   'column': only where the mapped emailConsent column says yes; 'none': the file grants none.
 * - SMS 'column' or 'none': SMS consent never comes from registering alone.
 */
export interface ImportConsent {
  email: 'registered' | 'column' | 'none';
  sms: 'column' | 'none';
}

export interface ImportRequest {
  fileName: string;
  content: string;
  /** Absent: recognise the vendor from the header. Given: the mapping the user confirmed. */
  mapping?: ColumnMapping;
  consent?: ImportConsent;
  /** ISO 3166 alpha-2 for numbers without +country code; default: the audience setting. */
  defaultCountry?: string;
}

export interface ImportProblem {
  /** 1-based line of the file where the row starts. */
  line: number;
  reason: string;
}

interface ImportedPersonPreview {
  line: number;
  name: string;
  email?: string;
  phone?: string;
  language?: string;
  consents: AudienceChannel[];
}

export interface ImportPreview {
  previewId: string;
  fileName: string;
  layout: ImportLayout;
  headers: string[];
  mapping: ColumnMapping;
  consent: ImportConsent;
  rows: number;
  valid: number;
  problems: ImportProblem[];
  /** The first valid people, to check the mapping by eye. */
  sample: ImportedPersonPreview[];
  /** How many valid rows carry each consent. */
  consentCounts: Record<AudienceChannel, number>;
}

export interface ImportResult {
  fileName: string;
  added: number;
  updated: number;
  skipped: number;
}

export interface AudienceCounts {
  people: number;
  /** With consent and no opt-out: who the channel reaches today. */
  reachable: Record<AudienceChannel, number>;
  consented: Record<AudienceChannel, number>;
  optedOut: Record<AudienceChannel, number>;
}

export interface AudiencePerson {
  id: number;
  name: string;
  email?: string;
  phone?: string;
  language?: string;
  consents: { channel: AudienceChannel; source: string; at: number }[];
  optOuts: { channel: AudienceChannel; source: string; at: number }[];
}

export interface AudienceSettings {
  /** ISO 3166 alpha-2 used for phone numbers written without a country code. */
  defaultCountry: string;
  /** Where the one-click unsubscribe endpoint is reachable from the recipients' mail clients. */
  unsubscribeBaseUrl: string;
}
