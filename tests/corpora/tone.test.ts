import { describe, expect, it } from 'vitest';
import { checkTone } from '../../shared/domain/broadcast/tone-check';
import { LANGUAGES } from '../../shared/domain/vocabulary';
import { CORPUS_CLASSES, describeErrors, loadAll, loadCorpus, score, TARGET } from './tone/corpus';

describe('tone corpus: every labelled draft, per language and class', () => {
  it.each(LANGUAGES.map((l) => [l]))('%s has at least 100 drafts, each class represented', (lang) => {
    const drafts = loadCorpus(lang);
    expect(drafts.length).toBeGreaterThanOrEqual(100);
    for (const cls of CORPUS_CLASSES) expect(drafts.filter((d) => d.expected.has(cls)).length, cls).toBeGreaterThan(4);
    expect(drafts.filter((d) => d.expected.size === 0).length).toBeGreaterThanOrEqual(25);
  });

  it.each(LANGUAGES.flatMap((l) => CORPUS_CLASSES.map((c) => [l, c] as const)))(
    '%s %s: recall ≥ 95 %, precision ≥ 99 %',
    (lang, cls) => {
      const s = score(loadCorpus(lang), cls);
      const why = describeErrors(cls, s).join('\n');
      expect(s.recall, why).toBeGreaterThanOrEqual(TARGET.recall);
      expect(s.precision, why).toBeGreaterThanOrEqual(TARGET.precision);
    },
  );
});

it('never reports the same rule and span twice on any draft', () => {
  for (const d of [...loadAll(), ...loadAll('holdout')]) {
    const keys = checkTone(d.text, d.lang).map((f) => `${f.rule}:${f.span.join('-')}`);
    expect(new Set(keys).size, `${d.file}:${d.line}`).toBe(keys.length);
  }
});
