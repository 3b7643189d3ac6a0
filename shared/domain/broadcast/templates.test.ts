import { describe, expect, it } from 'vitest';
import { checkTone } from './tone-check';
import { renderTemplate, templateKindOf, type TemplateKind, type TemplateVars } from './templates';
import { PLAYBOOK_KINDS, TEMPLATE_PHASES, LANGUAGES, type Language } from '../vocabulary';

const KINDS: TemplateKind[] = [...PLAYBOOK_KINDS, 'chat-flood'];
const NEW_TIME: Record<Language, string> = {
  en: 'Thursday 12 June at 15:00 CEST',
  it: 'giovedì 12 giugno alle 15:00',
  es: 'jueves 12 de junio a las 15:00',
  de: 'Donnerstag, 12. Juni um 15:00 Uhr',
  fr: 'jeudi 12 juin à 15h00',
};
const vars = (lang: Language): TemplateVars => ({
  eventName: 'Suite Launch Webinar',
  newTime: NEW_TIME[lang],
  link: 'https://status.example.com/suite-launch',
  nextUpdateMinutes: 10,
});

const all = KINDS.flatMap((kind) =>
  TEMPLATE_PHASES.flatMap((phase) => LANGUAGES.map((lang) => ({ kind, phase, lang }))),
);

/** English words that are no word of the other four languages ("update", "problem", "minutes", "chat" are). */
const ENGLISH = /\b(?:the|and|we|you|your|our|is|are|with|sorry|next|will|here|there|thank|please|soon|new|still)\b/i;

describe('renderTemplate', () => {
  it.each(all)('$kind $phase ($lang) renders every variable, in its own language', ({ kind, phase, lang }) => {
    const m = renderTemplate({ kind, phase, lang, vars: vars(lang) });
    expect(m.lang).toBe(lang);
    for (const text of [m.subject, m.body]) {
      expect(text).not.toMatch(/\{\{|\}\}|undefined/);
      expect(text.trim()).not.toBe('');
      if (lang !== 'en') expect(text.replace(/https?:\S+|Suite Launch Webinar/g, ''), text).not.toMatch(ENGLISH);
    }
    expect(m.subject + m.body).toContain('Suite Launch Webinar');
    expect(m.body.endsWith(vars(lang).link!)).toBe(true);
    if (phase === 'acknowledge' || phase === 'update') expect(m.body).toMatch(/ 10 min/i);
    if (phase === 'postponed') expect(m.body).toContain(NEW_TIME[lang]);
  });

  it.each(LANGUAGES.map((l) => [l]))('%s: the same wording for each kind is really translated, not copied', (lang) => {
    if (lang === 'en') return;
    for (const kind of KINDS)
      for (const phase of TEMPLATE_PHASES) {
        const en = renderTemplate({ kind, phase, lang: 'en', vars: vars('en') });
        expect(renderTemplate({ kind, phase, lang, vars: vars(lang) }).body).not.toBe(en.body);
      }
  });

  it('never routes the news through one channel', () => {
    const en = renderTemplate({ kind: 'audio', phase: 'acknowledge', lang: 'en', vars: vars('en') });
    expect(en.body).toMatch(/chat.*e-mail.*status page/);
    const it_ = renderTemplate({ kind: 'stream', phase: 'postponed', lang: 'it', vars: { eventName: 'Lancio' } });
    expect(it_.body).toMatch(/chat.*e-mail.*pagina di stato/);
  });

  it('uses defaults for missing variables: issue per kind, 5 minutes, no link line, new date to be announced', () => {
    const m = renderTemplate({ kind: 'video', phase: 'acknowledge', lang: 'en', vars: { eventName: 'Launch' } });
    expect(m.body).toContain('a problem with the video in Launch');
    expect(m.body).toContain('Next update in 5 minutes');
    expect(m.body).not.toContain('All updates');
    const p = renderTemplate({ kind: 'audio', phase: 'postponed', lang: 'it', vars: { eventName: 'Lancio' } });
    expect(p.body).toContain('entro 24 ore');
    expect(p.body).toContain("problema con l'audio");
    const de = renderTemplate({ kind: 'stream', phase: 'postponed', lang: 'de', vars: { eventName: 'Launch' } });
    expect(de.body).toContain('innerhalb von 24 Stunden');
    expect(de.body).toContain('mit dem Livestream');
  });

  it('takes a custom issue', () => {
    const m = renderTemplate({
      kind: 'other',
      phase: 'update',
      lang: 'en',
      vars: { eventName: 'Launch', issue: "the speaker's slides" },
    });
    expect(m.body).toContain("the problem with the speaker's slides");
  });

  it('uses the kind-specific wording where there is one, in every language', () => {
    const body = (lang: Language) =>
      renderTemplate({ kind: 'audio', phase: 'acknowledge', lang, vars: vars(lang) }).body;
    expect(body('en')).toContain('no need to restart your computer');
    expect(body('it')).toContain('non serve riavviare il computer');
    expect(body('es')).toContain('no hace falta que reinicien el ordenador');
    expect(body('de')).toContain('Sie müssen weder Ihren Computer neu starten');
    expect(body('fr')).toContain('inutile de redémarrer votre ordinateur');
  });

  it.each(LANGUAGES.map((l) => [l]))(
    'a chat flood (%s) gets a moderation notice, not "a problem with the broadcast"',
    (lang) => {
      const flood = renderTemplate({ kind: 'chat-flood', phase: 'acknowledge', lang, vars: vars(lang) });
      const other = renderTemplate({ kind: 'other', phase: 'acknowledge', lang, vars: vars(lang) });
      expect(flood.body).toMatch(/spam/i);
      expect(flood.body).not.toBe(other.body);
      expect(flood.subject).not.toBe(other.subject);
      const resolved = renderTemplate({ kind: 'chat-flood', phase: 'resolved', lang, vars: vars(lang) });
      expect(resolved.body).toMatch(/spam/i);
    },
  );
});

describe('templateKindOf', () => {
  it('is the incident kind, except for a flood only the chat-flood detector saw', () => {
    expect(templateKindOf({ kind: 'other', detectors: ['chat-flood'] })).toBe('chat-flood');
    expect(templateKindOf({ kind: 'audio', detectors: ['silence'] })).toBe('audio');
    expect(templateKindOf({ kind: 'other', detectors: [] })).toBe('other'); // opened by hand
    expect(templateKindOf({ kind: 'other', detectors: ['chat-flood', 'chat-complaints'] })).toBe('other');
  });
});

it('every shipped template, subject included, has no tone warnings', () => {
  for (const { kind, phase, lang } of all) {
    const m = renderTemplate({ kind, phase, lang, vars: vars(lang) });
    expect(
      checkTone(`${m.subject}\n${m.body}`, lang).filter((f) => f.severity === 'warning'),
      m.body,
    ).toEqual([]);
  }
});
