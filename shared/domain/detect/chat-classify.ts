/**
 * Is this chat message a complaint, and about what? Compiles the phrase tables (chat-phrases.ts)
 * once, one regular expression per phrase indexed by its content words, then per message:
 *   normalise → quick anchor check (most messages stop here) → fix one-letter typos of table words
 *   → match each kind, or a message made of kind nouns ("AUDIO??") → veto ("works now").
 * Pure and deterministic; the only state is a bounded memo of per-word lookups, which never changes
 * an answer, only its cost.
 */
import {
  COMPLAINT_CATEGORIES,
  GAP_SAFE_NEGATIONS,
  LONE_QUESTION_FILLERS,
  LONE_QUESTION_NOUNS,
  NEGATIONS,
  PHRASES,
  TRAILING_NEGATIONS,
  type ComplaintCategory,
} from './chat-phrases';
import { normalizeText, normalizeWord } from './normalize-text';

/** Bit of each category in a classification mask. */
export const CATEGORY_BIT: Readonly<Record<ComplaintCategory, number>> = { audio: 1, video: 2, stream: 4, link: 8 };
const MAX_GAP = 2;
/** Words that never count as anchors (they occur in phrases but say nothing on their own). */
const FUNCTION_WORDS = new Set(
  [
    'the',
    'est',
    'its',
    'now',
    'ist',
    'esta',
    'estas',
    'les',
    'des',
    'una',
    'per',
    'con',
    'and',
    'you',
    'ora',
    'zero',
    'cero',
    'all',
    'just',
    'only',
    'out',
    'off',
    'get',
    'se',
    'si',
    'en',
    'de',
    'la',
    'el',
    'le',
    'il',
    'zu',
    'is',
    'it',
    'on',
    'ok',
  ].map(normalizeWord),
);
/** Frequent words that sit one typo away from a table word; never "corrected". */
const NEVER_CORRECT = new Set([
  'found',
  'round',
  'bound',
  'sono',
  'tone',
  'heart',
  'send',
  'videos',
  'sounds',
  'linked',
  'links',
  'audit',
  'stress',
  'sent',
  'sene',
  'seno',
  'seto',
  'sete',
  'audi',
  'vide',
  'voie',
  'sena',
  'vice',
  'mage',
]);
/** Five-letter words whose dropped-letter typos are common and safe ("snte", "vdeo"); the first letter is trusted. */
const SHORT_TYPO_WORDS = ['sente', 'sento', 'audio', 'video', 'sound', 'suono', 'voice', 'image', 'senza'];

const alt = (words: readonly string[]) => words.map((w) => normalizeWord(w)).join('|');
const NEGATION_SET = new Set(NEGATIONS.map(normalizeWord));
const NEG_SRC = alt(NEGATIONS);
const GAP_BLOCK_SRC = alt(NEGATIONS.filter((n) => !GAP_SAFE_NEGATIONS.includes(n)));
const TRAIL_SRC = alt(TRAILING_NEGATIONS);
const START = '(?<![^ ])';
const END = '(?![^ ])';
const NEG_BEFORE = `(?<!${START}(?:${NEG_SRC}) (?:[^ ,?]+ )?)`;
const NEG_AFTER = `(?! (?:${TRAIL_SRC})${END})`;
/** Up to MAX_GAP filler words; never a negation, never across a clause (",") or a "?". */
const GAP = `(?: (?!(?:${GAP_BLOCK_SRC})${END})[^ ,?]+){0,${MAX_GAP}} `;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Anchor words and stems of the phrase being compiled (everything but negations and function words). */
interface CompiledWords {
  exact: Set<string>;
  stems: Set<string>;
}

function compileSlot(slot: string, words: CompiledWords | null): string {
  const alts = slot.split('|').map((a) => {
    const w = normalizeWord(a);
    const stem = w.endsWith('*');
    const core = stem ? w.slice(0, -1) : w;
    for (const part of core.split('_')) {
      if (!words || part.length < 2 || FUNCTION_WORDS.has(part) || NEGATION_SET.has(part)) continue;
      if (stem && part === core) words.stems.add(part);
      else words.exact.add(part);
    }
    return escapeRe(core.replace(/_/g, ' ')) + (stem ? '[^ ]*' : '');
  });
  return `(?:${alts.join('|')})`;
}

/** Compile one phrase of the mini-language to a regex source (see chat-phrases.ts). */
function compilePhrase(phrase: string, words: CompiledWords | null = null): string {
  let p = phrase.trim();
  let negatable = false;
  let adjacent = false;
  while (p.startsWith('!') || p.startsWith('=')) {
    if (p[0] === '!') negatable = true;
    else adjacent = true;
    p = p.slice(1);
  }
  const slots = p.split(/ +/).map((s) => compileSlot(s, words));
  const body = slots.join(adjacent ? ' ' : GAP);
  return START + (negatable ? NEG_BEFORE : '') + body + END + (negatable ? NEG_AFTER : '');
}

/** One compiled complaint phrase; only phrases sharing a word with the message are tried. */
interface Phrase {
  re: RegExp;
  bit: number;
}
const PHRASE_LIST: Phrase[] = [];
const BY_WORD = new Map<string, number[]>();
const BY_STEM = new Map<string, number[]>();
const anchorWords: CompiledWords = { exact: new Set(), stems: new Set() };
for (const table of Object.values(PHRASES)) {
  COMPLAINT_CATEGORIES.forEach((c) => {
    for (const p of table[c]) {
      const words: CompiledWords = { exact: new Set(), stems: new Set() };
      const index = PHRASE_LIST.push({ re: new RegExp(compilePhrase(p, words)), bit: CATEGORY_BIT[c] }) - 1;
      if (words.exact.size + words.stems.size === 0) throw new Error(`phrase without an anchor word: ${p}`);
      for (const w of words.exact) {
        BY_WORD.set(w, [...(BY_WORD.get(w) ?? []), index]);
        anchorWords.exact.add(w);
      }
      for (const w of words.stems) {
        BY_STEM.set(w, [...(BY_STEM.get(w) ?? []), index]);
        anchorWords.stems.add(w);
      }
    }
  });
}
const VETO_RE = new RegExp(
  Object.values(PHRASES)
    .flatMap((t) => t.ok.map((p) => compilePhrase(p)))
    .join('|'),
);
const STEM_LENGTHS = [...new Set([...anchorWords.stems].map((s) => s.length))].sort((a, b) => a - b);
const LONE_NOUN = new Map<string, number>();
for (const c of COMPLAINT_CATEGORIES)
  for (const n of LONE_QUESTION_NOUNS[c] ?? [])
    LONE_NOUN.set(normalizeWord(n), (LONE_NOUN.get(normalizeWord(n)) ?? 0) | CATEGORY_BIT[c]);
const LONE_FILLER = new Set(LONE_QUESTION_FILLERS.map(normalizeWord));

// Typo tolerance (one edit). Deletions/substitutions only against words of ≥ 6 letters (and a few
// vetted five-letter ones) and transpositions against ≥ 5, because shorter words collide with
// everyday words ("found"/"sound", "sono"/"suono").
const VOCAB = new Set([...anchorWords.exact, ...SHORT_TYPO_WORDS].filter((w) => w.length >= 4 && /^[a-z]+$/.test(w)));
const DELETES = new Map<string, string>();
for (const w of VOCAB) {
  const short = SHORT_TYPO_WORDS.includes(w);
  if (w.length < 6 && !short) continue;
  for (let i = short ? 1 : 0; i < w.length; i++) {
    const d = w.slice(0, i) + w.slice(i + 1);
    if (VOCAB.has(d) || NEVER_CORRECT.has(d)) continue;
    const prev = DELETES.get(d);
    DELETES.set(d, prev === undefined || prev === w ? w : ''); // '' = ambiguous
  }
}

// A dropped letter inside a stem ("escuha" for escuch*): stems of ≥ 6 letters, same rule as words.
const STEM_DELETES = new Map<string, string>();
for (const st of anchorWords.stems) {
  if (st.length < 6) continue;
  for (let i = 0; i < st.length; i++) STEM_DELETES.set(st.slice(0, i) + st.slice(i + 1), st);
}

/** Indices of the phrases a token can take part in (exact word, then every matching stem). */
function phrasesOf(t: string): readonly number[] | null {
  let found: number[] | null = BY_WORD.get(t) ?? null;
  for (const len of STEM_LENGTHS) {
    if (len > t.length) break;
    const more = BY_STEM.get(t.slice(0, len));
    if (more) found = found ? [...found, ...more] : more;
  }
  return found;
}

function correctTypo(t: string): string | null {
  if (t.length < 4 || NEVER_CORRECT.has(t) || !/^[a-z]+$/.test(t)) return null;
  const missing = DELETES.get(t); // the typist dropped a letter
  if (missing) return missing;
  if (t.length < 5) return null;
  for (const len of STEM_LENGTHS) {
    if (len < 6 || len - 1 > t.length) continue;
    const stem = STEM_DELETES.get(t.slice(0, len - 1));
    if (stem) return stem + t.slice(len - 1);
  }
  for (let i = 0; i + 1 < t.length; i++) {
    const swapped = t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2);
    if (VOCAB.has(swapped)) return swapped;
  }
  for (let i = 0; i < t.length; i++) {
    const d = t.slice(0, i) + t.slice(i + 1);
    if (d.length >= 4 && VOCAB.has(d)) return d; // an extra letter
    const sub = DELETES.get(d); // one letter wrong
    if (sub) return sub;
  }
  return null;
}

/** What a token means for matching: its spelling after typo correction and the phrases it may start. */
interface Resolved {
  word: string;
  phrases: readonly number[];
}
const NOT_AN_ANCHOR: Resolved = { word: '', phrases: [] };
/** Bounded memo of per-token resolution (chat vocabulary is small and repetitive). */
const memo = new Map<string, Resolved>();
const MEMO_MAX = 50_000;
function resolveToken(t: string): Resolved {
  const hit = memo.get(t);
  if (hit !== undefined) return hit;
  let r = NOT_AN_ANCHOR;
  const direct = phrasesOf(t);
  if (direct) r = { word: t, phrases: direct };
  else {
    const fixed = correctTypo(t);
    const viaFix = fixed === null ? null : phrasesOf(fixed);
    if (fixed !== null && viaFix) r = { word: fixed, phrases: viaFix };
  }
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(t, r);
  return r;
}

/** Classify one chat line: a bitmask of CATEGORY_BIT (0 = not a complaint). */
export function classifyComplaintMask(text: string): number {
  const norm = normalizeText(text);
  if (norm.length === 0) return 0;
  const tokens = norm.split(' ');
  let candidates: (readonly number[])[] | null = null;
  let corrected = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '?' || t === ',') continue;
    const r = resolveToken(t);
    if (r.word === '') continue;
    (candidates ??= []).push(r.phrases);
    if (r.word !== t) {
      tokens[i] = r.word;
      corrected = true;
    }
  }
  if (candidates === null) return tokens.length <= 6 ? loneNounMask(tokens) : 0;
  const s = corrected ? tokens.join(' ') : norm;
  let mask = 0;
  for (const list of candidates) {
    for (const i of list) {
      const p = PHRASE_LIST[i];
      if ((mask & p.bit) === 0 && p.re.test(s)) mask |= p.bit;
    }
  }
  if (mask === 0 && tokens.length <= 6) mask = loneNounMask(tokens);
  if (mask !== 0 && VETO_RE.test(s)) return 0;
  return mask;
}

function loneNounMask(tokens: readonly string[]): number {
  let mask = 0;
  let content = 0;
  for (const t of tokens) {
    if (t === '?' || t === ',' || LONE_FILLER.has(t)) continue;
    const bits = LONE_NOUN.get(t);
    if (bits === undefined || ++content > 2) return 0;
    mask |= bits;
  }
  return mask;
}

/** Classify one chat line into the complaint categories it mentions (empty = not a complaint). */
export function classifyComplaint(text: string): ComplaintCategory[] {
  const mask = classifyComplaintMask(text);
  return COMPLAINT_CATEGORIES.filter((c) => (mask & CATEGORY_BIT[c]) !== 0);
}
