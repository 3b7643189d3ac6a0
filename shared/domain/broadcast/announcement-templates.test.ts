import { describe, expect, it } from 'vitest';
import { ANNOUNCEMENT_KINDS } from './announcements';
import { renderAnnouncement } from './announcement-templates';
import { renderTemplate } from './templates';
import { checkTone } from './tone-check';
import { whereFor } from './where';
import { LANGUAGES } from '../vocabulary';

/** English words that are no word of the other four languages. */
const ENGLISH = /\b(?:the|and|we|you|your|our|is|are|with|sorry|next|will|here|there|thank|please|soon|new|still)\b/i;

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
        if (lang !== 'en') expect(`${r.subject} ${r.body}`.replace(/Launch webinar/g, '')).not.toMatch(ENGLISH);
        if (kind === 'starting-soon') expect(r.body).toContain('10');
        if (kind === 'break') expect(r.body).toContain('10:40');
        if (kind === 'postponed') expect(r.body).toContain('12 March, 15:00');
        const warnings = checkTone(`${r.subject}\n${r.body}`, lang).filter((f) => f.severity === 'warning');
        expect(warnings, warnings.map((w) => w.message).join('; ')).toEqual([]);
      });
    }
  }

  it.each(LANGUAGES.map((l) => [l]))('a postponement (%s) reuses the guided response text', (lang) => {
    const v = vars(lang);
    const guided = renderTemplate({ kind: 'postponement', phase: 'postponed', lang, vars: v });
    expect(renderAnnouncement('postponed', lang, v)).toEqual({ subject: guided.subject, body: guided.body });
  });

  it('a postponement without its new date says the date follows', () => {
    const { newTime: _, ...v } = vars('de');
    expect(renderAnnouncement('postponed', 'de', v).body).toMatch(/innerhalb von 24 Stunden/);
  });
});
