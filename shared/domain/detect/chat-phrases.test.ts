import { describe, expect, it } from 'vitest';
import { classifyComplaint } from './chat-classify';
import type { ComplaintCategory } from './chat-phrases';
import type { Language } from '../vocabulary';

type Row = [text: string, expected: ComplaintCategory | null];

/** Per language: what viewers type when something breaks, and lines that must NOT count as complaints. */
const TABLE: Record<Language, { positives: Row[]; negatives: string[] }> = {
  en: {
    positives: [
      ['no sound', 'audio'],
      ['AUDIO??', 'audio'],
      ['🔇', 'audio'],
      ["I can't hear anything", 'audio'],
      ['nooo audiooo', 'audio'],
      ['is the mic muted?', 'audio'],
      ['audio sounds robotic', 'audio'],
      ['audoi not working', 'audio'],
      ['video frozen', 'video'],
      ['the picture froze', 'video'],
      ['stream down', 'stream'],
      ['lost the stream', 'stream'],
      ['black screen here', 'stream'],
      ['link not working', 'link'],
      ["can't join, link is broken", 'link'],
    ],
    negatives: [
      'the audio course was great',
      'sound advice, thanks',
      'audio is back, thanks',
      'no sound issues here, works fine',
      "it's not frozen for me",
      'can we get the slides later?',
      'hello from London!',
      'I found issues in the docs',
    ],
  },
  it: {
    positives: [
      ['non si senteeee', 'audio'],
      ['non si sente niente', 'audio'],
      ['nn si snte', 'audio'],
      ['audio??', 'audio'],
      ['non c’è audio', 'audio'],
      ['è sparito l’audio', 'audio'],
      ['microfono spento?', 'audio'],
      ['la voce è robotica', 'audio'],
      ['video bloccato', 'video'],
      ['lo schermo è bloccato', 'video'],
      ['si è freezato il video', 'video'],
      ['è caduta la diretta', 'stream'],
      ['diretta interrotta?', 'stream'],
      ['il link non funziona', 'link'],
      ['non riesco ad entrare', 'link'],
    ],
    negatives: [
      'audio è perfetto',
      'ok ora si sente 👍',
      'si sente benissimo',
      'non vedo l’ora di provarlo',
      'nessun problema audio qui',
      'ciao da Milano',
      'il video di ieri era bello',
    ],
  },
  es: {
    positives: [
      ['no se escucha', 'audio'],
      ['no se escucha nada', 'audio'],
      ['no se escuha nadaaa', 'audio'],
      ['sin sonido', 'audio'],
      ['¿audio?', 'audio'],
      ['se fue el audio', 'audio'],
      ['no se oye bien', 'audio'],
      ['el audio se corta', 'audio'],
      ['se congeló', 'video'],
      ['la imagen se congeló', 'video'],
      ['no se ve nada', 'video'],
      ['se cayó el stream', 'stream'],
      ['¿se cortó la transmisión?', 'stream'],
      ['el enlace no funciona', 'link'],
    ],
    negatives: [
      'se oye bien',
      'ya se escucha, gracias',
      'no veo la hora de probarlo',
      'todo bien por aquí',
      'son muy buenos los gráficos',
      'hola a todos',
    ],
  },
  de: {
    positives: [
      ['kein ton', 'audio'],
      ['KEIN TON!!!', 'audio'],
      ['Ton ist weg', 'audio'],
      ['ich höre nichts', 'audio'],
      ['hört noch jemand was?', 'audio'],
      ['Stimme klingt wie ein Roboter', 'audio'],
      ['Ton?', 'audio'],
      ['Bild hängt', 'video'],
      ['Bild ist eingefroren', 'video'],
      ['Video ruckelt', 'video'],
      ['Stream ist weg', 'stream'],
      ['Übertragung abgebrochen?', 'stream'],
      ['Link funktioniert nicht', 'link'],
    ],
    negatives: [
      'ich höre gut',
      'Bild hängt nicht mehr',
      'jetzt geht es wieder',
      'alles gut hier',
      'Hallo aus Berlin',
      'kein Problem',
    ],
  },
  fr: {
    positives: [
      ["on n'entend rien", 'audio'],
      ['on entend rien', 'audio'],
      ['pas de son', 'audio'],
      ['plus de son ?', 'audio'],
      ['le micro est coupé ?', 'audio'],
      ['son ???', 'audio'],
      ['le son grésille', 'audio'],
      ["l'image est figée", 'video'],
      ['l’écran est figé', 'video'],
      ['vidéo gelée ?', 'video'],
      ['le live est tombé', 'stream'],
      ['écran noir', 'stream'],
      ['le lien ne marche pas', 'link'],
    ],
    negatives: [
      'on entend bien',
      'ça marche maintenant',
      'ce n’est pas son problème',
      'pas de problème',
      'bonjour de Lyon',
      'elle parle doucement mais ça va',
    ],
  },
};

describe('chat complaint phrases', () => {
  for (const [lang, { positives, negatives }] of Object.entries(TABLE)) {
    describe(lang, () => {
      it('has enough cases', () => {
        expect(positives.length).toBeGreaterThanOrEqual(8);
        expect(negatives.length).toBeGreaterThanOrEqual(5);
      });
      it.each(positives)('%j is a %s complaint', (text, expected) => {
        expect(classifyComplaint(text)).toEqual([expected]);
      });
      it.each(negatives)('%j is not a complaint', (text) => {
        expect(classifyComplaint(text)).toEqual([]);
      });
    });
  }

  // The misses a review of the rules found (issue 13); the corpora (tests/corpora/chat) hold many more.
  it.each([
    ["the speaker's microphone is off", 'audio'],
    ['il microfono del relatore non va', 'audio'],
    ['the audio of the second speaker is gone', 'audio'],
    ['audio wont work', 'audio'],
    ['the link doesnt work', 'link'],
    ['stream isnt loading', 'stream'],
    ['el audio se corta', 'audio'],
    ['se congela la imagen', 'video'],
    ['audio comes and goes', 'audio'],
    ["l'audio va e viene", 'audio'],
    ['la transmisión va y viene', 'stream'],
    ['der Ton kommt und geht', 'audio'],
    ['ça coupe par moments', 'audio'],
    ['audio ko', 'audio'],
    ['vid stuck', 'video'],
    ['no sound rn', 'audio'],
    ['audio not wokring', 'audio'],
    ['micorfono spento', 'audio'],
  ] as const)('%j is a %s complaint (a known miss of the old rules)', (text, expected) => {
    expect(classifyComplaint(text)).toEqual([expected]);
  });

  it.each([
    "I'm on mute, was talking to my kid",
    'sorry, war stumm geschaltet',
    "I don't hear that argument often",
    'the sound of rain here, lovely',
    'la page de connexion ne charge pas', // the login page: a link problem, not the stream
    'my stream of thought is lost haha',
  ])('%j is not an audio/video/stream complaint', (text) => {
    expect(classifyComplaint(text).filter((c) => c !== 'link')).toEqual([]);
  });

  it('a line about two problems counts for both', () => {
    expect(classifyComplaint('no audio and video frozen')).toEqual(['audio', 'video']);
  });

  it('a lone question about the link is not a complaint (people ask for the link)', () => {
    expect(classifyComplaint('link?')).toEqual([]);
  });

  it('tolerates shouting, repeated letters and emoji decoration', () => {
    expect(classifyComplaint('NON SI SENTEEEEE 😡😡')).toEqual(['audio']);
    expect(classifyComplaint('video bloccatoooo!!! 🙏')).toEqual(['video']);
  });
});

describe('word classes shared by the languages', () => {
  it.each<[string, ComplaintCategory]>([
    ['the volume is at zero', 'audio'],
    ['sound is out of sync', 'audio'],
    ["l'audio è fuori sincrono", 'audio'],
    ['el audio está desincronizado', 'audio'],
    ['der Ton ist zeitversetzt', 'audio'],
    ['le son est décalé', 'audio'],
    ['there is a loud hum on the audio', 'audio'],
    ['the video stalls', 'video'],
    ['buffering forever', 'video'],
    ['se ven pixeladas las diapositivas', 'video'],
    ['Folien sieht man nicht', 'video'],
    ['non mi fa entrare', 'link'],
  ])('%j is a complaint about %s', (text, category) => {
    expect(classifyComplaint(text)).toEqual([category]);
  });

  it.each([
    'the stream of questions is great',
    'dark screen mode is easier on the eyes',
    'we disconnected the old server',
    'il mercato è bloccato da anni',
    'I muted my phone notifications',
    'ich schalte das Handy stumm',
  ])('%j is not a complaint', (text) => {
    expect(classifyComplaint(text)).toEqual([]);
  });

  it('a one-letter typo is corrected only when the wrong letter is in the same place', () => {
    expect(classifyComplaint('el video se detubo')).toEqual(['video']); // b for v
    expect(classifyComplaint('el video estuvo genial')).toEqual([]); // not "detuvo": two letters differ
  });
});
