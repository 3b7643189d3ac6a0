/**
 * The tone check: it reads a draft before it goes public and points at the phrases customers never want to hear
 * (policy, contract, link-only answer, blaming the supplier or the audience), at shouting and impulsive wording, and at
 * drafts that do not say when the next update comes. It only warns and never blocks: the operator decides.
 * Fast enough to run on every keystroke (bench/tone.bench.ts).
 */
import type { SilenceStatus } from './playbook';
import {
  ACRONYMS,
  LINK_PHRASES,
  PHRASE_PATTERNS,
  ruleText,
  TIME_PATTERN,
  TONE_LANGUAGES,
  URL_PATTERN,
} from './tone-rules';

import { FALLBACK_LANGUAGE, type Language } from '../vocabulary';
import type { ToneLanguage, ToneRule } from './tone-language';
export type { ToneRule } from './tone-language';

export interface ToneFinding {
  rule: ToneRule;
  severity: 'warning' | 'info';
  /** [start, end) indices into the draft; [0, 0] when the finding is about the whole situation (silence). */
  span: [number, number];
  message: string;
  suggestion: string;
}

/** Fewer words than this, once links and "see this link" phrases are removed, make a link-only answer. */
const LINK_ONLY_MIN_WORDS = 8;

/**
 * Lower case, accents removed, curly apostrophes straightened, with one output unit per input unit
 * so that regex indices on the folded text are valid indices into the original.
 */
export function foldText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch.length > 1) {
      out += ch;
      continue;
    }
    let c = ch.normalize('NFD')[0].toLowerCase();
    if (c.length !== 1) c = ch;
    if (/[\u2018\u2019\u02bc`\u00b4]/.test(c)) c = "'";
    out += c;
  }
  return out;
}

const words = (s: string) => new Set(s.split(' '));
/** Common words of each language, folded. Words shared by two languages are left out where they would blur the count. */
const LANG_WORDS: [Language, Set<string>][] = [
  [
    'en',
    words(
      'the and is are we you our your to of in for with this that it be will next update minutes sorry problem thanks soon as still working here',
    ),
  ],
  [
    'it',
    words(
      'il lo la gli le di che non e per con del della dei delle sono siamo stiamo questo questa tra fra ci vi un una alle nostro nostra vostro vostra grazie scusiamo aggiornamento prossimo minuti problema appena subito ancora',
    ),
  ],
  [
    'es',
    words(
      'el los las y estamos esta este esto estos hay usted ustedes sus nuestro nuestra nuestros nuestras para por pero muy ya como ahora aqui todavia tambien hacer nada estan puede pueden favor sentimos lamentamos disculpen gracias minutos proxima actualizacion problema enlace culpa',
    ),
  ],
  [
    'de',
    words(
      'der die das und ist sind wir sie ihr ihre ihren ihnen nicht mit bei auf fur dem den des ein eine einen einem gibt uns unser unsere unseren zu im noch bitte danke minuten nachstes entschuldigung arbeiten daran schon sofort wird werden haben hier auch oder aber wie sich',
    ),
  ],
  [
    'fr',
    words(
      "le les des du et est sont nous vous votre vos notre nos pour avec dans sur une pas ce cette qui ne merci desoles excusez prochaine mise jour c'est n'est avons sommes probleme aussi tres rien faire chez ici toutes tous lien au aux cela ca",
    ),
  ],
];

/** The draft's language among the five, by counting common words; on a tie the earlier language wins, English when unsure. */
export function detectLanguage(text: string): Language {
  const score = new Map<Language, number>(LANG_WORDS.map(([l]) => [l, 0]));
  for (const w of foldText(text).match(/[a-z']+/g) ?? []) {
    for (const [l, set] of LANG_WORDS) if (set.has(w)) score.set(l, score.get(l)! + 1);
  }
  let best: Language = FALLBACK_LANGUAGE;
  for (const [l] of LANG_WORDS) if (score.get(l)! > score.get(best)!) best = l;
  return best;
}

type Span = [number, number];

function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

/**
 * Every match of a g-flag regex. exec with lastIndex instead of matchAll, which clones the regex on each call:
 * the check runs dozens of patterns per keystroke.
 */
function matches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m);
    if (m[0] === '') re.lastIndex++;
  }
  return out;
}

const spansOf = (re: RegExp, text: string): Span[] => matches(re, text).map((m) => [m.index, m.index + m[0].length]);

const urlSpans = (text: string): Span[] => spansOf(URL_PATTERN, text);

const inside = (i: number, spans: Span[]) => spans.some(([s, e]) => i >= s && i < e);

/** Text in quotation marks is a mention ("the 'total disaster' slide"), not the author's own words. */
const QUOTED = /"[^"\n]*"|\u201c[^\u201d\n]*\u201d|\u201e[^\u201c\u201d\n]*[\u201c\u201d]|\u00ab[^\u00bb\n]*\u00bb/g;
const quotedSpans = (text: string): Span[] => spansOf(QUOTED, text);

/** Where the clause holding index `i` starts: after the last sentence mark, semicolon, colon or line break. */
function clauseStart(folded: string, i: number): number {
  for (let k = i - 1; k >= 0; k--) if ('.!?;:\n'.includes(folded[k])) return k + 1;
  return 0;
}

/** blame-audience only: the match is a reassurance ("no need to…", "your connection is fine") or about someone else. */
function excusedBlame(draft: string, folded: string, lang: ToneLanguage, start: number, end: number): boolean {
  const before = folded.slice(0, start);
  const clause = folded.slice(clauseStart(folded, start), start);
  return (
    ALL_LANGS.some((l) => l.reassuranceBefore.test(before) || l.reassuranceAfter.test(folded.slice(end))) ||
    lang.thirdParty.test(clause) ||
    lang.notAboutReader?.(draft, start, end) === true
  );
}

const ALL_LANGS = Object.values(TONE_LANGUAGES);

function phraseFindings(draft: string, folded: string, lang: Language): ToneFinding[] {
  const quoted = quotedSpans(draft);
  const spans = new Map<ToneRule, Span[]>();
  for (const { rule, re, lang: own } of PHRASE_PATTERNS) {
    for (const m of matches(re, folded)) {
      const span: Span = [m.index, m.index + m[0].length];
      if (inside(span[0], quoted)) continue;
      if (own && excusedBlame(draft, folded, own, span[0], span[1])) continue;
      spans.set(rule, [...(spans.get(rule) ?? []), span]);
    }
  }
  return [...spans].flatMap(([rule, s]) => mergeSpans(s).map((span) => whole(rule, lang, span)));
}

/** True when the draft says the problem is over: a resolution word not undone by "not yet" or "as soon as". */
function saysResolved(folded: string): boolean {
  for (const l of ALL_LANGS) {
    for (const m of matches(l.resolution, folded)) {
      const clause = folded.slice(Math.max(clauseStart(folded, m.index), m.index - 40), m.index);
      if (!l.unresolved.test(clause)) return true;
    }
  }
  return false;
}

const WORD = /\p{L}+/gu;
const REPEATED_MARKS = /(?:!{2,}|\?!|!\?|\?{3,})[!?]*/g;

function shoutingSpans(text: string, urls: Span[]): Span[] {
  const letters = [...text.replace(URL_PATTERN, '')].filter((c) => c.toLowerCase() !== c.toUpperCase());
  const upper = letters.filter((c) => c === c.toUpperCase()).length;
  // Mostly capitals: one finding for the whole draft rather than one per word.
  if (letters.length >= 12 && upper / letters.length > 0.7) return [[0, text.length]];
  const spans: Span[] = [];
  for (const m of matches(WORD, text)) {
    const w = m[0];
    if (inside(m.index, urls) || [...w].length < 2 || ACRONYMS.has(w)) continue;
    if (w === w.toUpperCase() && w !== w.toLowerCase()) spans.push([m.index, m.index + w.length]);
  }
  for (const m of matches(REPEATED_MARKS, text)) {
    if (!inside(m.index, urls)) spans.push([m.index, m.index + m[0].length]);
  }
  // Consecutive capitalised words form one shout.
  const merged: Span[] = [];
  for (const s of spans.sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && /^[^\p{L}\d]*$/u.test(text.slice(last[1], s[0]))) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

function isLinkOnly(text: string, folded: string, urls: Span[]): boolean {
  const phrases = spansOf(LINK_PHRASES, folded);
  if (urls.length === 0 && phrases.length === 0) return false;
  let rest = folded;
  for (const [s, e] of [...urls, ...phrases]) rest = rest.slice(0, s) + ' '.repeat(e - s) + rest.slice(e);
  const words = rest.match(/[\p{L}\d][\p{L}\d'-]*/gu) ?? [];
  return words.length < LINK_ONLY_MIN_WORDS;
}

const whole = (
  rule: ToneRule,
  lang: Language,
  span: Span,
  severity: ToneFinding['severity'] = 'warning',
): ToneFinding => ({ rule, severity, span, ...ruleText(rule, lang) });

/** Findings in the draft, ordered by position, each rule and span once. An empty draft has none. */
export function checkTone(text: string, lang?: Language): ToneFinding[] {
  if (text.trim() === '') return [];
  const language = lang ?? detectLanguage(text);
  const folded = foldText(text);
  const urls = urlSpans(text);
  const findings = phraseFindings(text, folded, language);
  for (const span of shoutingSpans(text, urls)) findings.push(whole('shouting', language, span));
  if (isLinkOnly(text, folded, urls)) findings.push(whole('link-only', language, [0, text.length]));
  const withoutUrls = folded.replace(URL_PATTERN, ' ');
  if (!TIME_PATTERN.test(withoutUrls) && !saysResolved(withoutUrls)) {
    findings.push(whole('vague', language, [0, text.length], 'info'));
  }
  const seen = new Set<string>();
  return findings
    .filter((f) => {
      const key = `${f.rule}:${f.span[0]}:${f.span[1]}`;
      return !seen.has(key) && seen.add(key);
    })
    .sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]);
}

/** The fifth thing customers never want to hear is silence. Emits a finding once a deadline is missed. */
export function silenceFinding(status: SilenceStatus, lang: Language = FALLBACK_LANGUAGE): ToneFinding | null {
  return status.missed ? whole('silence', lang, [0, 0]) : null;
}

/** True when a draft has no warnings (info-level hints allowed). */
export const isCalm = (findings: readonly ToneFinding[]): boolean => findings.every((f) => f.severity !== 'warning');
