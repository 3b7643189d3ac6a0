/**
 * The labelled chat corpora (<lang>.tsv beside this file): realistic live-webinar chat, one line per row as
 * `label<TAB>text`, where label is `none` or the complaint classes joined by "+" (`audio+video`). Lines starting
 * with "#" are comments. Shared by tests/corpora/chat.test.ts (the targets) and bench/detect.bench.ts (the figures).
 * <lang>.holdout.tsv, same format, holds lines the phrase tables were never tuned against: only the bench reads
 * them, with no target, as the honest measure of how the matcher does on chat nobody has seen.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '../../../shared/domain/detect/chat-phrases';
import { LANGUAGES, type Language } from '../../../shared/domain/vocabulary';

export interface LabelledLine {
  readonly text: string;
  readonly classes: readonly ComplaintCategory[];
  /** 1-based line number in the .tsv, for messages. */
  readonly line: number;
}

/** Parse one corpus file; a malformed row is an error naming its line. */
export function parseCorpus(tsv: string, file: string): LabelledLine[] {
  const rows: LabelledLine[] = [];
  tsv.split('\n').forEach((raw, i) => {
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const [label, text, ...rest] = raw.split('\t');
    if (text === undefined || rest.length > 0 || text.trim() === '')
      throw new Error(`${file}:${i + 1}: expected "label<TAB>text"`);
    const classes = label === 'none' ? [] : label.split('+');
    for (const c of classes)
      if (!(COMPLAINT_CATEGORIES as readonly string[]).includes(c)) throw new Error(`${file}:${i + 1}: label "${c}"`);
    rows.push({ text, classes: classes as ComplaintCategory[], line: i + 1 });
  });
  return rows;
}

/** The tuning corpora (`main`, <lang>.tsv) or the held-out lines (`holdout`, <lang>.holdout.tsv). */
export function loadChatCorpora(set: 'main' | 'holdout' = 'main'): Record<Language, LabelledLine[]> {
  const out = {} as Record<Language, LabelledLine[]>;
  for (const lang of LANGUAGES) {
    const name = set === 'main' ? `${lang}.tsv` : `${lang}.holdout.tsv`;
    const file = fileURLToPath(new URL(`./${name}`, import.meta.url));
    out[lang] = parseCorpus(readFileSync(file, 'utf8'), name);
  }
  return out;
}

export interface ClassScore {
  readonly category: ComplaintCategory;
  /** Lines labelled with the class. */
  readonly labelled: number;
  /** Lines the classifier gave the class. */
  readonly predicted: number;
  readonly truePositives: number;
  /** Labelled but not predicted / predicted but not labelled. */
  readonly missed: readonly LabelledLine[];
  readonly wrong: readonly LabelledLine[];
}

/** Precision and recall per class of `classify` on one corpus. */
export function scoreCorpus(
  lines: readonly LabelledLine[],
  classify: (text: string) => readonly ComplaintCategory[],
): ClassScore[] {
  const got = lines.map((l) => classify(l.text));
  return COMPLAINT_CATEGORIES.map((category) => {
    const missed: LabelledLine[] = [];
    const wrong: LabelledLine[] = [];
    let labelled = 0;
    let predicted = 0;
    let truePositives = 0;
    lines.forEach((l, i) => {
      const want = l.classes.includes(category);
      const has = got[i].includes(category);
      if (want) labelled++;
      if (has) predicted++;
      if (want && has) truePositives++;
      else if (want) missed.push(l);
      else if (has) wrong.push(l);
    });
    return { category, labelled, predicted, truePositives, missed, wrong };
  });
}

/** Recall and precision as fractions; a class never predicted has precision 1 (it never misled). */
export const recallOf = (s: ClassScore) => (s.labelled === 0 ? 1 : s.truePositives / s.labelled);
export const precisionOf = (s: ClassScore) => (s.predicted === 0 ? 1 : s.truePositives / s.predicted);

export const RECALL_TARGET = 0.95;
export const PRECISION_TARGET = 0.99;
