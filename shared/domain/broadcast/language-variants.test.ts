import { describe, expect, it } from 'vitest';
import { CHANNEL_SPECS } from '../../channels';
import { isVariantChannel, languageVariants, variantLanguages } from './language-variants';
import { renderTemplate } from './templates';

const render = (lang: 'it' | 'de' | 'en' | 'es' | 'fr') =>
  renderTemplate({ kind: 'audio', phase: 'acknowledge', lang, vars: { eventName: 'Demo', nextUpdateMinutes: 7 } });

describe('variantLanguages', () => {
  it('keeps the languages present among the people, other than the draft’s', () => {
    const people = { it: 3, de: 12, en: 5, ja: 4, fr: 0 };
    expect(variantLanguages('en', people)).toEqual([
      { lang: 'de', people: 12 },
      { lang: 'it', people: 3 },
    ]); // ja is no language Onair speaks, fr has nobody, en is the draft's
    expect(variantLanguages('it', people)).toEqual([
      { lang: 'de', people: 12 },
      { lang: 'en', people: 5 },
    ]);
    expect(variantLanguages('en', {})).toEqual([]);
  });

  it('orders ties by language code', () => {
    expect(variantLanguages('en', { fr: 2, de: 2 }).map((l) => l.lang)).toEqual(['de', 'fr']);
  });
});

describe('languageVariants', () => {
  it('renders each language with the same facts and fits it to the channel like the main text', () => {
    const v = languageVariants(['it', 'de'], render, 'https://status.example.com/', 'email');
    expect(Object.keys(v)).toEqual(['it', 'de']);
    expect(v.it.subject).toBe("Demo: stiamo sistemando l'audio");
    expect(v.it.text).toMatch(/^Ci scusiamo/);
    expect(v.it.text).toContain('7 minuti'); // the draft's next update, not the default
    expect(v.it.text).toContain('https://status.example.com/');
    expect(v.de.text).toMatch(/^Entschuldigung/);
  });

  it('keeps an SMS variant within the SMS limit', () => {
    const v = languageVariants(['de'], render, 'https://status.example.com/', 'sms');
    expect(v.de.text.length).toBeLessThanOrEqual(CHANNEL_SPECS.sms.maxLength);
    expect(v.de.text).toContain('https://status.example.com/');
  });

  it('is only for the channels that address people one by one', () => {
    expect(['email', 'sms', 'slack', 'status-page'].filter((c) => isVariantChannel(c as 'email'))).toEqual([
      'email',
      'sms',
    ]);
  });
});
