/**
 * Is this chat message a complaint, and about what? Compiles the phrase tables (chat-phrases.ts) once
 * (phrase-matcher.ts), indexed by their content words, then per message:
 *   normalise → quick anchor check (most messages stop here) → fix one-letter typos of table words
 *   → match each kind, or a message made of kind words ("AUDIO??", "frozen") → exclusions → veto ("works now").
 * Pure and deterministic; the only state is a bounded memo of per-word lookups, which never changes
 * an answer, only its cost.
 */
import {
  CLAUSE_WORDS,
  COMPLAINT_CATEGORIES,
  GAP_FREE_WORDS,
  LONE_QUESTION_FILLERS,
  LONE_QUESTION_NOUNS,
  NEGATIONS,
  PHRASES,
  TRAILING_NEGATIONS,
  type ComplaintCategory,
} from './chat-phrases';
import { normalizeWord, tokenize } from './normalize-text';
import { compilePhrase, matchPhrase, type CompiledPhrase, type Grammar } from './phrase-matcher';

/** Bit of each category in a classification mask. */
export const CATEGORY_BIT: Readonly<Record<ComplaintCategory, number>> = { audio: 1, video: 2, stream: 4, link: 8 };
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

const normSet = (words: readonly string[]) => new Set(words.map(normalizeWord));
const NEGATION_SET = normSet(NEGATIONS);
const FREE_SET = normSet(GAP_FREE_WORDS);
const GRAMMAR: Grammar = {
  negations: NEGATION_SET,
  trailing: normSet(TRAILING_NEGATIONS),
  free: FREE_SET,
  blocked: normSet([...NEGATIONS.filter((n) => !FREE_SET.has(normalizeWord(n))), ...CLAUSE_WORDS]),
  functionWords: FUNCTION_WORDS,
};

/**
 * Every compiled phrase: complaints (set their bit), exclusions (`-`, clear it) and vetoes (`ok`, clear
 * all). Only phrases sharing a word with the message are tried.
 */
interface Entry {
  readonly phrase: CompiledPhrase;
  readonly kind: 'complaint' | 'exclusion' | 'veto';
  readonly bit: number;
}
const ENTRIES: Entry[] = [];
for (const table of Object.values(PHRASES)) {
  for (const c of COMPLAINT_CATEGORIES)
    for (const p of table[c]) {
      const exclusion = p.startsWith('-');
      const phrase = compilePhrase(exclusion ? p.slice(1) : p, GRAMMAR);
      ENTRIES.push({ phrase, kind: exclusion ? 'exclusion' : 'complaint', bit: CATEGORY_BIT[c] });
    }
  for (const p of table.ok) ENTRIES.push({ phrase: compilePhrase(p, GRAMMAR), kind: 'veto', bit: 0 });
}
const BY_WORD = new Map<string, number[]>();
const BY_STEM = new Map<string, number[]>();
/** Words and stems of complaint phrases: the only targets of typo correction. */
const complaintWords = new Set<string>();
const complaintStems = new Set<string>();
ENTRIES.forEach((e, index) => {
  for (const w of e.phrase.anchors.words) BY_WORD.set(w, [...(BY_WORD.get(w) ?? []), index]);
  for (const w of e.phrase.anchors.stems) BY_STEM.set(w, [...(BY_STEM.get(w) ?? []), index]);
  if (e.kind !== 'complaint') return;
  for (const w of e.phrase.anchors.words) complaintWords.add(w);
  for (const w of e.phrase.anchors.stems) complaintStems.add(w);
});
const STEM_LENGTHS = [...new Set([...BY_STEM.keys()].map((s) => s.length))].sort((a, b) => a - b);
const LONE_NOUN = new Map<string, number>();
for (const c of COMPLAINT_CATEGORIES)
  for (const n of LONE_QUESTION_NOUNS[c] ?? [])
    LONE_NOUN.set(normalizeWord(n), (LONE_NOUN.get(normalizeWord(n)) ?? 0) | CATEGORY_BIT[c]);
const LONE_FILLER = normSet(LONE_QUESTION_FILLERS);

// Typo tolerance (one edit). Deletions/substitutions only against words of ≥ 6 letters (and a few
// vetted five-letter ones) and transpositions against ≥ 5, because shorter words collide with
// everyday words ("found"/"sound", "sono"/"suono").
const VOCAB = new Set([...complaintWords, ...SHORT_TYPO_WORDS].filter((w) => w.length >= 4 && /^[a-z]+$/.test(w)));
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
for (const st of complaintStems) {
  if (st.length < 6) continue;
  for (let i = 0; i < st.length; i++) STEM_DELETES.set(st.slice(0, i) + st.slice(i + 1), st);
}
const COMPLAINT_STEM_LENGTHS = [...new Set([...complaintStems].map((s) => s.length))].sort((a, b) => a - b);

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

/** Words that are right as typed: negations, auxiliaries, fillers ("aucun" is not a typo of "aucune"). */
const KNOWN_WORDS = new Set([...NEVER_CORRECT, ...NEGATION_SET, ...FUNCTION_WORDS, ...FREE_SET, ...LONE_FILLER]);

function correctTypo(t: string): string | null {
  if (t.length < 4 || KNOWN_WORDS.has(t) || !/^[a-z]+$/.test(t)) return null;
  const missing = DELETES.get(t); // the typist dropped a letter
  if (missing) return missing;
  if (t.length < 5) return null;
  for (const len of COMPLAINT_STEM_LENGTHS) {
    if (len < 6 || len - 1 > t.length) continue;
    const stem = STEM_DELETES.get(t.slice(0, len - 1));
    if (stem) return stem + t.slice(len - 1);
  }
  for (let i = 0; i + 1 < t.length; i++) {
    const swapped = t.slice(0, i) + t[i + 1] + t[i] + t.slice(i + 2);
    if (VOCAB.has(swapped)) return swapped;
    // Two letters swapped inside a stem ("wokring" for work*).
    for (const len of COMPLAINT_STEM_LENGTHS)
      if (len >= 4 && i + 2 <= len && complaintStems.has(swapped.slice(0, len))) return swapped;
  }
  for (let i = 0; i < t.length; i++) {
    const d = t.slice(0, i) + t.slice(i + 1);
    if (d.length >= 4 && VOCAB.has(d)) return d; // an extra letter
    const sub = DELETES.get(d); // one letter wrong: at the same place ("estuvo" is not "detuvo")
    if (sub && sub.length === t.length && sub.slice(0, i) === t.slice(0, i)) return sub;
  }
  return null;
}

/** What a token means for matching: its spelling after typo correction and the phrases it may take part in. */
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

/**
 * Per entry, how many tokens of the current line name it (`hits`, valid where `countedIn` is the current
 * line): a phrase is tried only once enough of its slots can be filled, and only once per pass.
 */
const hits = new Uint16Array(ENTRIES.length);
const countedIn = new Uint32Array(ENTRIES.length);
const triedIn = new Uint32Array(ENTRIES.length);
let line = 0;
let pass = 0;

/** Classify one chat line: a bitmask of CATEGORY_BIT (0 = not a complaint). */
export function classifyComplaintMask(text: string): number {
  const tokens = tokenize(text);
  if (tokens.length === 0) return 0;
  let candidates: (readonly number[])[] | null = null;
  if (++line === 0xffffffff) line = restart(countedIn);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '?' || t === ',') continue;
    const r = resolveToken(t);
    if (r.word === '') continue;
    (candidates ??= []).push(r.phrases);
    tokens[i] = r.word;
    for (const e of r.phrases) {
      if (countedIn[e] !== line) {
        countedIn[e] = line;
        hits[e] = 0;
      }
      hits[e]++;
    }
  }
  let mask = 0;
  if (candidates !== null) mask = matchAll(tokens, candidates, 'complaint', 0);
  if (mask === 0 && tokens.length <= 6) mask = loneNounMask(tokens);
  if (mask === 0 || candidates === null) return mask;
  mask &= ~matchAll(tokens, candidates, 'exclusion', mask);
  return mask !== 0 && matchAll(tokens, candidates, 'veto', -1) !== 0 ? 0 : mask;
}

/**
 * The bits of the candidate entries of one kind that match (a veto counts as every bit). `want`: bits
 * worth trying (0 = any not yet found).
 */
function matchAll(
  tokens: readonly string[],
  candidates: readonly (readonly number[])[],
  kind: Entry['kind'],
  want: number,
): number {
  if (++pass === 0xffffffff) pass = restart(triedIn);
  let found = 0;
  for (const list of candidates)
    for (const i of list) {
      const e = ENTRIES[i];
      if (e.kind !== kind || triedIn[i] === pass || hits[i] < e.phrase.anchoredSlots) continue;
      triedIn[i] = pass;
      const bit = kind === 'veto' ? -1 : e.bit;
      if (want === 0 ? (found & bit) !== 0 : (want & bit) === 0) continue;
      if (matchPhrase(tokens, e.phrase, GRAMMAR)) {
        found |= bit;
        if (kind === 'veto') return found;
      }
    }
  return found;
}

/** Wrap a generation counter around: forget every stamp. */
function restart(stamps: Uint32Array): number {
  stamps.fill(0);
  return 1;
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
