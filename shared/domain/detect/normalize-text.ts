/**
 * Chat text normalisation, so one phrase table matches what people actually type:
 * "AUDIOOOO??", "non si senteeee", "l'image est figée 🥲", "Bild hängt!!!".
 *
 *  1. map the few emoji that mean a fault to word tokens (🔇 → "xmute");
 *  2. lowercase, strip accents (è → e, ö → o, ß → ss, ñ → n);
 *  3. every run of non-letters becomes one space; "?" (also ¿ ❓) is kept as its own token, and
 *     clause punctuation (, . ; : !) becomes a "," token, so a negation in one clause does not
 *     reach into the next ("can't join, link is broken");
 *  4. collapse repeated letters ("senteeee" → "sente", "bloccato" → "blocato").
 * Phrase tables are compiled through the same function, so "bloccato" in a table still matches.
 */

/** Emoji that carry a fault meaning, mapped to tokens the phrase tables use. */
const EMOJI_TOKENS: Readonly<Record<string, string>> = {
  '🔇': 'xmute',
  '🔕': 'xmute',
  '📵': 'xnosignal',
  '📴': 'xnosignal',
};

const EMOJI_RE = new RegExp(Object.keys(EMOJI_TOKENS).join('|'), 'gu');
const QUESTION_RE = /[?¿❓❔⁇⁈⁉？]+/g;
const NON_ASCII_RE = /[\u0080-\uffff]/;
const MARKS_RE = /\p{M}+/gu;
const CLAUSE_RE = /[,.;:!¡]+/g;
const NON_WORD_RE = /[^a-z0-9?,]+/g;
const EDGE_COMMAS_RE = /^[ ,]+|[ ,]+$/g;
const COMMA_RUNS_RE = /,(?: ,)+/g;
const REPEATS_RE = /([a-z])\1+/g;
const SPACES_RE = / +/g;

/** Normalise one chat line to space-separated tokens (see file comment). Never throws. */
export function normalizeText(raw: string): string {
  let s = raw;
  if (NON_ASCII_RE.test(s)) {
    s = s.replace(EMOJI_RE, (m) => ` ${EMOJI_TOKENS[m]} `).replace(QUESTION_RE, ' ? ');
    s = s
      .toLowerCase()
      .replace(/ß/g, 'ss')
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .normalize('NFD')
      .replace(MARKS_RE, '');
  } else {
    s = s.toLowerCase();
  }
  s = s.replace(CLAUSE_RE, ' , ').replace(NON_WORD_RE, ' ');
  if (s.includes('?')) s = s.replace(QUESTION_RE, ' ? ');
  if (s.includes(',')) s = s.replace(SPACES_RE, ' ').replace(COMMA_RUNS_RE, ',').replace(EDGE_COMMAS_RE, '');
  s = s.replace(REPEATS_RE, '$1');
  return s.replace(SPACES_RE, ' ').trim();
}

/** Normalise one word of a phrase table (no emoji, no "?"); keeps a trailing "*" stem marker. */
export function normalizeWord(word: string): string {
  const stem = word.endsWith('*');
  const core = normalizeText(stem ? word.slice(0, -1) : word).replace(/ /g, '_');
  return stem ? `${core}*` : core;
}
