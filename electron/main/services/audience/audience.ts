/**
 * The audience list as the rest of main sees it: import with a preview first (parse → report → confirm, the
 * confirmed people stored in one transaction), the recipients the e-mail and SMS adapters take, their
 * unsubscribe links, opt-outs, counts and settings.
 */
import { randomUUID } from 'node:crypto';
import type {
  AudienceChannel,
  AudienceCounts,
  AudiencePerson,
  AudienceSettings,
  ImportPreview,
  ImportRequest,
  ImportResult,
} from '../../../../shared/audience';
import type { EmailAudience } from '../channels/email-personal';
import type { SmsAudience } from '../channels/sms';
import type { AudienceRepo, PersonDraft } from '../db/audience-repo';
import { unsubscribeBaseProblem } from '../broadcasts/public-link';
import { importSource, parseImport, parseRows, type RawPerson } from './import';
import { personOfToken, unsubscribeToken } from './unsubscribe-token';

/** Previews kept for confirmation; an older one has to be previewed again. */
const MAX_PREVIEWS = 4;

export interface AudienceDeps {
  repo: AudienceRepo;
  key: Buffer;
  now(): number;
  /** Where the unsubscribe server listens, used when the "unsubscribe base URL" setting is empty. */
  localUnsubscribeUrl(): string | undefined;
}

export class AudienceError extends Error {
  override readonly name = 'AudienceError';
}

export function createAudience(d: AudienceDeps) {
  /** `source`: the consent source recorded on confirm (a file's name, or the API the people came from). */
  const previews = new Map<string, { preview: ImportPreview; people: PersonDraft[]; source: string }>();
  const baseUrl = () => (d.repo.settings().unsubscribeBaseUrl || d.localUnsubscribeUrl() || '').replace(/\/+$/, '');
  const unsubscribeUrl = (personId: number) => {
    const base = baseUrl();
    return base ? `${base}/u/${unsubscribeToken(d.key, personId)}` : undefined;
  };

  const email: EmailAudience = {
    recipients(postKey) {
      return d.repo.recipientsFor(postKey, 'email').map((r) => ({
        address: r.address,
        personId: r.personId,
        optedOut: r.optedOut,
        unsubscribeUrl: unsubscribeUrl(r.personId),
        language: r.language,
      }));
    },
    isOptedOut: (personId) => d.repo.isOptedOut(personId, 'email'),
  };
  const sms: SmsAudience = {
    numbers: (postKey) =>
      d.repo
        .recipientsFor(postKey, 'sms')
        .filter((r) => !r.optedOut)
        .map((r) => r.address),
    people: (postKey) =>
      d.repo
        .recipientsFor(postKey, 'sms')
        .filter((r) => !r.optedOut)
        .map((r) => ({ number: r.address, language: r.language })),
  };

  const hold = (parsed: ReturnType<typeof parseImport>, source: string): ImportPreview => {
    const full = { ...parsed.preview, previewId: randomUUID() };
    previews.set(full.previewId, { preview: full, people: parsed.people, source });
    while (previews.size > MAX_PREVIEWS) previews.delete(previews.keys().next().value as string);
    return full;
  };

  return {
    email,
    sms,
    preview(req: ImportRequest): ImportPreview {
      return hold(parseImport(req, d.repo.settings().defaultCountry), importSource(req.fileName));
    },
    /**
     * A preview of a webinar platform's registrants (Zoom's API), confirmed like a file's: registering gave
     * e-mail consent, never SMS consent; each problem row's line is the registrant's position (1-based).
     */
    previewRegistrants(o: { fileName: string; source: string; rows: RawPerson[] }): ImportPreview {
      const consent = { email: 'registered', sms: 'none' } as const;
      const parsed = parseRows(
        { fileName: o.fileName, layout: 'zoom', consent, rows: o.rows },
        d.repo.settings().defaultCountry,
      );
      return hold(parsed, o.source);
    },
    /** Stores the valid people of a preview, all in one transaction; the problem rows are left out. */
    confirm(previewId: string): ImportResult {
      const held = previews.get(previewId);
      if (!held) throw new AudienceError('that preview is no longer held: preview the file again');
      if (held.people.length === 0) throw new AudienceError('the file has no valid rows to import');
      previews.delete(previewId);
      const { added, updated } = d.repo.importPeople(held.people, held.source, d.now());
      return { fileName: held.preview.fileName, added, updated, skipped: held.preview.problems.length };
    },
    counts: (): AudienceCounts => d.repo.counts(),
    /** Language → how many of the channel's reachable people read it (for the posts' language variants). */
    languages: (channel: AudienceChannel): Record<string, number> => d.repo.reachableLanguages(channel),
    person: (id: number): AudiencePerson | undefined => d.repo.person(id),
    list: (query: string, limit: number, offset: number): AudiencePerson[] => d.repo.list(query, limit, offset),
    /** Records an opt-out by hand (a reply to the mailto, a phone call). False for an unknown person. */
    optOut(personId: number, channel: AudienceChannel, source: string): boolean {
      return d.repo.optOut(personId, channel, source, d.now());
    },
    /** For the unsubscribe server: a valid token's person. */
    personOf: (token: string) => personOfToken(d.key, token),
    unsubscribeUrl,
    settings: (): AudienceSettings => d.repo.settings(),
    /**
     * Why e-mail cannot go to the list now, or undefined: someone on it would get an unsubscribe link no
     * recipient can open (the base URL unset, so the local server on 127.0.0.1, or pointing at this computer).
     */
    unsubscribeProblem(): string | undefined {
      if (d.repo.counts().reachable.email === 0) return undefined; // only the team's extra recipients: mailto
      return unsubscribeBaseProblem(d.repo.settings().unsubscribeBaseUrl) ?? undefined;
    },
    saveSettings: (s: Partial<AudienceSettings>): AudienceSettings => d.repo.saveSettings(s),
  };
}
export type Audience = ReturnType<typeof createAudience>;
