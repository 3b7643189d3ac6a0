/**
 * Message templates for the guided response: template kind × phase × language, rendered synchronously.
 * The wording is a typed table (template-text.ts): every language has every phase, so a template is always in the
 * reader's language. The i18next instance only interpolates; it is private to this module, so the app's UI
 * translations cannot interfere with it, and it is initialised with inline resources and `initAsync: false`, which
 * keeps the domain synchronous and free of I/O.
 */
import type { ChannelId } from '../../channels';
import { whereFor } from './where';
import i18next from 'i18next';
import { TEMPLATE_TEXT, type TemplateKind } from './template-text';
import { FALLBACK_LANGUAGE, LANGUAGES, type IncidentKind, type Language, type TemplatePhase } from '../vocabulary';

export type { TemplateKind } from './template-text';

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
  kind: TemplateKind;
  phase: TemplatePhase;
  lang: Language;
  vars: TemplateVars;
}

export interface RenderedMessage {
  subject: string;
  body: string;
  lang: Language;
}

const DEFAULT_NEXT_UPDATE_MINUTES = 5;
const DEFAULT_WHERE: ChannelId[] = ['webinar-chat', 'email', 'status-page'];

const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: TEMPLATE_TEXT[l] }])),
  lng: FALLBACK_LANGUAGE,
  fallbackLng: false,
  initAsync: false,
  // Plain text, not HTML: each channel escapes what it needs to.
  interpolation: { escapeValue: false },
  returnNull: false,
  // The domain must not write to the console.
  showSupportNotice: false,
});

/**
 * The kind's own wording for the phase where it has one, else the general wording. Every language has the same
 * kinds and phases (the Wording type), so looking in one language answers for all.
 */
function prefixOf(kind: TemplateKind, phase: TemplatePhase): string {
  const own: object | undefined = (TEMPLATE_TEXT[FALLBACK_LANGUAGE] as Partial<Record<TemplateKind, object>>)[kind];
  return own && phase in own ? `${kind}.${phase}` : `any.${phase}`;
}

/**
 * Which wording an incident gets: its kind's, except a chat flood (only the chat-flood detector saw it), which is
 * a moderation notice for the chat and not "a problem with the broadcast".
 */
export function templateKindOf(incident: { kind: IncidentKind; detectors: readonly string[] }): TemplateKind {
  const flood = incident.detectors.length > 0 && incident.detectors.every((d) => d === 'chat-flood');
  return incident.kind === 'other' && flood ? 'chat-flood' : incident.kind;
}

export function renderTemplate({ kind, phase, lang, vars }: RenderRequest): RenderedMessage {
  const prefix = prefixOf(kind, phase);
  const t = (key: string) =>
    i18n.t(key, {
      lng: lang,
      eventName: vars.eventName,
      newTime: vars.newTime,
      link: vars.link,
      nextUpdateMinutes: vars.nextUpdateMinutes ?? DEFAULT_NEXT_UPDATE_MINUTES,
      issue: vars.issue?.trim() || TEMPLATE_TEXT[lang].issue[kind],
      where: vars.where?.trim() || whereFor(DEFAULT_WHERE, lang),
    });
  const bodyKey = phase === 'postponed' && !vars.newTime?.trim() ? 'bodyTbd' : 'body';
  let body = t(`${prefix}.${bodyKey}`);
  if (vars.link?.trim()) body += `\n\n${t('linkLine')}`;
  return { subject: t(`${prefix}.subject`), body, lang };
}
