/**
 * The shape of the tone check's rules: what a rule says and what each language contributes. Each language
 * lives in a tone-rules-xx.ts of its own; tone-rules.ts merges them.
 */

export type ToneRule =
  | 'policy'
  | 'contract'
  | 'link-only'
  | 'blame-supplier'
  | 'shouting'
  | 'blame-audience'
  | 'impulsive'
  | 'boilerplate'
  | 'alarming'
  | 'vague'
  | 'silence';

/** The rules found by phrase patterns (the others look at the whole draft). */
export type PhraseRuleId =
  'policy' | 'contract' | 'blame-supplier' | 'blame-audience' | 'impulsive' | 'boilerplate' | 'alarming';

export interface RuleText {
  message: string;
  suggestion: string;
}

/** Everything one language adds to the tone check. Patterns are written for the folded draft (see foldText). */
export interface ToneLanguage {
  /** Phrase patterns per rule, with the g flag. */
  patterns: Record<PhraseRuleId, RegExp[]>;
  /** blame-audience: a reassurance earlier in the sentence ("no need to check…"); must end with [^.!?\n]*$. */
  reassuranceBefore: RegExp;
  /** blame-audience: a reassurance right after the match ("your connection is fine"); anchored with ^. */
  reassuranceAfter: RegExp;
  /**
   * blame-audience: someone else named earlier in the clause ("the speaker lost…"), so a possessive that also
   * means his/her/their (su, sua, ihre) or a verb form shared with the third person (revise) is about them.
   */
  thirdParty: RegExp;
  /**
   * blame-audience, optional: the original (unfolded) text shows the match is not about the reader, e.g. a
   * lower-case German "ihre" (her/their) against the capitalised "Ihre" (your).
   */
  notAboutReader?(draft: string, start: number, end: number): boolean;
  /** Anything that says when the next update comes (no g flag). */
  time: RegExp[];
  /** The problem is over (g flag); a match preceded by `unresolved` is not. */
  resolution: RegExp;
  /** Words just before a resolution word that undo it: "not yet", "as soon as" (tested on the clause before; ends with $). */
  unresolved: RegExp;
  /** "See this link" phrases (g flag). */
  link: RegExp[];
  text: Record<ToneRule, RuleText>;
}
