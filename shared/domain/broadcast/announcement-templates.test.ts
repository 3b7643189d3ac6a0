import { describe, expect, it } from 'vitest';
import { ANNOUNCEMENT_KINDS } from './announcements';
import { renderAnnouncement } from './announcement-templates';
import { renderTemplate } from './templates';
import { checkTone } from './tone-check';
import { whereFor } from './where';
import { LANGUAGES } from '../vocabulary';

const vars = (lang: (typeof LANGUAGES)[number]) => ({
  eventName: 'Launch webinar',
  minutes: 10,
  backAt: '10:40',
  newTime: '12 March, 15:00',
  where: whereFor(['webinar-chat', 'email', 'status-page'], lang),
});

describe('announcement templates', () => {
  for (const lang of LANGUAGES) {
    for (const kind of ANNOUNCEMENT_KINDS) {
      it(`${kind} in ${lang} names the event and its facts, and passes the tone check`, () => {
        const r = renderAnnouncement(kind, lang, vars(lang));
        expect(r.subject).toContain('Launch webinar');
        expect(r.body).toContain('Launch webinar');
        expect(r.body).not.toMatch(/undefined|\{\{/);
        if (kind === 'starting-soon') expect(r.body).toContain('10');
        if (kind === 'break') expect(r.body).toContain('10:40');
        if (kind === 'postponed') expect(r.body).toContain('12 March, 15:00');
        const warnings = checkTone(`${r.subject}\n${r.body}`, lang).filter((f) => f.severity === 'warning');
        expect(warnings, warnings.map((w) => w.message).join('; ')).toEqual([]);
      });
    }
  }

  it('a postponement reuses the guided response text where the language has one', () => {
    const v = vars('it');
    const guided = renderTemplate({ kind: 'postponement', phase: 'postponed', lang: 'it', vars: v });
    expect(renderAnnouncement('postponed', 'it', v)).toEqual({ subject: guided.subject, body: guided.body });
  });

  it('a postponement in a language without that text gets its own words, not English', () => {
    expect(renderAnnouncement('postponed', 'de', vars('de')).body).toMatch(/verschoben/);
  });
});
