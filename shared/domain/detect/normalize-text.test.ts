import { describe, expect, it } from 'vitest';
import { normalizeText, normalizeWord } from './normalize-text';

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
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('normalises table words the same way, keeping the stem marker', () => {
    expect(normalizeWord('bloccat*')).toBe('blocat*');
    expect(normalizeWord('figée')).toBe('fige');
  });
});
