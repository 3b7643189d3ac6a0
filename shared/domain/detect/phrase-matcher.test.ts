import { describe, expect, it } from 'vitest';
import { tokenize } from './normalize-text';
import { compilePhrase, matchPhrase, type Grammar } from './phrase-matcher';

const GRAMMAR: Grammar = {
  negations: new Set(['no', 'not', 't', 'non', 'ne', 'pas']),
  trailing: new Set(['nicht', 'pas']),
  free: new Set(['is', 'the', 'of', 'ne']),
  blocked: new Set(['no', 'not', 't', 'non', 'pas', 'but']),
  functionWords: new Set(['the', 'is', 'it']),
};
const matches = (phrase: string, line: string) => matchPhrase(tokenize(line), compilePhrase(phrase, GRAMMAR), GRAMMAR);

describe('phrase matcher', () => {
  it('lets up to 3 words stand between slots, not counting free words', () => {
    expect(matches('audio gone', 'audio gone')).toBe(true);
    expect(matches('audio gone', 'the audio of the second speaker is gone')).toBe(true);
    expect(matches('audio gone', 'audio for the second speaker really gone')).toBe(false);
  });

  it('a gap holds at most 6 free words, so a hostile line stays cheap', () => {
    expect(matches('audio gone', `audio ${'the '.repeat(6)}gone`)).toBe(true);
    expect(matches('audio gone', `audio ${'the '.repeat(7)}gone`)).toBe(false);
  });

  it('~ allows 2 words, = none', () => {
    expect(matches('~no audio', 'no audio')).toBe(true);
    expect(matches('~no audio', 'no real working audio')).toBe(true);
    expect(matches('~no audio', 'no, wait, audio')).toBe(false);
    expect(matches('~no audio', 'no I think her audio')).toBe(false);
    expect(matches('=pas de son', 'pas de son')).toBe(true);
    expect(matches('=pas de son', 'pas de ce son')).toBe(false);
  });

  it('a gap never crosses a clause mark, a "?", a blocked word', () => {
    expect(matches('audio gone', 'audio, gone')).toBe(false);
    expect(matches('audio gone', 'audio? gone')).toBe(false);
    expect(matches('see nothing', 'see you but nothing')).toBe(false);
    expect(matches('audio gone', 'audio not gone')).toBe(false);
  });

  it('! phrases: a negation just before, or a trailing one just after, cancels them', () => {
    expect(matches('!frozen', 'frozen')).toBe(true);
    expect(matches('!frozen', 'not frozen')).toBe(false);
    expect(matches('!frozen', 'not really frozen')).toBe(false);
    expect(matches('!frozen', 'not, frozen')).toBe(true);
    expect(matches('!bild hangt', 'Bild hängt nicht')).toBe(false);
    expect(matches('bild hangt', 'Bild hängt nicht')).toBe(true);
  });

  it('^ and $ tie a phrase to the edges of its clause', () => {
    expect(matches('^ non carica', 'non carica')).toBe(true);
    expect(matches('^ non carica', 'ok, non carica più')).toBe(true);
    expect(matches('^ non carica', 'il video non carica')).toBe(false);
    expect(matches('broken link $', 'broken link?')).toBe(true);
    expect(matches('broken link $', 'broken link checker tools')).toBe(false);
  });

  it('stems, alternatives and joined words', () => {
    expect(matches('video bloccat*', 'video bloccatooo')).toBe(true);
    expect(matches('audio va_e_viene|salta', "l'audio va e viene")).toBe(true);
    expect(matches('audio va_e_viene|salta', "l'audio va e poi viene")).toBe(false);
    expect(matches('is it over ?', 'is it over?')).toBe(true);
    expect(matches('is it over ?', 'is it over')).toBe(false);
  });

  it('records its anchors and how many slots need one; a phrase of function words alone is an error', () => {
    const p = compilePhrase('!no audio|sound gone|lost*', GRAMMAR);
    expect([...p.anchors.words].sort()).toEqual(['audio', 'gone', 'sound']);
    expect([...p.anchors.stems]).toEqual(['lost']);
    expect(p.anchoredSlots).toBe(2);
    expect(compilePhrase('it|audio gone', GRAMMAR).anchoredSlots).toBe(1);
    expect(() => compilePhrase('it is', GRAMMAR)).toThrow('phrase without an anchor word: it is');
  });
});
