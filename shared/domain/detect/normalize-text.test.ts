import { describe, expect, it } from 'vitest';
import { normalizeText, normalizeWord, tokenize } from './normalize-text';

describe('normalizeText', () => {
  it.each([
    ['non si senteeee', 'non si sente'],
    ['AUDIO??', 'audio ?'],
    ['🔇', 'xmute'],
    ["l'image est figée", 'l image est fige'],
    ['Bild hängt!!!', 'bild hangt'],
    ['Straße', 'strase'],
    ['¿no se escucha?', '? no se escucha ?'],
    ['can’t   hear 😡😡', 'can t hear'],
    ['no, it works. great!', 'no , it works , great'],
    ['...AUDIO!!!', 'audio'],
    ['audio doesnt work, I cant hear', 'audio doesn t work , i can t hear'],
    ["won't / wont", 'won t won t'],
    ['mic off, sound of rain', 'mic off , sound of rain'],
    ['offfff line, offline', 'off line , ofline'],
    ['error 500 (digits do not collapse)', 'eror 500 digits do not colapse'],
    ['e\u0301cran Ørsted', 'ecran rsted'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('tokenize gives the same tokens as an array', () => {
    expect(tokenize('¿Se CORTA el audio??')).toEqual(['?', 'se', 'corta', 'el', 'audio', '?']);
  });

  it('normalises table words the same way, keeping the stem marker', () => {
    expect(normalizeWord('bloccat*')).toBe('blocat*');
    expect(normalizeWord('figée')).toBe('fige');
  });
});
