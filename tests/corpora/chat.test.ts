import { describe, expect, it } from 'vitest';
import { classifyComplaint } from '../../shared/domain/detect/chat-classify';
import { LANGUAGES } from '../../shared/domain/vocabulary';
import {
  PRECISION_TARGET,
  RECALL_TARGET,
  loadChatCorpora,
  parseCorpus,
  precisionOf,
  recallOf,
  scoreCorpus,
} from './chat/corpus';

const corpora = loadChatCorpora();
const show = (lines: readonly { text: string; line: number }[]) =>
  lines.map((l) => `  ${l.line}: ${l.text}`).join('\n');

describe('chat complaint corpora', () => {
  for (const lang of LANGUAGES) {
    describe(lang, () => {
      const lines = corpora[lang];
      it('holds at least 300 lines, most of them innocent, and 25 of every class', () => {
        expect(lines.length).toBeGreaterThanOrEqual(300);
        expect(lines.filter((l) => l.classes.length === 0).length).toBeGreaterThanOrEqual(150);
        for (const s of scoreCorpus(lines, () => [])) expect(s.labelled, s.category).toBeGreaterThanOrEqual(25);
      });
      for (const s of scoreCorpus(lines, classifyComplaint)) {
        it(`${s.category}: recall ≥ ${RECALL_TARGET * 100} %, precision ≥ ${PRECISION_TARGET * 100} %`, () => {
          const report =
            `${lang} ${s.category}: ${s.truePositives}/${s.labelled} found, ${s.predicted} predicted\n` +
            `missed (${lang}.tsv line: text):\n${show(s.missed)}\nwrongly flagged:\n${show(s.wrong)}`;
          expect(recallOf(s), report).toBeGreaterThanOrEqual(RECALL_TARGET);
          expect(precisionOf(s), report).toBeGreaterThanOrEqual(PRECISION_TARGET);
        });
      }
    });
  }

  it('the held-out lines are apart: none of them is also in a tuning corpus', () => {
    const holdout = loadChatCorpora('holdout');
    for (const lang of LANGUAGES) {
      const tuned = new Set(corpora[lang].map((l) => l.text));
      expect(holdout[lang].length, lang).toBeGreaterThanOrEqual(30);
      expect(
        holdout[lang].filter((l) => tuned.has(l.text)).map((l) => l.text),
        lang,
      ).toEqual([]);
    }
  });

  it('a malformed corpus row is an error that names its line', () => {
    expect(() => parseCorpus('none\thello\naudio no tab here', 'x.tsv')).toThrow('x.tsv:2');
    expect(() => parseCorpus('sound\tno sound', 'x.tsv')).toThrow('x.tsv:1: label "sound"');
    expect(parseCorpus('# comment\n\naudio+video\tno audio, no video', 'x.tsv')).toEqual([
      { text: 'no audio, no video', classes: ['audio', 'video'], line: 3 },
    ]);
  });
});
