/**
 * Reading a registrant export into people: parse (csv-parse) → recognise the layout or apply the confirmed
 * mapping → validate every row → a preview with each problem row's line and reason. Nothing is stored here:
 * the caller stores the valid people in one transaction once the operator confirmed the preview.
 */
import { parse, type Options } from 'csv-parse/sync';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type {
  AudienceChannel,
  ColumnMapping,
  ImportConsent,
  ImportLayout,
  ImportPreview,
  ImportProblem,
  ImportRequest,
} from '../../../../shared/audience';
import type { PersonDraft } from '../db/audience-repo';
import { headerIndex, looksLikeHeader, mappingFor, recogniseLayout } from './csv-layouts';

/** How far down a file the header row may be (Zoom's report has its webinar details above it). */
const HEADER_SEARCH_LINES = 30;
const SAMPLE_SIZE = 20;
/** RFC 5321 limits the path to 256 octets, the address to 254. */
const EMAIL =
  /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const YES = /^(yes|y|true|1|x|s[iìí]|ja|oui|opt[- ]?in|agreed?|consent(ed)?)$/i;
const LANGUAGE_NAMES: Record<string, string> = {
  italian: 'it',
  italiano: 'it',
  english: 'en',
  inglese: 'en',
  spanish: 'es',
  español: 'es',
  espanol: 'es',
  german: 'de',
  deutsch: 'de',
  french: 'fr',
  français: 'fr',
  francais: 'fr',
};

export interface ParsedImport {
  preview: Omit<ImportPreview, 'previewId'>;
  people: PersonDraft[];
}

const isEmail = (s: string) => s.length <= 254 && EMAIL.test(s);

/** E.164, or undefined when the number is not a valid one (for the default country when it has no +code). */
export function toE164(raw: string, defaultCountry: string): string | undefined {
  const n = parsePhoneNumberFromString(raw, defaultCountry.toUpperCase() as CountryCode);
  return n?.isValid() ? n.number : undefined;
}

function languageOf(raw: string): string | undefined {
  const v = raw.trim().toLowerCase();
  if (!v) return undefined;
  const code = /^([a-z]{2})(?:[-_][a-z0-9]+)?$/.exec(v)?.[1];
  return code ?? LANGUAGE_NAMES[v];
}

interface Row {
  record: string[];
  /** 1-based line the record starts on. */
  line: number;
}

/**
 * The file's records with the line each starts on. csv-parse tells the line a record ends on (a quoted field
 * may span several); with no line skipped, a record starts right after the one before it ends. Blank lines
 * are dropped here, after counting. (Cheaper than csv-parse's `info` and `raw`, which cost a third of the
 * time and most of the garbage on a 100,000-row file.)
 */
function recordsOf(content: string, fromLine = 1, toLine?: number): Row[] {
  let ended = fromLine - 1;
  const options: Options<Row, string[]> = {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    from_line: fromLine,
    to_line: toLine,
    on_record: (record, context) => {
      const line = ended + 1;
      ended = context.lines; // counted from the top of the file, also with from_line
      return record.length === 1 && record[0].trim() === '' ? null : { record, line };
    },
  };
  // The sync overloads type on_record's result as a string[]; it returns what on_record returned.
  return parse(content, options as unknown as Options) as unknown as Row[];
}

/**
 * The header row, searched for in the first lines. The table is then parsed from it, so its records have the
 * header's length: csv-parse builds an error object for every record whose length differs from the first
 * one's (even when told to accept it), which on a 100,000-row report under a one-cell title costs seconds.
 */
function findHeader(content: string, mapping: ColumnMapping | undefined): Row | undefined {
  let head: Row[];
  try {
    head = recordsOf(content, 1, HEADER_SEARCH_LINES);
  } catch {
    head = recordsOf(content); // a quoted field that runs past the search window
  }
  return head.slice(0, HEADER_SEARCH_LINES).find((r) => looksLikeHeader(r.record, mapping)) ?? head[0];
}

/** The consent source recorded for an import. */
export function importSource(fileName: string): string {
  return `import: ${fileName.replace(/[\r\n]/g, ' ').slice(0, 200)}`;
}

/** One row as read from a file or an API, before validation; `line` is what a problem row reports. */
export interface RawPerson {
  line: number;
  /** Every cell empty: skipped without a problem. */
  blank?: boolean;
  email: string;
  phone: string;
  name: string;
  language: string;
  /** The row grants this consent (the import's rule applied to it); recorded only where the address is valid. */
  emailConsent: boolean;
  smsConsent: boolean;
}

/** Validates rows into people: bad e-mail, bad phone number and duplicates become problem rows with their line. */
function validatePeople(
  rows: Iterable<RawPerson>,
  country: string,
): { people: PersonDraft[]; lines: number[]; problems: ImportProblem[]; counts: Record<AudienceChannel, number> } {
  const problems: ImportProblem[] = [];
  const people: PersonDraft[] = [];
  const lines: number[] = [];
  const seen = new Map<string, number>();
  const counts: Record<AudienceChannel, number> = { email: 0, sms: 0 };
  for (const row of rows) {
    const { line } = row;
    if (row.blank) continue;
    const email = row.email.trim().toLowerCase();
    const rawPhone = row.phone.trim();
    if (!email && !rawPhone) {
      problems.push({ line, reason: 'no e-mail address and no phone number' });
      continue;
    }
    if (email && !isEmail(email)) {
      problems.push({ line, reason: `bad e-mail address "${email.slice(0, 80)}"` });
      continue;
    }
    const phone = rawPhone ? toE164(rawPhone, country) : undefined;
    if (rawPhone && !phone) {
      problems.push({ line, reason: `bad phone number "${rawPhone.slice(0, 40)}" (default country ${country})` });
      continue;
    }
    const key = email || `tel:${phone}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line, reason: `duplicate of line ${first} (${email || phone})` });
      continue;
    }
    seen.set(key, line);
    const consents: AudienceChannel[] = [];
    if (email && row.emailConsent) consents.push('email');
    if (phone && row.smsConsent) consents.push('sms');
    for (const c of consents) counts[c]++;
    people.push({
      name: row.name.trim().slice(0, 200),
      email: email || undefined,
      phone,
      language: languageOf(row.language),
      consents,
    });
    lines.push(line);
  }
  return { people, lines, problems, counts };
}

export function parseImport(req: ImportRequest, defaultCountry: string): ParsedImport {
  const header = findHeader(req.content, req.mapping);
  const found = header !== undefined && looksLikeHeader(header.record, req.mapping);
  const country = (req.defaultCountry ?? defaultCountry).toUpperCase();
  const base = { fileName: req.fileName, rows: 0, valid: 0, sample: [], consentCounts: { email: 0, sms: 0 } };
  if (!found) {
    const headers = header?.record ?? [];
    const reason = req.mapping
      ? 'the mapped columns are not all in the header row'
      : 'header not recognised as Zoom, GoToWebinar, Eventbrite, Teams or ON24: map the columns';
    return {
      preview: {
        ...base,
        layout: 'custom',
        headers,
        mapping: req.mapping ?? {},
        consent: req.consent ?? { email: 'none', sms: 'none' },
        problems: [{ line: header?.line ?? 1, reason }],
      },
      people: [],
    };
  }
  const rows = recordsOf(req.content, header.line);
  const headers = rows[0].record;
  const vendor = req.mapping ? undefined : recogniseLayout(headers);
  const layout: ImportLayout = vendor?.layout ?? 'custom';
  const mapping: ColumnMapping = req.mapping ?? (vendor ? mappingFor(vendor, headers) : {});
  const consent: ImportConsent = req.consent ?? vendor?.consent ?? { email: 'none', sms: 'none' };
  const col = (f: keyof ColumnMapping) => headerIndex(headers, mapping[f]);
  const at = {
    email: col('email'),
    first: col('firstName'),
    last: col('lastName'),
    name: col('name'),
    phone: col('phone'),
    language: col('language'),
    emailConsent: col('emailConsent'),
    smsConsent: col('smsConsent'),
  };
  const cell = (r: string[], i: number) => (i >= 0 ? (r[i] ?? '').trim() : '');
  const raw = rows.slice(1).map(({ record, line }): RawPerson => ({
    line,
    blank: record.every((c) => c.trim() === ''),
    email: cell(record, at.email),
    phone: cell(record, at.phone),
    name: cell(record, at.name) || [cell(record, at.first), cell(record, at.last)].filter(Boolean).join(' '),
    language: cell(record, at.language),
    emailConsent:
      consent.email === 'registered' || (consent.email === 'column' && YES.test(cell(record, at.emailConsent))),
    smsConsent: consent.sms === 'column' && YES.test(cell(record, at.smsConsent)),
  }));
  const { people, lines, problems, counts } = validatePeople(raw, country);
  return {
    preview: {
      fileName: req.fileName,
      layout,
      headers,
      mapping,
      consent,
      rows: people.length + problems.length,
      valid: people.length,
      problems,
      sample: people.slice(0, SAMPLE_SIZE).map((p, i) => ({ ...p, line: lines[i] })),
      consentCounts: counts,
    },
    people,
  };
}

/**
 * A preview of people read from an API rather than a file (Zoom's registrants): the same validation and the
 * same report, each problem row named by its position in what the API returned.
 */
export function parseRows(
  o: { fileName: string; layout: ImportLayout; consent: ImportConsent; rows: RawPerson[] },
  country: string,
): ParsedImport {
  const { people, lines, problems, counts } = validatePeople(o.rows, country.toUpperCase());
  return {
    preview: {
      fileName: o.fileName,
      layout: o.layout,
      headers: [],
      mapping: {},
      consent: o.consent,
      rows: people.length + problems.length,
      valid: people.length,
      problems,
      sample: people.slice(0, SAMPLE_SIZE).map((p, i) => ({ ...p, line: lines[i] })),
      consentCounts: counts,
    },
    people,
  };
}
