/**
 * Phrase pools for simulated webinar chat, per language, and the pieces simulated usernames are made of.
 * Background pools never contain complaint words, so benchmarks can tell scripted complaints from chatter.
 */
import type { ChatPool, Lang } from './scenario';

type Pools = Record<ChatPool, Record<Lang, readonly string[]>>;

const CITIES: Record<Lang, readonly string[]> = {
  en: ['London', 'Manchester', 'Dublin', 'Boston', 'Toronto', 'Sydney'],
  it: ['Milano', 'Roma', 'Torino', 'Bologna', 'Napoli', 'Firenze'],
  es: ['Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Bilbao', 'Málaga'],
  de: ['Berlin', 'München', 'Hamburg', 'Köln', 'Wien', 'Zürich'],
  fr: ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Bruxelles', 'Genève'],
};

const hello = (lang: Lang, fmt: (city: string) => string) => CITIES[lang].map(fmt);

export const PHRASES: Pools = {
  background: {
    en: [
      'hi everyone', 'hello!', 'good morning all', 'good afternoon from the team', 'excited for this one',
      ...hello('en', (c) => `hello from ${c}`),
      'will the recording be shared afterwards?', 'is there a pricing page for the new suite?',
      'does it integrate with Salesforce?', 'when is the GA date?', 'can we get the slides later?',
      'great demo so far', 'that dashboard looks slick', 'how does licensing work for teams?',
      'is there an API for this?', 'question: does it support SSO?', 'thanks for organizing',
      'nice', 'interesting 👀', 'love the new UI', 'can you zoom in a bit on the chart?', 'what about on-prem?',
    ],
    it: [
      'ciao a tutti', 'buongiorno!', 'salve', 'buon pomeriggio a tutti',
      ...hello('it', (c) => `ciao da ${c}`), 'hello from Milano',
      'la registrazione sarà disponibile?', 'quanto costa la licenza per team?', 'si integra con SAP?',
      'ottima demo', 'bella la nuova interfaccia', 'ci mandate le slide dopo?', 'quando esce in Italia?',
      'domanda: c’è una versione on-premise?', 'interessante', 'grazie per l’invito', 'molto chiaro 👍',
    ],
    es: [
      'hola a todos', 'buenos días', 'buenas tardes', ...hello('es', (c) => `saludos desde ${c}`),
      '¿se compartirá la grabación?', '¿cuánto cuesta la licencia?', '¿tiene integración con Teams?',
      'muy buena demo', 'me encanta el nuevo panel', '¿habrá versión en español?', 'gracias por la sesión',
    ],
    de: [
      'Hallo zusammen', 'Guten Morgen!', 'Grüße aus dem Team', ...hello('de', (c) => `Hallo aus ${c}`),
      'Wird die Aufzeichnung geteilt?', 'Gibt es eine API?', 'Was kostet die Lizenz pro Nutzer?',
      'Super Demo', 'Sieht richtig gut aus', 'Unterstützt das SSO?', 'Danke für die Einladung',
    ],
    fr: [
      'bonjour à tous', 'salut !', 'bonne après-midi', ...hello('fr', (c) => `bonjour de ${c}`),
      'est-ce que l’enregistrement sera partagé ?', 'quel est le prix de la licence ?', 'compatible avec SSO ?',
      'super démo', 'très clair, merci', 'on aura les slides ?', 'la nouvelle interface est top',
    ],
  },
  'complaint-audio': {
    en: ['no audio??', 'no sound', 'I can’t hear anything', 'audio is gone', 'is the mic muted?', 'we lost the sound',
      'AUDIOOO', 'sound???', 'anyone else no audio?', 'mic is off', '🔇', 'hello? no sound here', 'can’t hear you'],
    it: ['non si sente', 'non si sente niente', 'audio??', 'non c’è audio', 'microfono spento?', 'non sento nulla',
      'AUDIOOO', 'è sparito l’audio', 'anche voi niente audio?', '🔇', 'pronto? non si sente'],
    es: ['no se escucha nada', 'no hay audio', 'sin sonido', '¿audio?', 'no se oye', 'se fue el audio', '🔇'],
    de: ['kein Ton', 'Ton ist weg', 'ich höre nichts', 'Mikro aus?', 'kein Audio??', 'hört noch jemand was?', '🔇'],
    fr: ['on n’entend rien', 'pas de son', 'plus de son ?', 'le micro est coupé ?', 'pas d’audio', 'son ???', '🔇'],
  },
  'complaint-garbled': {
    en: ['audio sounds robotic', 'your voice is all choppy', 'sound is breaking up', 'robot voice lol?? seriously can’t understand',
      'audio keeps cutting in and out', 'sounds like a dalek', 'audio garbled here'],
    it: ['audio metallico', 'la voce è robotica', 'l’audio va a scatti', 'si sente tutto distorto', 'non si capisce niente, voce robotica'],
    es: ['se escucha robótico', 'el audio se corta', 'la voz suena metálica', 'audio entrecortado'],
    de: ['Ton ist abgehackt', 'Stimme klingt wie ein Roboter', 'Audio total verzerrt', 'Ton stottert'],
    fr: ['le son est haché', 'voix robotique', 'le son grésille', 'on comprend rien, ça coupe'],
  },
  'complaint-video': {
    en: ['video frozen', 'screen is stuck', 'the picture froze', 'video stuck on one frame', 'is the video frozen for everyone?',
      'slides not moving', 'frozen here too'],
    it: ['lo schermo è bloccato', 'video bloccato', 'immagine ferma', 'si è freezato il video', 'anche a voi è fermo?'],
    es: ['el video está congelado', 'la imagen se congeló', 'pantalla congelada', '¿video congelado?'],
    de: ['Bild ist eingefroren', 'Video hängt', 'Standbild bei mir', 'Bild steht'],
    fr: ['la vidéo est figée', 'image bloquée', 'l’écran est figé', 'vidéo gelée ?'],
  },
  'complaint-stream': {
    en: ['stream down?', 'stream is gone', 'it just went black', 'lost the stream', 'is it over??', 'stream offline?', 'refreshing…'],
    it: ['è caduta la diretta', 'diretta interrotta?', 'schermo nero', 'è finito?', 'si è chiusa la diretta', 'non carica più'],
    es: ['se cayó el stream', '¿se cortó la transmisión?', 'pantalla negra', 'se fue la señal'],
    de: ['Stream ist weg', 'Übertragung abgebrochen?', 'schwarzer Bildschirm', 'Stream offline?'],
    fr: ['le stream est coupé ?', 'plus rien', 'écran noir', 'le live est tombé'],
  },
  flood: {
    en: ['🔥🔥🔥', 'FIRST', 'lol', '+1', '👏👏👏', 'wooo', 'follow me for crypto tips', 'gg', 'hype!!!', '😂😂', 'spam spam spam', '❤️'],
    it: ['🔥🔥🔥', 'grandi!!', 'primo', 'ahahah', '👏👏', 'forza!!!', '+1', 'seguitemi su insta'],
    es: ['🔥🔥', 'jajaja', 'primero', 'vamos!!!', '👏👏👏', '+1'],
    de: ['🔥🔥🔥', 'haha', 'Erster!', 'stark!!', '👏👏', '+1'],
    fr: ['🔥🔥', 'mdr', 'premier', 'trop bien !!!', '👏👏👏', '+1'],
  },
  'joke-audio': {
    en: ['no audio in my brain before coffee lol', 'my brain has no audio until 10am 😂', 'brain.exe has no sound lol',
      'no audio in here *points at head* ☕', 'still no audio upstairs, need more coffee lol'],
    it: ['il mio cervello non ha audio prima del caffè 😂', 'audio del cervello assente, serve un espresso lol'],
    es: ['mi cerebro no tiene audio sin café jaja'],
    de: ['mein Gehirn hat vor dem Kaffee keinen Ton 😂'],
    fr: ['mon cerveau n’a pas de son avant le café mdr'],
  },
};

/** Suffixes viewers add: complaints get impatient (and are sometimes shouted), chatter gets friendly. */
export const COMPLAINT_SUFFIXES = ['', '', '', '?', '??', '!!', ' 😕', ' pls', ' 🙏'] as const;
export const CHATTER_SUFFIXES = ['', '', '!', ' 🙂', ' 👍', ' :)'] as const;

export const FIRST_NAMES: Record<Lang, readonly string[]> = {
  en: ['james', 'emma', 'oliver', 'sophie', 'liam', 'chloe', 'noah', 'grace', 'jack', 'amelia', 'ryan', 'hannah', 'tom', 'kate'],
  it: ['giulia', 'marco', 'francesca', 'luca', 'chiara', 'matteo', 'sara', 'andrea', 'elena', 'davide', 'paolo', 'martina'],
  es: ['lucia', 'javier', 'carmen', 'pablo', 'maria', 'alejandro', 'sofia', 'diego', 'laura', 'sergio'],
  de: ['jan', 'anna', 'lukas', 'lena', 'felix', 'marie', 'jonas', 'laura', 'tobias', 'katrin'],
  fr: ['camille', 'louis', 'manon', 'hugo', 'chloe', 'lucas', 'ines', 'theo', 'lea', 'antoine'],
};

export const SURNAME_INITIALS = 'abcdefghijklmnoprstvz';
