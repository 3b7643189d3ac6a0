/**
 * The phrase mini-language of chat-phrases.ts, compiled to slots and matched over the tokens of a
 * normalised line (normalize-text.ts). Token by token with set lookups, not regular expressions over
 * the text: the windows between slots ("the audio *of the second speaker is* gone") would make a
 * regular expression backtrack, and chat detection must keep up with the busiest chat (≥ 100,000 lines/s).
 */
import { normalizeWord } from './normalize-text';

/** One alternative of a slot: words that must be adjacent; with `stem`, the last one is a prefix. */
interface Alternative {
  readonly words: readonly string[];
  readonly stem: boolean;
}

export interface CompiledPhrase {
  readonly slots: readonly (readonly Alternative[])[];
  /** Most words between two slots, not counting free words; 0 = adjacent. */
  readonly gap: number;
  /** A negation just before, or a trailing negation just after, cancels the match. */
  readonly negatable: boolean;
  /** Must open / close its clause (`^` / `$`). */
  readonly atStart: boolean;
  readonly atEnd: boolean;
  /** Content words and stems of the phrase: a line without one of them cannot match. */
  readonly anchors: { readonly words: ReadonlySet<string>; readonly stems: ReadonlySet<string> };
  /** Slots every alternative of which holds an anchor: a matching line has that many anchor tokens. */
  readonly anchoredSlots: number;
}

/** The word classes matching depends on, normalised. */
export interface Grammar {
  /** Negate what follows (up to 2 words before a negatable phrase). */
  readonly negations: ReadonlySet<string>;
  /** Negate what precedes ("hängt nicht"). */
  readonly trailing: ReadonlySet<string>;
  /** Free in a gap (auxiliaries, articles). */
  readonly free: ReadonlySet<string>;
  /** Never in a gap (negations that are not free, clause words). */
  readonly blocked: ReadonlySet<string>;
  /** Never anchors (they say nothing on their own). */
  readonly functionWords: ReadonlySet<string>;
}

const DEFAULT_GAP = 3;
const SHORT_GAP = 2;
/** Free words a gap may hold: plenty for language, and it keeps a hostile line ("the the the…") linear. */
const MAX_FREE = 6;

/** Compile one phrase of the mini-language (see chat-phrases.ts). Throws on a phrase that cannot match anything specific. */
export function compilePhrase(phrase: string, grammar: Grammar): CompiledPhrase {
  let p = phrase.trim();
  let negatable = false;
  let gap = DEFAULT_GAP;
  while (/^[!=~]/.test(p)) {
    if (p[0] === '!') negatable = true;
    else gap = p[0] === '=' ? 0 : SHORT_GAP;
    p = p.slice(1);
  }
  const parts = p.split(/ +/);
  const atStart = parts[0] === '^';
  const atEnd = parts[parts.length - 1] === '$';
  const words = new Set<string>();
  const stems = new Set<string>();
  let anchoredSlots = 0;
  const slots = parts.slice(atStart ? 1 : 0, atEnd ? -1 : undefined).map((slot) => {
    let anchoredAlternatives = 0;
    const alternatives = slot.split('|').map((a): Alternative => {
      const w = normalizeWord(a);
      const stem = w.endsWith('*');
      const core = (stem ? w.slice(0, -1) : w).split('_');
      let anchored = false;
      for (const part of core) {
        if (part.length < 2 || grammar.functionWords.has(part) || grammar.negations.has(part)) continue;
        if (stem && core.length === 1) stems.add(part);
        else words.add(part);
        anchored = true;
      }
      if (anchored) anchoredAlternatives++;
      return { words: core, stem };
    });
    if (anchoredAlternatives === alternatives.length) anchoredSlots++;
    return alternatives;
  });
  if (words.size + stems.size === 0) throw new Error(`phrase without an anchor word: ${phrase}`);
  return { slots, gap, negatable, atStart, atEnd, anchors: { words, stems }, anchoredSlots };
}

const isClauseMark = (t: string | undefined) => t === ',' || t === '?';

/** End index (exclusive) of `alt` matched at token i, or -1. */
function alternativeAt(tokens: readonly string[], i: number, alt: Alternative): number {
  const last = alt.words.length - 1;
  for (let k = 0; k <= last; k++) {
    const t = tokens[i + k];
    if (t === undefined) return -1;
    if (k === last && alt.stem ? !t.startsWith(alt.words[k]) : t !== alt.words[k]) return -1;
  }
  return i + last + 1;
}

/** Do slots k… match from token p on, each after a gap the phrase allows? */
function slotsFrom(
  tokens: readonly string[],
  ph: CompiledPhrase,
  g: Grammar,
  k: number,
  p: number,
  first: boolean,
): boolean {
  if (k === ph.slots.length) {
    if (ph.atEnd && p < tokens.length && !isClauseMark(tokens[p])) return false;
    return !(ph.negatable && p < tokens.length && g.trailing.has(tokens[p]));
  }
  let counted = 0;
  let free = 0;
  for (let q = p; q < tokens.length; q++) {
    for (const alt of ph.slots[k]) {
      const e = alternativeAt(tokens, q, alt);
      if (e >= 0 && slotsFrom(tokens, ph, g, k + 1, e, false)) return true;
    }
    if (first) return false; // the first slot is tried at every start by matchPhrase
    const t = tokens[q];
    if (ph.gap === 0 || isClauseMark(t) || g.blocked.has(t)) return false;
    if (g.free.has(t) ? ++free > MAX_FREE : ++counted > ph.gap) return false;
  }
  return false;
}

/** Does the phrase occur in the tokens? */
export function matchPhrase(tokens: readonly string[], ph: CompiledPhrase, g: Grammar): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (ph.atStart && i > 0 && !isClauseMark(tokens[i - 1])) continue;
    if (ph.negatable && negatedAt(tokens, i, g)) continue;
    if (slotsFrom(tokens, ph, g, 0, i, true)) return true;
  }
  return false;
}

/** A negation right before token i, or one word before that within the clause. */
function negatedAt(tokens: readonly string[], i: number, g: Grammar): boolean {
  if (i >= 1 && g.negations.has(tokens[i - 1])) return true;
  return i >= 2 && g.negations.has(tokens[i - 2]) && !isClauseMark(tokens[i - 1]);
}
