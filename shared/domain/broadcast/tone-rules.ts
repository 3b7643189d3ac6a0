/**
 * The rules of the tone check, as data. They encode the five answers customers never want to hear, the
 * impulsive reaction (seeds-summary §3–4), stock phrases and panic words. Patterns run on a folded copy of the
 * draft (lower case, no accents, straight apostrophes) that keeps the original indices, so spans point into the
 * draft itself. Each language lives in tone-rules-xx.ts; every language's patterns run on every draft because
 * drafts mix languages, and a match keeps the language it came from (its own vetoes apply). Only the message and
 * the suggestion follow the draft's language.
 */
import { DE } from './tone-rules-de';
import { EN } from './tone-rules-en';
import { ES } from './tone-rules-es';
import { FR } from './tone-rules-fr';
import { IT } from './tone-rules-it';
import type { Language } from '../vocabulary';
import type { PhraseRuleId, RuleText, ToneLanguage, ToneRule } from './tone-language';

export const TONE_LANGUAGES: Record<Language, ToneLanguage> = { en: EN, it: IT, es: ES, de: DE, fr: FR };
const ALL = Object.values(TONE_LANGUAGES);

export const PHRASE_RULE_IDS: readonly PhraseRuleId[] = [
  'policy',
  'contract',
  'blame-supplier',
  'blame-audience',
  'impulsive',
  'boilerplate',
  'alarming',
];

/** A rule's text in every language. */
export const ruleText = (rule: ToneRule, lang: Language): RuleText => TONE_LANGUAGES[lang].text[rule];

/** Anything that tells the reader when they will hear from us, or when the event happens, in any language. */
export const TIME_PATTERNS: RegExp[] = ALL.flatMap((l) => l.time);

export const LINK_PHRASES: RegExp[] = ALL.flatMap((l) => l.link);

export const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>()]+/gi;

/** Common upper-case abbreviations that are not shouting. ASAP is not shouting either: boilerplate flags it. */
export const ACRONYMS = new Set([
  ...['AI', 'AM', 'AR', 'EU', 'HD', 'HR', 'ID', 'IP', 'IT', 'OK', 'PC', 'PM', 'QA', 'SD', 'TV', 'UK', 'US', 'VR'],
  ...['API', 'BST', 'CDN', 'CEO', 'CET', 'CTO', 'DNS', 'DSL', 'EST', 'FAQ', 'GMT', 'HLS', 'ISP', 'MEZ', 'OBS'],
  ...['PDF', 'PST', 'SMS', 'SRT', 'URL', 'USA', 'UTC', 'VPN'],
  ...['ASAP', 'CEST', 'FAQS', 'HTML', 'HTTP', 'MESZ', 'RTMP', 'WIFI', 'WLAN', 'HTTPS'],
]);
