import { describe, expect, it } from 'vitest';
import { postFor } from './email-personal';
import { smsGroups, type SmsAudience } from './sms';
import { makePost } from './test-support/fixtures';

const variants = { it: { subject: 'Oggetto', text: 'Testo italiano' }, de: { text: 'Deutscher Text' } };

describe('postFor (e-mail)', () => {
  it('gives a person their language’s variant, else the main text', () => {
    const post = makePost('email', { variants });
    expect(postFor(post, 'it')).toMatchObject({ lang: 'it', subject: 'Oggetto', text: 'Testo italiano' });
    expect(postFor(post, 'de')).toMatchObject({ lang: 'de', subject: post.subject, text: 'Deutscher Text' });
    expect(postFor(post, 'ja')).toBe(post);
    expect(postFor(post, undefined)).toBe(post);
    expect(postFor(makePost('email'), 'it')).toMatchObject({ lang: 'en', text: makePost('email').text });
  });
});

describe('smsGroups', () => {
  const audience: SmsAudience = {
    numbers: () => ['+391', '+392', '+393', '+394'],
    people: () => [
      { number: '+391', language: 'it' },
      { number: '+392', language: 'en' },
      { number: '+393', language: 'de' },
      { number: '+394', language: 'ja' },
    ],
  };

  it('one group per language with a variant, the main text (and the extra numbers) under the post’s own key', () => {
    const post = makePost('sms', { idempotencyKey: 'k', variants });
    const groups = smsGroups(post, audience, ['+395', '+391']);
    expect(groups.map((g) => [g.key, g.to])).toEqual([
      ['k', ['+392', '+394', '+395']],
      ['k#de', ['+393']],
      ['k#it', ['+391']], // an extra number that is on the list gets it once, in its person's language
    ]);
    expect(groups[1].text).toMatch(/^Deutscher Text/);
  });

  it('without variants: one request to everyone, as before', () => {
    const groups = smsGroups(makePost('sms', { idempotencyKey: 'k' }), audience, []);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ key: 'k', to: ['+391', '+392', '+393', '+394'] });
  });

  it('an audience that does not know languages: the main text to all', () => {
    const groups = smsGroups(makePost('sms', { variants }), { numbers: () => ['+391'] }, []);
    expect(groups.map((g) => g.to)).toEqual([['+391']]);
  });
});
