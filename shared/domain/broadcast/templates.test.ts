import { describe, expect, it } from 'vitest';
import { checkTone } from './tone-check';
import { hasTemplate, renderTemplate, type TemplateVars } from './templates';
import { PLAYBOOK_KINDS, TEMPLATE_PHASES, LANGUAGES } from '../vocabulary';

const vars: TemplateVars = {
  eventName: 'Suite Launch Webinar',
  newTime: 'Thursday 12 June at 15:00 CEST',
  link: 'https://status.example.com/suite-launch',
  nextUpdateMinutes: 10,
};
const varsIt: TemplateVars = { ...vars, newTime: 'giovedì 12 giugno alle 15:00' };

const all = PLAYBOOK_KINDS.flatMap((kind) =>
  TEMPLATE_PHASES.flatMap((phase) => (['en', 'it'] as const).map((lang) => ({ kind, phase, lang }))),
);

describe('renderTemplate', () => {
  it.each(all)('$kind.$phase ($lang) renders every variable', ({ kind, phase, lang }) => {
    const m = renderTemplate({ kind, phase, lang, vars: lang === 'it' ? varsIt : vars });
    expect(m.lang).toBe(lang);
    for (const text of [m.subject, m.body]) {
      expect(text).not.toMatch(/\{\{|\}\}/);
      expect(text.trim()).not.toBe('');
    }
    expect(m.subject + m.body).toContain('Suite Launch Webinar');
    expect(m.body.endsWith(vars.link!)).toBe(true);
    if (phase === 'acknowledge' || phase === 'update') expect(m.body).toMatch(/ 10 min/);
    if (phase === 'postponed') expect(m.body).toContain(lang === 'it' ? varsIt.newTime : vars.newTime);
  });

  it.each(all)('$kind.$phase ($lang) passes the tone check with no findings', ({ kind, phase, lang }) => {
    for (const v of [lang === 'it' ? varsIt : vars, { eventName: 'Suite Launch Webinar' }]) {
      const m = renderTemplate({ kind, phase, lang, vars: v });
      expect(checkTone(m.body), m.body).toEqual([]);
      expect(checkTone(m.body, lang)).toEqual([]);
      expect(checkTone(m.subject).filter((f) => f.severity === 'warning')).toEqual([]);
    }
  });

  it('never routes the news through one channel', () => {
    const en = renderTemplate({ kind: 'audio', phase: 'acknowledge', lang: 'en', vars });
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

  it('uses the kind-specific wording where there is one', () => {
    const audio = renderTemplate({ kind: 'audio', phase: 'acknowledge', lang: 'en', vars });
    expect(audio.body).toContain('no need to restart your computer');
    const audioIt = renderTemplate({ kind: 'audio', phase: 'acknowledge', lang: 'it', vars });
    expect(audioIt.body).toContain('non serve riavviare il computer');
  });

  it.each(['es', 'de', 'fr'] as const)('acknowledges in %s and falls back to English for later phases', (lang) => {
    const ack = renderTemplate({ kind: 'audio', phase: 'acknowledge', lang, vars });
    expect(ack.lang).toBe(lang);
    expect(ack.body).not.toMatch(/\{\{/);
    expect(ack.body).toContain('10');
    expect(ack.body).not.toContain('We are sorry');
    expect(hasTemplate('audio', 'acknowledge', lang)).toBe(true);
    const upd = renderTemplate({ kind: 'audio', phase: 'update', lang, vars });
    expect(upd.lang).toBe('en');
    expect(upd.body).toContain('Here is where we are');
    expect(hasTemplate('audio', 'update', lang)).toBe(false);
  });

  it('covers every language for every kind at least for the acknowledgement', () => {
    for (const lang of LANGUAGES)
      for (const kind of PLAYBOOK_KINDS) expect(hasTemplate(kind, 'acknowledge', lang)).toBe(true);
  });
});
