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
import { importSource, parseImport } from './import';
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
  const previews = new Map<string, { preview: ImportPreview; people: PersonDraft[] }>();
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
  };

  return {
    email,
    sms,
    preview(req: ImportRequest): ImportPreview {
      const { preview, people } = parseImport(req, d.repo.settings().defaultCountry);
      const full = { ...preview, previewId: randomUUID() };
      previews.set(full.previewId, { preview: full, people });
      while (previews.size > MAX_PREVIEWS) previews.delete(previews.keys().next().value as string);
      return full;
    },
    /** Stores the valid people of a preview, all in one transaction; the problem rows are left out. */
    confirm(previewId: string): ImportResult {
      const held = previews.get(previewId);
      if (!held) throw new AudienceError('that preview is no longer held: preview the file again');
      if (held.people.length === 0) throw new AudienceError('the file has no valid rows to import');
      previews.delete(previewId);
      const { added, updated } = d.repo.importPeople(held.people, importSource(held.preview.fileName), d.now());
      return { fileName: held.preview.fileName, added, updated, skipped: held.preview.problems.length };
    },
    counts: (): AudienceCounts => d.repo.counts(),
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
    saveSettings: (s: Partial<AudienceSettings>): AudienceSettings => d.repo.saveSettings(s),
  };
}
export type Audience = ReturnType<typeof createAudience>;
