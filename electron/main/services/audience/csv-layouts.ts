/**
 * The registrant exports producers really have, recognised from their header row. Each vendor's export names
 * its columns in its own words; a layout lists the headers that identify it (all must be present) and the
 * column each person field comes from. Header names compare case- and space-insensitively; the preview shows
 * the mapping it picked, and the operator confirms it (or maps the columns by hand) before anything is stored.
 *
 * | vendor                      | identifying headers                                    | e-mail          | phone      |
 * | --------------------------- | ------------------------------------------------------ | --------------- | ---------- |
 * | Zoom webinar registrants    | Email, Registration Time, Approval Status              | Email           | Phone      |
 * | GoToWebinar registrants     | Email Address, Registration Date                       | Email Address   | Phone      |
 * | Eventbrite attendee summary | Order #, Ticket Type, Email                            | Email           | Cell Phone |
 * | Microsoft Teams webinar     | Email, Registration status                             | Email           | Phone number |
 * | ON24 registrants            | Email, Work Phone                                      | Email           | Work Phone |
 *
 * Zoom's registration report starts with a few lines about the webinar before the registrant table, so the
 * header row is searched for, not assumed to be line 1. Exports rarely carry an SMS consent: a custom
 * registration question ("SMS updates", "Text me") becomes one only when the operator maps it.
 */
import type { ColumnMapping, ImportConsent, ImportLayout } from '../../../../shared/audience';

export interface VendorLayout {
  layout: Exclude<ImportLayout, 'custom'>;
  label: string;
  identifying: string[];
  /** Field → candidate header names, first present wins. */
  columns: { [F in keyof ColumnMapping]: string[] };
  consent: ImportConsent;
}

/** Registering gives e-mail consent: the vendor confirmed the address by e-mail; SMS only from a column. */
const REGISTERED: ImportConsent = { email: 'registered', sms: 'column' };
const LANGUAGE = ['Language', 'Preferred Language', 'Lingua', 'Sprache', 'Idioma', 'Langue'];
const SMS_CONSENT = ['SMS Consent', 'SMS updates', 'Text me', 'SMS opt-in', 'Consent SMS'];

const VENDOR_LAYOUTS: readonly VendorLayout[] = [
  {
    layout: 'zoom',
    label: 'Zoom webinar registrants',
    identifying: ['Email', 'Registration Time', 'Approval Status'],
    columns: {
      firstName: ['First Name'],
      lastName: ['Last Name'],
      email: ['Email'],
      phone: ['Phone'],
      language: LANGUAGE,
      smsConsent: SMS_CONSENT,
    },
    consent: REGISTERED,
  },
  {
    layout: 'gotowebinar',
    label: 'GoToWebinar registrants',
    identifying: ['Email Address', 'Registration Date'],
    columns: {
      firstName: ['First Name'],
      lastName: ['Last Name'],
      email: ['Email Address'],
      phone: ['Phone', 'Phone Number'],
      language: LANGUAGE,
      smsConsent: SMS_CONSENT,
    },
    consent: REGISTERED,
  },
  {
    layout: 'eventbrite',
    label: 'Eventbrite attendees',
    identifying: ['Order #', 'Ticket Type', 'Email'],
    columns: {
      firstName: ['First Name'],
      lastName: ['Last Name'],
      email: ['Email'],
      phone: ['Cell Phone', 'Home Phone', 'Work Phone'],
      language: LANGUAGE,
      smsConsent: SMS_CONSENT,
    },
    consent: REGISTERED,
  },
  {
    layout: 'teams',
    label: 'Microsoft Teams webinar registrations',
    identifying: ['Email', 'Registration status'],
    columns: {
      firstName: ['First name'],
      lastName: ['Last name'],
      name: ['Full name', 'Name'],
      email: ['Email'],
      phone: ['Phone number', 'Phone'],
      language: LANGUAGE,
      smsConsent: SMS_CONSENT,
    },
    consent: REGISTERED,
  },
  {
    layout: 'on24',
    label: 'ON24 registrants',
    identifying: ['Email', 'Work Phone'],
    columns: {
      firstName: ['First Name'],
      lastName: ['Last Name'],
      email: ['Email'],
      phone: ['Work Phone', 'Mobile Phone'],
      language: LANGUAGE,
      smsConsent: SMS_CONSENT,
    },
    consent: REGISTERED,
  },
];

const norm = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();

/** The first layout whose identifying headers are all in the row (most identifying headers first). */
export function recogniseLayout(headers: readonly string[]): VendorLayout | undefined {
  const have = new Set(headers.map(norm));
  return [...VENDOR_LAYOUTS]
    .sort((a, b) => b.identifying.length - a.identifying.length)
    .find((l) => l.identifying.every((h) => have.has(norm(h))));
}

/** The layout's columns as this file spells them. */
export function mappingFor(layout: VendorLayout, headers: readonly string[]): ColumnMapping {
  const byNorm = new Map(headers.map((h) => [norm(h), h]));
  const mapping: ColumnMapping = {};
  for (const [field, candidates] of Object.entries(layout.columns) as [keyof ColumnMapping, string[]][]) {
    const hit = candidates.map((c) => byNorm.get(norm(c))).find((h) => h !== undefined);
    if (hit !== undefined) mapping[field] = hit;
  }
  return mapping;
}

/** Finds a header in the row as written, space- and case-insensitively. */
export function headerIndex(headers: readonly string[], name: string | undefined): number {
  if (name === undefined) return -1;
  const n = norm(name);
  return headers.findIndex((h) => norm(h) === n);
}

/** A row that looks like a header: any vendor's, or one with an e-mail column (for a custom mapping). */
export function looksLikeHeader(row: readonly string[], mapping?: ColumnMapping): boolean {
  if (mapping) return Object.values(mapping).every((h) => headerIndex(row, h) >= 0);
  return recogniseLayout(row) !== undefined;
}
