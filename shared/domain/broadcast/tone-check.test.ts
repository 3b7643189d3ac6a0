import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOKS, silenceStatus } from './playbook';
import { checkTone, detectLanguage, foldText, isCalm, silenceFinding, type ToneRule } from './tone-check';

const rulesOf = (text: string, lang?: 'en' | 'it') => checkTone(text, lang).map((f) => f.rule);
const warningsOf = (text: string) =>
  checkTone(text)
    .filter((f) => f.severity === 'warning')
    .map((f) => f.rule);

// Each draft gives the next update time, so the only expected warning is the rule under test.
const POSITIVE: [ToneRule, 'en' | 'it', string][] = [
  ['policy', 'en', "Sorry, it's our policy not to refund free events. Next update in 5 minutes."],
  ['policy', 'en', 'Company Policy does not allow recordings. Next update in 5 minutes.'],
  ['policy', 'it', 'Ci dispiace, è la nostra policy. Prossimo aggiornamento tra 5 minuti.'],
  ['policy', 'it', 'Questa è la nostra politica aziendale. Prossimo aggiornamento tra 5 minuti.'],
  ['policy', 'it', 'Come da regolamento non possiamo farlo. Prossimo aggiornamento tra 5 minuti.'],
  ['contract', 'en', 'The recording is not in your contract. Next update in 5 minutes.'],
  ['contract', 'en', "Your contract doesn't cover live support. Next update in 5 minutes."],
  ['contract', 'it', 'La registrazione non è prevista dal contratto. Prossimo aggiornamento tra 5 minuti.'],
  ['contract', 'it', 'Questo non rientra nel suo contratto. Prossimo aggiornamento tra 5 minuti.'],
  ['link-only', 'en', 'See this link: https://example.com/faq'],
  ['link-only', 'en', 'Check our FAQ, next update in 5 minutes.'],
  ['link-only', 'it', 'Trovate la risposta qui: https://example.com/faq'],
  ['link-only', 'it', 'https://example.com/stato'],
  ['blame-supplier', 'en', "It's not our fault, the streaming platform is down. Next update in 5 minutes."],
  ['blame-supplier', 'en', "This is our supplier's fault. Next update in 5 minutes."],
  ['blame-supplier', 'it', 'Non è colpa nostra. Prossimo aggiornamento tra 5 minuti.'],
  ['blame-supplier', 'it', 'È colpa del fornitore. Prossimo aggiornamento tra 5 minuti.'],
  ['shouting', 'en', 'We are WORKING on it. Next update in 5 minutes.'],
  ['shouting', 'en', 'We are working on it!!! Next update in 5 minutes.'],
  ['shouting', 'en', 'Why are you still asking?! Next update in 5 minutes.'],
  ['shouting', 'it', 'STIAMO LAVORANDO AL PROBLEMA, PROSSIMO AGGIORNAMENTO TRA 5 MINUTI'],
  ['blame-audience', 'en', 'Please check your connection. Next update in 5 minutes.'],
  ['blame-audience', 'en', 'Check your speakers first. Next update in 5 minutes.'],
  ['blame-audience', 'en', 'The problem is on your side. Next update in 5 minutes.'],
  ['blame-audience', 'it', 'Controllate le vostre casse. Prossimo aggiornamento tra 5 minuti.'],
  ['blame-audience', 'it', 'È un problema vostro. Prossimo aggiornamento tra 5 minuti.'],
  ['impulsive', 'en', 'As you can obviously see, the audio is down. Next update in 5 minutes.'],
  ['impulsive', 'en', 'As we already said, we are on it. Next update in 5 minutes.'],
  ['impulsive', 'en', 'Calm down, everyone. Next update in 5 minutes.'],
  ['impulsive', 'it', 'Come già detto, ci stiamo lavorando. Prossimo aggiornamento tra 5 minuti.'],
  ['impulsive', 'it', 'Come ovviamente vedete, l’audio non va. Prossimo aggiornamento tra 5 minuti.'],
  ['impulsive', 'it', 'State calmi, per favore. Prossimo aggiornamento tra 5 minuti.'],
];

describe('checkTone: each rule in English and Italian', () => {
  it.each(POSITIVE)('%s (%s): %s', (rule, lang, text) => {
    const findings = checkTone(text);
    expect(findings.map((f) => f.rule)).toContain(rule);
    expect(warningsOf(text).filter((r) => r !== rule)).toEqual([]);
    const f = findings.find((x) => x.rule === rule)!;
    expect(f.severity).toBe('warning');
    expect(f.span[0]).toBeGreaterThanOrEqual(0);
    expect(f.span[1]).toBeGreaterThan(f.span[0]);
    expect(f.span[1]).toBeLessThanOrEqual(text.length);
    expect(f.suggestion.length).toBeGreaterThan(10);
    expect(detectLanguage(text) === lang || rule === 'link-only' || rule === 'shouting').toBe(true);
  });

  it('points the span at the offending phrase in the original text, accents included', () => {
    const text = 'Ci dispiace. Non è colpa nostra. Prossimo aggiornamento tra 5 minuti.';
    const f = checkTone(text).find((x) => x.rule === 'blame-supplier')!;
    expect(text.slice(...f.span)).toBe('Non è colpa nostra');
  });

  it('gives suggestions in the draft language', () => {
    const it_ = checkTone('Calmatevi, ci stiamo lavorando, prossimo aggiornamento tra 5 minuti.')[0];
    const en = checkTone('Calm down, we are working on it, next update in 5 minutes.')[0];
    expect(it_.suggestion).toMatch(/calma/);
    expect(en.suggestion).toMatch(/calmly/);
    expect(checkTone('Calm down, we are on it. Next update in 5 minutes.', 'it')[0].suggestion).toMatch(/calma/);
  });
});

describe('checkTone: vague', () => {
  it.each([
    ['en', 'We are working on the audio problem and will keep you posted.'],
    ['it', 'Stiamo lavorando al problema audio e vi terremo informati.'],
  ])('%s: asks when the next update comes, as info only', (_lang, text) => {
    const findings = checkTone(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'vague', severity: 'info' });
    expect(isCalm(findings)).toBe(true);
  });

  it.each([
    'Next update at 15:30.',
    'We will write again within 10 minutes.',
    'Vi aggiorniamo entro 10 minuti.',
    'Nuova data: giovedì alle 15.',
    'The audio is fixed and the webinar continues.',
    'Il problema è risolto, riprendiamo.',
  ])('accepts a time or a resolution: %s', (text) => {
    expect(rulesOf(text)).not.toContain('vague');
  });

  it('still asks for a time when the problem is "not resolved yet"', () => {
    expect(rulesOf('The audio problem is not resolved yet, we are on it.')).toContain('vague');
  });
});

describe('checkTone: clean calm drafts', () => {
  it.each([
    'We are sorry: the audio is not working. The problem is on our side and we are fixing it. Next update in 5 minutes, here, by e-mail and on our status page.',
    'Ci scusiamo: l’audio non funziona. Il problema è nostro e lo stiamo risolvendo. Prossimo aggiornamento tra 5 minuti, qui in chat e via e-mail.',
    'We are sorry, there is no need to restart your computer: the problem is ours. Next update at 15:30. Details: https://status.example.com',
    'The webinar is postponed to Thursday 12 June at 15:00 CEST. Your registration stays valid. Details in the FAQ and by e-mail.',
  ])('%s', (text) => {
    expect(checkTone(text)).toEqual([]);
  });

  it('returns nothing for an empty draft', () => {
    expect(checkTone('   ')).toEqual([]);
  });
});

describe('silenceFinding', () => {
  const pb = DEFAULT_PLAYBOOKS.audio;
  it('is the fifth rule: silence once a deadline is missed', () => {
    const missed = silenceStatus(pb, { openedAt: 0, status: 'open' }, pb.firstUpdateDeadlineMs);
    expect(silenceFinding(missed)).toMatchObject({
      rule: 'silence',
      severity: 'warning',
      message: 'Silence is the worst answer: post an acknowledgement now, even without a fix.',
    });
    expect(silenceFinding(missed, 'it')?.message).toMatch(/silenzio/i);
  });
  it('is null while within the deadline', () => {
    expect(silenceFinding(silenceStatus(pb, { openedAt: 0, status: 'open' }, 1000))).toBeNull();
  });
});

describe('helpers', () => {
  it('foldText keeps indices', () => {
    const s = 'È l’ÀUDIO 😀 ok';
    expect(foldText(s)).toHaveLength(s.length);
    expect(foldText(s)).toBe("e l'audio 😀 ok");
  });
  it('detectLanguage', () => {
    expect(detectLanguage('Ci scusiamo per il problema')).toBe('it');
    expect(detectLanguage('We are sorry for the problem')).toBe('en');
  });
});

describe('each finding once, advice that fits the language', () => {
  it('reports a phrase matched by several languages once', () => {
    // "catastrophe" is English and French; "chaos" is in all five.
    const text = 'Catastrophe, total chaos. Next update in 5 minutes.';
    const findings = checkTone(text);
    const keys = findings.map((f) => `${f.rule}:${f.span.join('-')}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(findings.filter((f) => f.rule === 'alarming')).toHaveLength(2);
  });

  it('advises against capitals, never "write in lower case", in every language', () => {
    const text = 'WE ARE WORKING ON IT. Next update in 5 minutes.';
    for (const lang of ['en', 'it', 'es', 'de', 'fr'] as const) {
      const { suggestion } = checkTone(text, lang).find((f) => f.rule === 'shouting')!;
      expect(suggestion).toMatch(/capitals|maiuscolo|mayúsculas|Großbuchstaben|majuscules/);
      expect(suggestion).not.toMatch(/lower case|minuscol|minúscul|minuscule|Kleinschreibung/i);
    }
  });
});
