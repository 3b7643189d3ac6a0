/**
 * A generic HTTP SMS gateway: POST {endpoint}/messages with `{ from, to: [...], text }`, Bearer API key and an
 * Idempotency-Key header so a retried outbox entry is not texted twice. The gateway answers `{ id }`.
 *
 * With an audience list (`audience` option) the numbers are the people's with SMS consent and no opt-out
 * (fixed per post, so a retry carries the same list and the gateway's key de-duplicates it), plus the typed
 * `recipients` as extra numbers; nobody without SMS consent is ever texted.
 *
 * Language: when the post has variants (`post.variants`) and the audience knows each number's language, the
 * numbers are grouped by language and each group is one request of the same shape with its own text: the main
 * text (and the extra numbers) under the post's key, each variant under `<key>#<lang>`, so a retry is
 * de-duplicated per group by the gateway just as the single request is.
 */
import { type ChannelAdapter, type AdapterOptions, ChannelError, type OutgoingPost } from './channel-adapter';
import { parseRecipients, plainText } from './format';
import { httpRequest, joinUrl, probe, requireCreds, timing } from './http';

/** Where the SMS adapter finds its numbers (services/audience implements it). */
export interface SmsAudience {
  /** E.164 numbers of the post's recipients, the same on every call for one key; opted-out ones already left out. */
  numbers(postKey: string): string[];
  /** The same numbers with each person's language, in the same order (for the post's language variants). */
  people?(postKey: string): { number: string; language?: string }[];
}

interface SmsGroup {
  key: string;
  lang?: string;
  to: string[];
  text: string;
}

/** Who gets which text, one group per language with a variant; the main text's group first, then by language. */
export function smsGroups(post: OutgoingPost, audience: SmsAudience | undefined, extra: readonly string[]): SmsGroup[] {
  const variants = post.variants ?? {};
  const people =
    audience && Object.keys(variants).length && audience.people
      ? audience.people(post.idempotencyKey)
      : (audience?.numbers(post.idempotencyKey) ?? []).map((number) => ({ number, language: undefined }));
  const langOf = new Map<string, string>();
  for (const p of people)
    if (!langOf.has(p.number)) langOf.set(p.number, p.language && p.language !== post.lang ? p.language : '');
  for (const n of extra) if (!langOf.has(n)) langOf.set(n, '');
  const main: string[] = [];
  const byLang = new Map<string, string[]>();
  for (const [n, lang] of langOf) {
    if (lang && variants[lang]) byLang.set(lang, [...(byLang.get(lang) ?? []), n]);
    else main.push(n);
  }
  const groups: SmsGroup[] = main.length ? [{ key: post.idempotencyKey, to: main, text: plainText(post) }] : [];
  for (const lang of [...byLang.keys()].sort())
    groups.push({
      key: `${post.idempotencyKey}#${lang}`,
      lang,
      to: byLang.get(lang)!,
      text: plainText({ ...post, lang, subject: variants[lang].subject ?? post.subject, text: variants[lang].text }),
    });
  return groups;
}

export function createSmsAdapter(opts: AdapterOptions & { audience?: SmsAudience } = {}): ChannelAdapter {
  const required = opts.audience ? ['endpoint', 'apiKey', 'sender'] : ['endpoint', 'apiKey', 'sender', 'recipients'];
  return {
    id: 'sms',
    async send(post, creds, signal) {
      const c = requireCreds('sms', creds, required);
      const extra = parseRecipients(creds.recipients);
      const groups = smsGroups(post, opts.audience, extra);
      if (groups.length === 0) throw new ChannelError('sms: no recipients configured', false);
      let remoteId: string | undefined;
      const statuses: number[] = [];
      for (const g of groups) {
        const res = await httpRequest({
          channel: 'sms',
          url: joinUrl(c.endpoint, '/messages'),
          headers: {
            Authorization: `Bearer ${c.apiKey}`,
            'Content-Type': 'application/json',
            Accept: 'application/json',
            'Idempotency-Key': g.key,
          },
          body: JSON.stringify({ from: c.sender, to: g.to, text: g.text }),
          ...timing(opts),
          signal,
          creds,
        });
        const id = (res.json as { id?: unknown } | undefined)?.id;
        remoteId ??= id === undefined || id === null ? undefined : String(id);
        statuses.push(res.status);
      }
      const count = groups.reduce((n, g) => n + g.to.length, 0);
      const langs = groups
        .filter((g) => g.lang)
        .map((g) => `${g.lang} ${g.to.length}`)
        .join(', ');
      return {
        channel: 'sms',
        remoteId,
        detail: `HTTP ${[...new Set(statuses)].join('/')}; ${count} recipient${count === 1 ? '' : 's'}${langs ? ` (in their language: ${langs})` : ''}`,
        at: Date.now(),
      };
    },
    /** GET {endpoint}/messages?limit=1 with the key: an authenticated read that texts nobody. */
    testConnection(creds) {
      return probe(async () => {
        const c = requireCreds('sms', creds, required);
        const res = await httpRequest({
          channel: 'sms',
          method: 'GET',
          url: joinUrl(c.endpoint, '/messages?limit=1'),
          headers: { Authorization: `Bearer ${c.apiKey}`, Accept: 'application/json' },
          ...timing(opts),
          creds,
        });
        const extra = parseRecipients(creds.recipients).length;
        const who = opts.audience
          ? `the audience list${extra ? ` plus ${extra} extra numbers` : ''}`
          : `${extra} recipients configured`;
        return `gateway answered HTTP ${res.status}; ${who}`;
      });
    },
  };
}
