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

/** Several patterns as one alternation (one scan of the draft instead of one per pattern: the check runs per keystroke). */
const anyOf = (res: readonly RegExp[], flags: string): RegExp =>
  new RegExp(res.map((re) => `(?:${re.source})`).join('|'), flags);

/**
 * The phrase patterns to run, one regex (g flag) per rule joining every language's patterns. blame-audience keeps
 * one regex per language, because each language excuses its own matches (a third party, a lower-case "ihre").
 */
export interface PhrasePattern {
  rule: PhraseRuleId;
  re: RegExp;
  lang?: ToneLanguage;
}

const PHRASE_RULE_IDS: readonly PhraseRuleId[] = [
  'policy',
  'contract',
  'blame-supplier',
  'blame-audience',
  'impulsive',
  'boilerplate',
  'alarming',
];

export const PHRASE_PATTERNS: PhrasePattern[] = PHRASE_RULE_IDS.flatMap((rule): PhrasePattern[] =>
  rule === 'blame-audience'
    ? ALL.map((lang) => ({ rule, lang, re: anyOf(lang.patterns[rule], 'g') }))
    : [
        {
          rule,
          re: anyOf(
            ALL.flatMap((l) => l.patterns[rule]),
            'g',
          ),
        },
      ],
);

/** A rule's text in every language. */
export const ruleText = (rule: ToneRule, lang: Language): RuleText => TONE_LANGUAGES[lang].text[rule];

/** Anything that tells the reader when they will hear from us, or when the event happens, in any language. */
export const TIME_PATTERN: RegExp = anyOf(
  ALL.flatMap((l) => l.time),
  '',
);

export const LINK_PHRASES: RegExp = anyOf(
  ALL.flatMap((l) => l.link),
  'g',
);

export const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>()]+/gi;

/** Common upper-case abbreviations that are not shouting. ASAP is not shouting either: boilerplate flags it. */
export const ACRONYMS = new Set([
  ...['AI', 'AM', 'AR', 'EU', 'HD', 'HR', 'ID', 'IP', 'IT', 'OK', 'PC', 'PM', 'QA', 'SD', 'TV', 'UK', 'US', 'VR'],
  ...['API', 'BST', 'CDN', 'CEO', 'CET', 'CTO', 'DNS', 'DSL', 'EST', 'FAQ', 'GMT', 'HLS', 'ISP', 'MEZ', 'OBS'],
  ...['PDF', 'PST', 'SMS', 'SRT', 'URL', 'USA', 'UTC', 'VPN'],
  ...['ASAP', 'CEST', 'FAQS', 'HTML', 'HTTP', 'MESZ', 'RTMP', 'WIFI', 'WLAN', 'HTTPS'],
]);
