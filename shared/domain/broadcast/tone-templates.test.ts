import { describe, expect, it } from 'vitest';
import { checkTone, detectLanguage } from './tone-check';
import { hasTemplate, renderTemplate, type TemplateVars } from './templates';
import { PLAYBOOK_KINDS, TEMPLATE_PHASES, LANGUAGES, type Language } from '../vocabulary';

const NEW_TIME: Record<Language, string> = {
  en: 'Thursday 12 June at 15:00 CEST',
  it: 'giovedì 12 giugno alle 15:00',
  es: 'jueves 12 de junio a las 15:00',
  de: 'Donnerstag, 12. Juni um 15:00 Uhr',
  fr: 'jeudi 12 juin à 15h00',
};
const full = (lang: Language): TemplateVars => ({
  eventName: 'Suite Launch Webinar',
  newTime: NEW_TIME[lang],
  link: 'https://status.example.com/suite-launch',
  nextUpdateMinutes: 10,
});
const bare: TemplateVars = { eventName: 'Suite Launch Webinar' };

const all = LANGUAGES.flatMap((lang) =>
  PLAYBOOK_KINDS.flatMap((kind) => TEMPLATE_PHASES.map((phase) => ({ kind, phase, lang }))),
);
const own = all.filter(({ kind, phase, lang }) => hasTemplate(kind, phase, lang));

describe('shipped templates pass the tone check in every language', () => {
  it('covers every language', () => {
    expect(new Set(own.map((t) => t.lang))).toEqual(new Set(LANGUAGES));
  });

  it.each(own)('$kind.$phase ($lang): no findings at all, info included', ({ kind, phase, lang }) => {
    for (const vars of [full(lang), bare]) {
      const m = renderTemplate({ kind, phase, lang, vars });
      expect(m.lang).toBe(lang);
      expect(checkTone(m.body, lang), m.body).toEqual([]);
      expect(checkTone(m.body), m.body).toEqual([]);
      expect(detectLanguage(m.body)).toBe(lang);
      // As the broadcast service checks it: subject and body together, in the operator's language.
      expect(checkTone(`${m.subject}\n${m.body}`, lang)).toEqual([]);
    }
  });

  it.each(all.filter((t) => !hasTemplate(t.kind, t.phase, t.lang)))(
    '$kind.$phase ($lang, English fallback): no findings',
    ({ kind, phase, lang }) => {
      for (const vars of [full(lang), bare]) {
        const m = renderTemplate({ kind, phase, lang, vars });
        expect(checkTone(m.body, m.lang), m.body).toEqual([]);
        expect(checkTone(`${m.subject}\n${m.body}`, lang)).toEqual([]);
      }
    },
  );
});
