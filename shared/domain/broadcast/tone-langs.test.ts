import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOKS, silenceStatus } from './playbook';
import { checkTone, detectLanguage, silenceFinding, type ToneRule } from './tone-check';
import { LANGUAGES, type Language } from '../vocabulary';

type Lang = 'es' | 'de' | 'fr';
const NEXT: Record<Lang, string> = {
  es: 'Próxima actualización en 5 minutos.',
  de: 'Nächstes Update in 5 Minuten.',
  fr: 'Prochaine mise à jour dans 5 minutes.',
};

/** [rule, lang, positive drafts, negative drafts]. Positive drafts give the next update time, so only the rule under test fires. */
const TABLE: [ToneRule, Lang, string[], string[]][] = [
  [
    'policy',
    'es',
    [
      'Lo sentimos, es nuestra política no reembolsar eventos gratuitos.',
      'Es la política de la empresa.',
      'Según la normativa interna no podemos compartir la grabación.',
    ],
    ['Puede leer nuestra política de privacidad en la web.'],
  ],
  [
    'policy',
    'de',
    [
      'Das verstößt leider gegen unsere Richtlinien.',
      'Laut Firmenrichtlinie dürfen wir das nicht.',
      'Das ist unsere Unternehmenspolitik.',
    ],
    ['Unsere Datenschutzrichtlinie gilt wie immer auch für dieses Webinar.'],
  ],
  [
    'policy',
    'fr',
    [
      "Désolés, c'est notre politique.",
      "C'est la politique de l'entreprise.",
      'Selon notre règlement interne, ce n’est pas possible.',
    ],
    ['Notre politique de confidentialité reste valable pour ce webinaire.'],
  ],

  [
    'contract',
    'es',
    [
      'La grabación no está incluida en su contrato.',
      'Su plan no incluye soporte en directo.',
      'Esto no forma parte de su suscripción.',
    ],
    ['La grabación está incluida en su inscripción y se la enviaremos.'],
  ],
  [
    'contract',
    'de',
    [
      'Die Aufzeichnung ist nicht in Ihrem Vertrag enthalten.',
      'Ihr Tarif deckt Live-Support leider nicht ab.',
      'Das ist nicht Teil Ihres Vertrags.',
    ],
    ['Die Aufzeichnung ist in Ihrem Ticket enthalten, wir schicken sie Ihnen.'],
  ],
  [
    'contract',
    'fr',
    [
      "Ce n'est pas prévu dans votre contrat.",
      "L'enregistrement n’est pas inclus dans votre abonnement.",
      "Votre contrat ne couvre pas l'assistance en direct.",
    ],
    ["L'enregistrement est inclus dans votre inscription et nous vous l'enverrons."],
  ],

  [
    'blame-supplier',
    'es',
    [
      'No es culpa nuestra, la plataforma de streaming ha caído.',
      'Es culpa del proveedor.',
      'Esto no depende de nosotros.',
    ],
    ['Lo sentimos, la culpa es nuestra y ya estamos trabajando en ello.'],
  ],
  [
    'blame-supplier',
    'de',
    [
      'Das ist nicht unsere Schuld, die Streaming-Plattform ist ausgefallen.',
      'Der Anbieter ist schuld.',
      'Das liegt am Anbieter, nicht an uns.',
    ],
    ['Wir entschuldigen uns, der Fehler liegt bei uns und wir beheben ihn.'],
  ],
  [
    'blame-supplier',
    'fr',
    [
      "Ce n'est pas de notre faute, la plateforme de streaming est en panne.",
      "C'est la faute du fournisseur.",
      'Cela ne dépend pas de nous.',
    ],
    ['La faute est la nôtre et nous réglons le problème.'],
  ],

  [
    'blame-audience',
    'es',
    ['Por favor, revise su conexión.', 'Compruebe sus altavoces primero.', 'El problema está de su lado.'],
    [
      'No hace falta revisar sus altavoces: el problema es nuestro.',
      'No tiene que reiniciar el ordenador, el fallo es nuestro.',
    ],
  ],
  [
    'blame-audience',
    'de',
    ['Bitte prüfen Sie Ihre Lautsprecher.', 'Überprüfen Sie Ihre Internetverbindung.', 'Das Problem liegt bei Ihnen.'],
    [
      'Sie müssen nichts prüfen: Der Fehler liegt bei uns.',
      'Sie müssen weder Ihre Lautsprecher prüfen noch den Computer neu starten.',
      'Ihre Verbindung ist nicht das Problem, der Fehler liegt bei uns.',
    ],
  ],
  [
    'blame-audience',
    'fr',
    ["Vérifiez votre connexion, s'il vous plaît.", 'Redémarrez votre ordinateur.', 'Le problème vient de chez vous.'],
    [
      'Inutile de vérifier vos haut-parleurs : le problème vient de chez nous.',
      "Votre connexion n'est pas en cause, le problème vient de chez nous.",
    ],
  ],

  [
    'impulsive',
    'es',
    [
      'Como obviamente pueden ver, el audio no funciona.',
      'Como ya dijimos, estamos trabajando en ello.',
      'Cálmense, por favor.',
    ],
    ['Gracias por su paciencia, seguimos trabajando con calma en el problema.'],
  ],
  [
    'impulsive',
    'de',
    [
      'Wie Sie offensichtlich sehen, funktioniert der Ton nicht.',
      'Wie bereits gesagt, wir arbeiten daran.',
      'Beruhigen Sie sich bitte.',
    ],
    ['Danke für Ihre Geduld, wir arbeiten in Ruhe an dem Problem.'],
  ],
  [
    'impulsive',
    'fr',
    [
      'Comme vous le voyez évidemment, le son ne fonctionne pas.',
      'Comme déjà dit, nous y travaillons.',
      "Calmez-vous, s'il vous plaît.",
    ],
    ['Merci de votre patience : nous travaillons calmement sur le problème.'],
  ],

  [
    'shouting',
    'es',
    ['Estamos TRABAJANDO en ello.', '¡¡¡Estamos en ello!!!'],
    ['Lo sentimos, el problema es nuestro: encontrará los detalles en la FAQ y por SMS.'],
  ],
  [
    'shouting',
    'de',
    ['Wir ARBEITEN daran.', 'Wir arbeiten daran!!!'],
    ['Der Fehler liegt bei uns, nicht an Ihrem WLAN. Wir informieren Sie per E-Mail und SMS.'],
  ],
  [
    'shouting',
    'fr',
    ['Nous y TRAVAILLONS.', 'Nous y travaillons !!!'],
    ['Le problème vient de chez nous : détails dans la FAQ et par SMS.'],
  ],
];

/** Drafts that are only a link, or a "see this link" with fewer than ~8 other words. */
const LINK_ONLY: [Lang, string[], string[]][] = [
  [
    'es',
    ['Consulte este enlace: https://example.com/faq', `Consulte nuestras preguntas frecuentes. ${NEXT.es}`],
    [
      `Lo sentimos: el audio no funciona y el problema es nuestro. Estamos trabajando en ello. ${NEXT.es} Más detalles en este enlace: https://example.com/estado`,
    ],
  ],
  [
    'de',
    ['Siehe Link: https://example.com/faq', `Lesen Sie bitte unsere FAQ. ${NEXT.de}`],
    [
      `Entschuldigung: Der Ton fällt aus und der Fehler liegt bei uns. Wir arbeiten daran. ${NEXT.de} Details siehe Link: https://example.com/status`,
    ],
  ],
  [
    'fr',
    ['Voir ce lien : https://example.com/faq', `Consultez notre FAQ. ${NEXT.fr}`],
    [
      `Nous sommes désolés : le son ne fonctionne pas et le problème vient de chez nous. Nous y travaillons. ${NEXT.fr} Détails via ce lien : https://example.com/etat`,
    ],
  ],
];

/** Drafts that do not say when the next update comes, and drafts that do (or announce the end of the problem). */
const VAGUE: [Lang, string[], string[]][] = [
  [
    'es',
    [
      'Estamos trabajando en el problema de audio y les mantendremos informados.',
      'El audio todavía no está resuelto, seguimos con ello.',
    ],
    [
      'Próxima actualización a las 15:30.',
      'Les escribimos de nuevo en 10 minutos.',
      'El problema está resuelto y el webinar continúa.',
      'Nueva fecha: jueves 12 de junio a las 15.',
    ],
  ],
  [
    'de',
    [
      'Wir arbeiten an dem Tonproblem und halten Sie auf dem Laufenden.',
      'Der Ton ist noch nicht behoben, wir bleiben dran.',
    ],
    [
      'Nächstes Update um 15:30 Uhr.',
      'Wir melden uns in 10 Minuten wieder.',
      'Der Ton ist behoben, das Webinar geht weiter.',
      'Neuer Termin: Donnerstag, 12. Juni um 15 Uhr.',
    ],
  ],
  [
    'fr',
    [
      'Nous travaillons sur le problème de son et nous vous tiendrons informés.',
      "Le son n'est pas encore rétabli, nous restons dessus.",
    ],
    [
      'Prochaine mise à jour à 15h30.',
      'Nous revenons vers vous dans 10 minutes.',
      'Le problème est résolu, le webinaire reprend.',
      'Nouvelle date : jeudi 12 juin à 15 h.',
    ],
  ],
];

const rules = (text: string, lang?: Language) => checkTone(text, lang).map((f) => f.rule);
const english = (rule: ToneRule, text: string) => checkTone(text, 'en').find((f) => f.rule === rule)!;

describe('checkTone: each rule in Spanish, German and French', () => {
  const positives = TABLE.flatMap(([rule, lang, pos]) => pos.map((t) => [rule, lang, `${t} ${NEXT[lang]}`] as const));
  const negatives = TABLE.flatMap(([rule, lang, , neg]) => neg.map((t) => [rule, lang, `${t} ${NEXT[lang]}`] as const));

  it.each(positives)('%s (%s) flags: %s', (rule, lang, text) => {
    const findings = checkTone(text);
    expect(findings.map((f) => f.rule)).toEqual([rule]);
    const f = findings[0];
    expect(f.severity).toBe('warning');
    expect(f.span[1]).toBeGreaterThan(f.span[0]);
    expect(f.span[1]).toBeLessThanOrEqual(text.length);
    if (rule !== 'shouting') expect(detectLanguage(text)).toBe(lang);
    // The message and suggestion follow the draft's language.
    expect(f).toEqual(checkTone(text, lang)[0]);
    expect(f.suggestion).not.toBe(english(rule, text).suggestion);
    expect(f.message).not.toBe(english(rule, text).message);
  });

  it.each(negatives)('%s (%s) does not flag: %s', (_rule, _lang, text) => {
    expect(checkTone(text)).toEqual([]);
  });

  it.each(LINK_ONLY.flatMap(([lang, pos]) => pos.map((t) => [lang, t] as const)))(
    'link-only (%s) flags: %s',
    (lang, text) => {
      const findings = checkTone(text, lang).filter((f) => f.severity === 'warning');
      expect(findings.map((f) => f.rule)).toEqual(['link-only']);
      expect(findings[0].span).toEqual([0, text.length]);
      expect(findings[0].suggestion).not.toBe(english('link-only', text).suggestion);
    },
  );

  it.each(LINK_ONLY.flatMap(([lang, , neg]) => neg.map((t) => [lang, t] as const)))(
    'link-only (%s) does not flag a full answer with a link: %s',
    (lang, text) => {
      expect(checkTone(text, lang)).toEqual([]);
      expect(detectLanguage(text)).toBe(lang);
    },
  );

  it.each(VAGUE.flatMap(([lang, pos]) => pos.map((t) => [lang, t] as const)))(
    'vague (%s) asks for a time, as info only: %s',
    (lang, text) => {
      const findings = checkTone(text);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ rule: 'vague', severity: 'info' });
      expect(findings[0].suggestion).toBe(checkTone(text, lang)[0].suggestion);
      expect(detectLanguage(text)).toBe(lang);
    },
  );

  it.each(VAGUE.flatMap(([lang, , neg]) => neg.map((t) => [lang, t] as const)))(
    'vague (%s) accepts a time or a resolution: %s',
    (_lang, text) => {
      expect(rules(text)).not.toContain('vague');
    },
  );

  it('points the span at the offending phrase in the original text, accents included', () => {
    const text = `Lo sentimos. Cálmense, por favor. ${NEXT.es}`;
    const f = checkTone(text).find((x) => x.rule === 'impulsive')!;
    expect(text.slice(...f.span)).toBe('Cálmense');
    const de = 'Bitte überprüfen Sie Ihre Internetverbindung. Nächstes Update in 5 Minuten.';
    expect(de.slice(...checkTone(de)[0].span)).toBe('überprüfen Sie Ihre Internetverbindung');
  });
});

describe('checkTone: mixed-language drafts', () => {
  it('runs every language on every draft; the suggestion follows the draft language', () => {
    const text = 'We are sorry, es culpa del proveedor. Next update in 5 minutes.';
    const [f] = checkTone(text);
    expect(f.rule).toBe('blame-supplier');
    expect(f.suggestion).toMatch(/Take responsibility/);
    expect(checkTone(text, 'de')[0].suggestion).toMatch(/Verantwortung/);
  });
  it('flags a French phrase in an Italian draft', () => {
    const text = 'Ci scusiamo. Calmez-vous. Prossimo aggiornamento tra 5 minuti.';
    expect(checkTone(text)).toMatchObject([{ rule: 'impulsive', suggestion: expect.stringMatching(/calma/) }]);
  });
});

describe('detectLanguage: five languages', () => {
  it.each([
    ['en', 'We are sorry for the problem, next update in 5 minutes.'],
    ['it', 'Ci scusiamo per il problema, prossimo aggiornamento tra 5 minuti.'],
    ['es', 'Lo sentimos por el problema, estamos trabajando en ello.'],
    ['de', 'Entschuldigung, wir arbeiten an dem Problem und melden uns bald.'],
    ['fr', 'Nous sommes désolés pour le problème, nous y travaillons.'],
  ] as const)('%s', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });
  it('is English when unsure', () => {
    expect(detectLanguage('https://example.com')).toBe('en');
  });
});

describe('silenceFinding in every language', () => {
  const pb = DEFAULT_PLAYBOOKS.audio;
  const missed = silenceStatus(pb, { openedAt: 0, status: 'open' }, pb.firstUpdateDeadlineMs);
  it.each(LANGUAGES.map((l) => [l]))('%s', (lang) => {
    const f = silenceFinding(missed, lang)!;
    expect(f).toMatchObject({ rule: 'silence', severity: 'warning', span: [0, 0] });
    expect(f.message).toMatch(/silence|silenzio|silencio|Schweigen/i);
    // The suggested acknowledgement is itself calm and says when the next update comes.
    expect(checkTone(f.suggestion, lang)).toEqual([]);
    expect(detectLanguage(f.suggestion)).toBe(lang);
  });
  it('every language has its own text', () => {
    const messages = new Set(LANGUAGES.map((l) => silenceFinding(missed, l)!.message));
    expect(messages.size).toBe(LANGUAGES.length);
  });
});
