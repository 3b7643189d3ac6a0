/**
 * Message templates for the guided response: incident kind × phase × language, rendered synchronously.
 * The i18next instance is private to this module, so the app's UI translations cannot interfere with it. It is
 * initialised with inline resources and `initAsync: false`, which keeps the domain synchronous and free of I/O.
 */
import type { ChannelId } from '../../channels';
import { whereFor } from './where';
import i18next from 'i18next';
import { TEMPLATE_RESOURCES } from './template-text';
import { type PlaybookKind, type TemplatePhase, FALLBACK_LANGUAGE, type Language } from '../vocabulary';

export interface TemplateVars {
  eventName: string;
  /** The new date and time of a postponed event, already formatted for the reader. */
  newTime?: string;
  /** Status page or event page; added as a last line when given. */
  link?: string;
  /** Defaults to 5. */
  nextUpdateMinutes?: number;
  /** Noun phrase that follows "a problem with", e.g. "the speaker's microphone"; defaults per kind. */
  issue?: string;
  /** Where the next updates appear (see whereFor); defaults to chat, e-mail and the status page. */
  where?: string;
}

export interface RenderRequest {
  kind: PlaybookKind;
  phase: TemplatePhase;
  lang: Language;
  vars: TemplateVars;
}

export interface RenderedMessage {
  subject: string;
  body: string;
  /** The language actually used (a phase missing in `lang` falls back to English). */
  lang: Language;
}

const DEFAULT_NEXT_UPDATE_MINUTES = 5;
const DEFAULT_WHERE: ChannelId[] = ['webinar-chat', 'email', 'status-page'];

const i18n = i18next.createInstance();
void i18n.init({
  resources: TEMPLATE_RESOURCES,
  lng: FALLBACK_LANGUAGE,
  fallbackLng: false,
  initAsync: false,
  // Plain text, not HTML: each channel escapes what it needs to.
  interpolation: { escapeValue: false },
  returnNull: false,
  // The domain must not write to the console.
  showSupportNotice: false,
});

const has = (lang: Language, key: string) => i18n.getResource(lang, 'translation', key) !== undefined;

/**
 * Finds the most specific wording: the kind's own wording in the requested language, then the general wording in
 * that language, then the same two in English. Lookups are done by hand because i18next's own fallback would
 * prefer an English kind-specific text over a general text in the reader's language.
 */
function resolve(kind: PlaybookKind, phase: TemplatePhase, lang: Language): { lang: Language; prefix: string } {
  for (const l of lang === FALLBACK_LANGUAGE ? [lang] : [lang, FALLBACK_LANGUAGE]) {
    for (const prefix of [`${kind}.${phase}`, `any.${phase}`]) {
      if (has(l, `${prefix}.body`)) return { lang: l, prefix };
    }
  }
  throw new Error(`No template for ${kind}.${phase}`);
}

/** True when the phase has its own wording in that language (no fallback to English). */
export function hasTemplate(kind: PlaybookKind, phase: TemplatePhase, lang: Language): boolean {
  return resolve(kind, phase, lang).lang === lang;
}

export function renderTemplate({ kind, phase, lang, vars }: RenderRequest): RenderedMessage {
  const found = resolve(kind, phase, lang);
  const t = (key: string) =>
    i18n.t(key, {
      lng: found.lang,
      eventName: vars.eventName,
      newTime: vars.newTime,
      link: vars.link,
      nextUpdateMinutes: vars.nextUpdateMinutes ?? DEFAULT_NEXT_UPDATE_MINUTES,
      issue: vars.issue?.trim() || i18n.t(`issue.${kind}`, { lng: found.lang }),
      where: vars.where?.trim() || whereFor(DEFAULT_WHERE, found.lang),
    });
  const bodyKey = !vars.newTime?.trim() && has(found.lang, `${found.prefix}.bodyTbd`) ? 'bodyTbd' : 'body';
  let body = t(`${found.prefix}.${bodyKey}`);
  if (vars.link?.trim()) body += `\n\n${t('linkLine')}`;
  return { subject: t(`${found.prefix}.subject`), body, lang: found.lang };
}
