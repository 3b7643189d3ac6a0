/**
 * The shape of the tone check's rules: what a rule says and what each language contributes. English and
 * Italian are written in tone-rules.ts; Spanish, German and French each in a tone-rules-xx.ts of their own.
 */
import type { Language } from '../vocabulary';

export type ToneRule =
  | 'policy'
  | 'contract'
  | 'link-only'
  | 'blame-supplier'
  | 'shouting'
  | 'blame-audience'
  | 'impulsive'
  | 'vague'
  | 'silence';

export interface PhraseRule {
  rule: ToneRule;
  patterns: RegExp[];
  /** A match preceded by one of these (within the same sentence) is a reassurance, not blame. */
  negatedBy?: RegExp[];
  /** A match followed by one of these (tested on the rest of the draft) is a reassurance, not blame. */
  negatedAfter?: RegExp[];
  message: Record<Language, string>;
  suggestion: Record<Language, string>;
}

export type PhraseRuleId = 'policy' | 'contract' | 'blame-supplier' | 'blame-audience' | 'impulsive';
type RuleText = { message: string; suggestion: string };

/** Everything one more language adds to the tone check (see tone-rules-es/de/fr.ts). */
export interface ToneLanguage {
  /** Phrase patterns per rule, with the g flag, written for the folded text. */
  patterns: Record<PhraseRuleId, RegExp[]>;
  /** blame-audience: a reassurance earlier in the sentence ("no hace falta revisar…"); must end with [^.!?\n]*$. */
  reassuranceBefore: RegExp;
  /** blame-audience: a reassurance right after the match ("Ihre Verbindung ist nicht das Problem"); anchored with ^. */
  reassuranceAfter: RegExp;
  /** Anything that says when the next update comes (no g flag). */
  time: RegExp[];
  /** The problem is over (no g flag); negated forms ("todavía no está resuelto") must not match. */
  resolution: RegExp;
  /** "See this link" phrases (g flag). */
  link: RegExp[];
  text: Record<ToneRule, RuleText>;
}
