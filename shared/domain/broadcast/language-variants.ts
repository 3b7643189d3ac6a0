/**
 * Language variants of an e-mail or SMS post (issue 11): the people on the audience list read it in their own
 * language where a template exists. The operator composes one draft in one language; for every other language
 * among a channel's reachable people that has its own template for the post's phase (or announcement kind), the
 * template is rendered with the same facts and fitted to the channel like the main text. The operator's edits
 * stay in the draft's language only. Pure: the caller passes the counts and the renderer.
 */
import type { ChannelId } from '../../channels';
import { LANGUAGES, type Language } from '../vocabulary';
import type { DraftInput } from './broadcast-round';
import { previewForChannel, type ChannelLimit } from './channel-preview';
import type { PostVariants } from './outbox-entry';

/** The channels that address people one by one, each in their language. */
const VARIANT_CHANNELS = ['email', 'sms'] as const satisfies readonly ChannelId[];
export type VariantChannel = (typeof VARIANT_CHANNELS)[number];

export const isVariantChannel = (c: ChannelId): c is VariantChannel =>
  (VARIANT_CHANNELS as readonly ChannelId[]).includes(c);

/** A language the post also goes out in, and how many of the channel's people read it. */
export interface VariantLanguage {
  lang: Language;
  people: number;
}

/**
 * The languages that get their own variant: present among the channel's reachable people (`people`: language →
 * count), other than the draft's. Every language has every template (template-text.ts), so none is left out.
 * Most readers first, then by code, so the composer and the outbox list them the same way.
 */
export function variantLanguages(draftLang: string, people: Readonly<Record<string, number>>): VariantLanguage[] {
  return LANGUAGES.filter((l) => l !== draftLang && (people[l] ?? 0) > 0)
    .map((lang) => ({ lang, people: people[lang] }))
    .sort((a, b) => b.people - a.people || a.lang.localeCompare(b.lang));
}

/**
 * Renders each language's template (`render`: the same facts as the draft's, in that language) and fits it to
 * the channel as previewForChannel fits the main text. The link is the draft's, so every variant points where
 * the main text does.
 */
export function languageVariants(
  langs: readonly Language[],
  render: (lang: Language) => Omit<DraftInput, 'link'>,
  link: string | undefined,
  channel: ChannelId,
  limit?: ChannelLimit,
): PostVariants {
  const out: PostVariants = {};
  for (const lang of langs) {
    const r = render(lang);
    const p = previewForChannel({ subject: r.subject, body: r.body, ...(link ? { link } : {}) }, channel, limit);
    const subject = p.subject ?? r.subject;
    out[lang] = { ...(subject ? { subject } : {}), text: p.text };
  }
  return out;
}
