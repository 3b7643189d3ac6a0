/**
 * Chat text normalisation, so one phrase table matches what people actually type:
 * "AUDIOOOO??", "non si senteeee", "l'image est figée 🥲", "Bild hängt!!!".
 *
 *  1. map the few emoji that mean a fault to word tokens (🔇 → "xmute");
 *  2. lowercase, strip accents (è → e, ö → o, ß → ss, ñ → n);
 *  3. every run of non-letters separates tokens; "?" (also ¿ ❓) is kept as its own token, and
 *     clause punctuation (, . ; : !) becomes a "," token, so a negation in one clause does not
 *     reach into the next ("can't join, link is broken");
 *  4. collapse repeated letters ("senteeee" → "sente", "bloccato" → "blocato"; a final "ff" stays, "off");
 *  5. English negative contractions typed without the apostrophe become the apostrophe form's tokens
 *     ("doesnt" → "doesn t", "cant" → "can t", "wont" → "won t"), so one `t` negation covers both spellings.
 * Phrase tables are compiled through the same function, so "bloccato" in a table still matches.
 * One pass over the characters: chat detection must keep up with the busiest chat.
 */

/** Emoji that carry a fault meaning, mapped to tokens the phrase tables use. */
const EMOJI_TOKENS: Readonly<Record<string, string>> = {
  '🔇': 'xmute',
  '🔕': 'xmute',
  '📵': 'xnosignal',
  '📴': 'xnosignal',
};

const EMOJI_RE = new RegExp(Object.keys(EMOJI_TOKENS).join('|'), 'gu');
const NON_ASCII_RE = /[\u0080-\uffff]/;
const MARKS_RE = /\p{M}+/gu;
const COMBINING_RE = /\p{M}/u;
/**
 * Lowercase Latin letters with diacritics → plain letters (è → e, ö → o, ß → ss, ñ → n), computed once:
 * per line a table lookup is far cheaper than Unicode decomposition. Other scripts separate tokens.
 */
const LATIN_RE = /[\u00c0-\u024f\u1e00-\u1eff]/g;
const LATIN_FOLD = new Map<string, string>([
  ['ß', 'ss'],
  ['œ', 'oe'],
  ['æ', 'ae'],
]);
for (const [from, to] of [
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
]) {
  for (let code = from; code <= to; code++) {
    const c = String.fromCharCode(code);
    const plain = c.normalize('NFD').replace(MARKS_RE, '');
    if (plain !== c && !LATIN_FOLD.has(c)) LATIN_FOLD.set(c, plain);
  }
}
const QUESTION_MARKS = new Set('?¿❓❔⁇⁈⁉？');
const CLAUSE_MARKS = new Set(',.;:!¡');

/** Collapse runs of a letter to one, except a word-final "ff" (the tokenizer's rule, for table words). */
const collapse = (w: string) => w.replace(/f{2,}(?=[a-z])/g, 'f').replace(/([a-eg-z])\1+/g, '$1');
/** do/does/did/is/was/are/were/has/have/had/could/would/should/need/ai + nt, and ca(nt), wo(nt), collapsed. */
const CONTRACTIONS = new Map(
  ['do', 'does', 'did', 'is', 'was', 'are', 'were', 'has', 'have', 'had', 'could', 'would', 'should', 'need']
    .concat(['ai', 'ca', 'wo'])
    .map((w): [string, string] => [collapse(`${w}nt`), collapse(`${w}n`)]),
);

const isLetter = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** Normalise one chat line to its tokens (see file comment). Never throws. */
export function tokenize(raw: string): string[] {
  let s = raw;
  if (NON_ASCII_RE.test(s)) {
    s = s.replace(EMOJI_RE, (m) => ` ${EMOJI_TOKENS[m]} `).toLowerCase();
    s = s.replace(LATIN_RE, (c) => LATIN_FOLD.get(c) ?? c);
    if (COMBINING_RE.test(s)) s = s.replace(MARKS_RE, '');
  } else s = s.toLowerCase();

  const tokens: string[] = [];
  let word = '';
  let last = -1; // last letter of `word`, for collapsing runs
  let run = 0; // length of that run in the input
  const endWord = () => {
    if (word === '') return;
    if (last === 102 && run >= 2) word += 'f'; // a word-final "ff" stays: "off" is not "of"
    const split = CONTRACTIONS.get(word);
    if (split === undefined) tokens.push(word);
    else tokens.push(split, 't');
    word = '';
    last = -1;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isLetter(c)) {
      if (c === last) {
        run++;
        continue;
      }
      word += s[i];
      last = c;
      run = 1;
    } else if (isDigit(c)) {
      if (last === 102 && run >= 2) word += 'f';
      word += s[i];
      last = -1;
    } else {
      endWord();
      const ch = s[i];
      if (QUESTION_MARKS.has(ch)) {
        if (s[i - 1] !== ch || tokens[tokens.length - 1] !== '?') tokens.push('?');
      } else if (CLAUSE_MARKS.has(ch)) {
        if (tokens.length > 0 && tokens[tokens.length - 1] !== ',') tokens.push(',');
      }
    }
  }
  endWord();
  while (tokens.length > 0 && tokens[tokens.length - 1] === ',') tokens.pop();
  return tokens;
}

/** Normalise one chat line to space-separated tokens (see file comment). Never throws. */
export function normalizeText(raw: string): string {
  return tokenize(raw).join(' ');
}

/** Normalise one word of a phrase table (no emoji, no "?"); keeps a trailing "*" stem marker. */
export function normalizeWord(word: string): string {
  const stem = word.endsWith('*');
  const core = normalizeText(stem ? word.slice(0, -1) : word).replace(/ /g, '_');
  return stem ? `${core}*` : core;
}
