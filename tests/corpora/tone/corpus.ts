/**
 * The labelled tone corpus (tests/corpora/tone/<lang>.tsv) and its scoring, shared by the table test and
 * bench/tone.bench.ts. A line is "<classes>\t<draft>": the finding classes the draft must produce, comma
 * separated ("-" for none); "\n" in a draft stands for a line break; lines starting with # are comments.
 */
import { readFileSync } from 'node:fs';
import { checkTone } from '../../../shared/domain/broadcast/tone-check';
import type { ToneRule } from '../../../shared/domain/broadcast/tone-language';
import { LANGUAGES, type Language } from '../../../shared/domain/vocabulary';

/** Every rule the corpus labels; silence is about the clock, not the text. */
export const CORPUS_CLASSES = [
  'policy',
  'contract',
  'link-only',
  'blame-supplier',
  'shouting',
  'blame-audience',
  'impulsive',
  'boilerplate',
  'alarming',
  'vague',
] as const satisfies readonly ToneRule[];
export type CorpusClass = (typeof CORPUS_CLASSES)[number];

export interface Draft {
  lang: Language;
  file: string;
  line: number;
  text: string;
  expected: ReadonlySet<CorpusClass>;
}

/**
 * `tuned`: the corpus the rules were tuned on (<lang>.tsv); `holdout`: drafts written afterwards and never tuned
 * against (<lang>.holdout.tsv), for an honest idea of how the rules generalise.
 */
export type CorpusSet = 'tuned' | 'holdout';

export function loadCorpus(lang: Language, set: CorpusSet = 'tuned'): Draft[] {
  const name = set === 'tuned' ? `${lang}.tsv` : `${lang}.holdout.tsv`;
  const file = new URL(`./${name}`, import.meta.url);
  const out: Draft[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (raw.trim() === '' || raw.startsWith('#')) return;
      const tab = raw.indexOf('\t');
      if (tab < 0) throw new Error(`${name}:${i + 1}: no tab between the classes and the draft`);
      const labels = raw.slice(0, tab).trim();
      const expected = new Set<CorpusClass>();
      for (const c of labels === '-' ? [] : labels.split(',')) {
        if (!(CORPUS_CLASSES as readonly string[]).includes(c))
          throw new Error(`${lang}.tsv:${i + 1}: unknown class ${c}`);
        expected.add(c as CorpusClass);
      }
      out.push({ lang, file: name, line: i + 1, text: raw.slice(tab + 1).replaceAll('\\n', '\n'), expected });
    });
  return out;
}

export const loadAll = (set: CorpusSet = 'tuned'): Draft[] => LANGUAGES.flatMap((l) => loadCorpus(l, set));

/** The classes the tone check finds in a draft, as the composer shows them (in the draft's own language). */
export const foundClasses = (d: Draft): Set<CorpusClass> =>
  new Set(
    checkTone(d.text, d.lang)
      .map((f) => f.rule)
      .filter((r): r is CorpusClass => (CORPUS_CLASSES as readonly string[]).includes(r)),
  );

export interface ClassScore {
  tp: number;
  fp: number;
  fn: number;
  /** tp / (tp + fp); 1 when nothing was found. */
  precision: number;
  /** tp / (tp + fn); 1 when nothing was expected. */
  recall: number;
  /** Each wrong draft once: "missed" (expected, not found) or "extra" (found, not expected). */
  errors: { kind: 'missed' | 'extra'; draft: Draft }[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function score(drafts: readonly Draft[], cls: CorpusClass): ClassScore {
  const s: ClassScore = { tp: 0, fp: 0, fn: 0, precision: 1, recall: 1, errors: [] };
  for (const d of drafts) {
    const found = foundClasses(d).has(cls);
    const want = d.expected.has(cls);
    if (found && want) s.tp++;
    else if (found) {
      s.fp++;
      s.errors.push({ kind: 'extra', draft: d });
    } else if (want) {
      s.fn++;
      s.errors.push({ kind: 'missed', draft: d });
    }
  }
  s.precision = ratio(s.tp, s.tp + s.fp);
  s.recall = ratio(s.tp, s.tp + s.fn);
  return s;
}

/** One line per wrong draft, with what the check found, for a failing test or the bench. */
export const describeErrors = (cls: CorpusClass, s: ClassScore): string[] =>
  s.errors.map(
    (e) =>
      `${e.kind} ${cls} at ${e.draft.file}:${e.draft.line} (found: ${[...foundClasses(e.draft)].join(', ') || 'none'}): ${e.draft.text}`,
  );

export const TARGET = { recall: 0.95, precision: 0.99 };
