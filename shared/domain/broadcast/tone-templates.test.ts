import { describe, expect, it } from 'vitest';
import { checkTone, detectLanguage } from './tone-check';
import { renderTemplate, type TemplateKind, type TemplateVars } from './templates';
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
const KINDS: TemplateKind[] = [...PLAYBOOK_KINDS, 'chat-flood'];

const all = LANGUAGES.flatMap((lang) =>
  KINDS.flatMap((kind) => TEMPLATE_PHASES.map((phase) => ({ kind, phase, lang }))),
);

describe('shipped templates pass the tone check in every language', () => {
  it.each(all)('$kind $phase ($lang): no findings at all, info included', ({ kind, phase, lang }) => {
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
});
