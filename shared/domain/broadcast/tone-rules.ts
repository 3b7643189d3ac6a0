/**
 * The phrase rules of the tone check, as data. They encode the five answers customers never want to hear
 * and the impulsive reaction (seeds-summary §3–4). Patterns run on a folded copy of the draft (lower case,
 * no accents, straight apostrophes) that keeps the original indices, so spans point into the draft itself.
 * English and Italian live here; Spanish, German and French live in tone-rules-es/de/fr.ts and are merged in
 * at the bottom. Every language's patterns always run because drafts mix languages. Only the message and the
 * suggestion follow the draft's language.
 */
import { DE } from './tone-rules-de';
import { ES } from './tone-rules-es';
import { FR } from './tone-rules-fr';
import type { Language } from '../vocabulary';
import type { PhraseRule, PhraseRuleId, ToneLanguage, ToneRule } from './tone-language';

type BaseLang = 'en' | 'it';

type BaseRule = Omit<PhraseRule, 'message' | 'suggestion' | 'rule'> & {
  rule: PhraseRuleId;
  message: Record<BaseLang, string>;
  suggestion: Record<BaseLang, string>;
};

const YOUR_EN = '(?:your|ur)';
const YOUR_IT = '(?:vostr[aeio]|tu[aeo]|su[aeo]|tuoi|suoi)';

const BASE_RULES: BaseRule[] = [
  {
    rule: 'policy',
    patterns: [
      /\b(?:our|company|corporate|company's) polic(?:y|ies)\b/g,
      /\bit'?s (?:the )?policy\b/g,
      /\bpolicy (?:says|states|does ?n'?o?t allow)\b/g,
      /\b(?:e|questa e) la nostra (?:policy|politica)(?: aziendale)?\b/g,
      /\b(?:nostra|nostre) (?:policy|politica|politiche)(?: aziendal[ei])?\b/g,
      /\b(?:policy|politica|politiche) aziendal[ei]\b/g,
      /\b(?:come )?da regolamento\b/g,
    ],
    message: {
      en: '"It\'s our policy" answers the company, not the person.',
      it: '"È la nostra policy" risponde all\'azienda, non alla persona.',
    },
    suggestion: {
      en: 'Explain what you can do for them right now and why, in plain words.',
      it: 'Spiega cosa puoi fare subito per loro e perché, con parole semplici.',
    },
  },
  {
    rule: 'contract',
    patterns: [
      new RegExp(
        String.raw`\bnot (?:included |covered |foreseen )?(?:in|by) ${YOUR_EN} (?:contract|plan|subscription|agreement|ticket)\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b${YOUR_EN} (?:contract|plan|subscription|agreement) (?:does ?n'?o?t|doesn't|does not|won't|will not) (?:cover|include)\b`,
        'g',
      ),
      /\bnot (?:part of|covered by) the (?:contract|agreement)\b/g,
      /\bnon (?:e|era|sono) previst[oaie] (?:dal|nel|dalla|nella) (?:suo |vostro |tuo |sua |vostra )?(?:contratto|abbonamento|offerta)\b/g,
      new RegExp(String.raw`\bnon rientra (?:nel|nella) ${YOUR_IT} (?:contratto|abbonamento|offerta)\b`, 'g'),
      /\bnon (?:e )?(?:coperto|incluso) dal (?:suo |vostro |tuo )?contratto\b/g,
    ],
    message: {
      en: '"Not in your contract" tells them they are on their own.',
      it: '"Non è previsto dal contratto" li lascia soli.',
    },
    suggestion: {
      en: 'Say what you will do for them anyway, and what the options are.',
      it: "Di' cosa farete comunque per loro e quali sono le alternative.",
    },
  },
  {
    rule: 'blame-supplier',
    patterns: [
      /\b(?:it'?s |it is |this is |that'?s )?not our fault\b/g,
      /\b(?:the |our )?(?:supplier|provider|vendor|platform|partner|host|hosting)'?s? fault\b/g,
      /\bfault of (?:the|our) (?:supplier|provider|vendor|platform|partner)\b/g,
      /\b(?:blame|caused by) (?:the |our )?(?:supplier|provider|vendor|platform)\b/g,
      /\b(?:non e colpa nostra|la colpa non e nostra|non e nostra la colpa)\b/g,
      /\bcolpa (?:del|della|dei|delle) (?:fornitor[ei]|piattaform[ae]|provider|partner)\b/g,
      /\bnon dipende da noi\b/g,
    ],
    message: {
      en: 'Blaming a supplier sounds like an excuse: to the audience, we are the organiser.',
      it: "Dare la colpa al fornitore suona come una scusa: per il pubblico, l'organizzatore siamo noi.",
    },
    suggestion: {
      en: 'Take responsibility: "We are sorry, the problem is on our side and we are fixing it."',
      it: 'Assumiti la responsabilità: "Ci scusiamo, il problema è nostro e lo stiamo risolvendo."',
    },
  },
  {
    rule: 'blame-audience',
    patterns: [
      new RegExp(String.raw`\b${YOUR_EN} (?:own )?(?:internet |network |wi-?fi )?connection\b`, 'g'),
      new RegExp(
        String.raw`\bcheck ${YOUR_EN} (?:speakers?|audio|headphones|headset|volume|internet|connection|browser|settings|device)\b`,
        'g',
      ),
      new RegExp(String.raw`\brestart ${YOUR_EN} (?:pc|computer|browser|device)\b`, 'g'),
      new RegExp(String.raw`\b(?:the )?(?:problem|issue) is (?:on|at) ${YOUR_EN} (?:side|end)\b`, 'g'),
      new RegExp(String.raw`\bon ${YOUR_EN} (?:side|end)\b`, 'g'),
      new RegExp(
        String.raw`\bcontrollate? (?:le |la |il |i )?${YOUR_IT} (?:casse|cuffie|connessione|audio|volume|browser|impostazioni)\b`,
        'g',
      ),
      new RegExp(String.raw`\be un problema ${YOUR_IT}\b`, 'g'),
      new RegExp(String.raw`\bproblema (?:e )?(?:dalla|della) ${YOUR_IT} parte\b`, 'g'),
      new RegExp(String.raw`\b(?:la|alla) ${YOUR_IT} connessione\b`, 'g'),
      new RegExp(String.raw`\briavvia(?:te)? (?:il |la )?(?:${YOUR_IT} )?(?:pc|computer|browser)\b`, 'g'),
    ],
    negatedBy: [
      /\b(?:no need to|don'?t need to|do not need to|there is no need|you don'?t have to|non (?:serve|c'e bisogno di|e necessario|dovete|occorre))\b[^.!?\n]*$/,
    ],
    message: {
      en: "This suggests the problem is the attendee's. They did nothing wrong.",
      it: 'Così sembra che il problema sia del partecipante. Non ha fatto nulla di sbagliato.',
    },
    suggestion: {
      en: 'Reassure them: "The problem is on our side: there is nothing you need to do."',
      it: 'Rassicurali: "Il problema è nostro: non dovete fare nulla."',
    },
  },
  {
    rule: 'impulsive',
    patterns: [
      /\bobviously\b/g,
      /\bas (?:we|i) (?:already |have already |'ve already )?(?:said|told you|mentioned|explained|wrote)\b/g,
      /\bcalm down\b/g,
      /\bfor the (?:last|hundredth) time\b/g,
      /\bovviamente\b/g,
      /\bcome (?:gia |abbiamo gia |ho gia )?(?:detto|spiegato|scritto)\b/g,
      /\bstate calm[ie]\b/g,
      /\bcalmatevi\b/g,
      /\bper l'ennesima volta\b/g,
    ],
    message: {
      en: 'This reads as impatient or sarcastic: an impulsive answer pours petrol on the fire.',
      it: 'Suona impaziente o sarcastico: una risposta impulsiva getta benzina sul fuoco.',
    },
    suggestion: {
      en: 'Restate the facts calmly, as if for the first time: "Here is where we are: …"',
      it: 'Ripeti i fatti con calma, come fosse la prima volta: "Ecco a che punto siamo: …"',
    },
  },
];

const BASE_TEXT: Record<'shouting' | 'link-only' | 'vague' | 'silence', Pick<BaseRule, 'message' | 'suggestion'>> = {
  shouting: {
    message: {
      en: 'Capitals and repeated punctuation read as shouting.',
      it: 'Maiuscole e punteggiatura ripetuta sembrano urla.',
    },
    suggestion: {
      en: 'Write in normal case with one full stop: calm text reassures.',
      it: 'Scrivi in minuscolo con un solo punto: un testo calmo rassicura.',
    },
  },
  'link-only': {
    message: { en: 'A link on its own is not an answer.', it: 'Un link da solo non è una risposta.' },
    suggestion: {
      en: 'Say in the message itself what happened, what we are doing and when the next update comes; add the link for details.',
      it: 'Scrivi nel messaggio cosa è successo, cosa stiamo facendo e quando arriva il prossimo aggiornamento; aggiungi il link per i dettagli.',
    },
  },
  vague: {
    message: {
      en: 'The draft does not say when they will hear from us again.',
      it: 'La bozza non dice quando avranno nostre notizie.',
    },
    suggestion: {
      en: 'Say when the next update comes: "Next update in 5 minutes."',
      it: 'Di\' quando arriva il prossimo aggiornamento: "Prossimo aggiornamento tra 5 minuti."',
    },
  },
  silence: {
    message: {
      en: 'Silence is the worst answer: post an acknowledgement now, even without a fix.',
      it: 'Il silenzio è la risposta peggiore: pubblica subito un messaggio, anche senza una soluzione.',
    },
    suggestion: {
      en: 'We know about the problem and are working on it. Next update in 5 minutes.',
      it: 'Sappiamo del problema e ci stiamo lavorando. Prossimo aggiornamento tra 5 minuti.',
    },
  },
};

/** Anything that tells the reader when they will hear from us, or when the event happens. */
const BASE_TIME: RegExp[] = [
  /\b(?:in|within) (?:about |around |the next |less than )?(?:\d+|one|two|three|five|ten|fifteen|thirty|a few|half an) ?(?:seconds?|secs?|min(?:ute)?s?|hours?|hrs?|h|days?)\b/,
  /\b(?:tra|fra|entro) (?:circa |i prossimi |meno di )?(?:\d+|un|una|due|tre|cinque|dieci|quindici|trenta|pochi|qualche) ?(?:secondi|min(?:uti|uto)?|ore|ora|giorni|giorno)\b/,
  /\b(?:tra|fra|entro) mezz'ora\b/,
  /\b\d{1,2}[:.]\d{2}\b/,
  /\b\d{1,2} ?(?:am|pm)\b/,
  /\bnext update\b/,
  /\bprossim[oa] aggiornament[oi]\b/,
  /\bevery \d+ ?min/,
  /\bogni \d+ ?min/,
  /\b(?:today|tomorrow|tonight|this (?:afternoon|evening|morning)|oggi|domani|stasera|stamattina|questo pomeriggio)\b/,
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica)\b/,
  /\{\{\s*(?:newTime|nextUpdateMinutes)\s*\}\}/,
  /\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|gen|mag|giu|lug|ago|set|ott|dic)[a-z]*\b/,
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}\b/,
];

/** A draft announcing that the problem is over owes no next-update time. */
const RESOLUTION_PATTERN =
  /(?<!\bnot (?:yet )?)(?<!\bnon (?:e )?(?:ancora )?)\b(?:resolved|fixed|back to normal|restored|working again|risolto|risolta|ripristinat[oai]|tornat[oa] (?:a funzionare|alla normalita)|funziona di nuovo)\b/;

const BASE_LINK: RegExp[] = [
  /\b(?:please )?(?:see|check|read|visit|follow|use|open)(?: out)? (?:this|the|our)? ?(?:link|faq|faqs|page|article|help centre|help center|status page)\b/g,
  /\b(?:find|read) (?:the |our )?(?:answer|answers|info|information|details) (?:here|at|on)\b/g,
  /\b(?:more )?(?:info|information|details) here\b/g,
  /\bclick here\b/g,
  /\b(?:at|via) this link\b/g,
  /\btrova(?:te)? (?:la |le )?(?:nostra |nostre )?rispost[ae] qui\b/g,
  /\b(?:vedi|vedete|guarda|guardate|leggi|leggete|segui|seguite|apri|aprite|usa|usate) (?:il |questo |la |le |questa |queste |nostra |nostre )*(?:link|faq|pagina|articolo)\b/g,
  /\bconsulta(?:te)? (?:le |la |il )?(?:nostre |nostra |nostro )?(?:faq|pagina|sito|articolo)\b/g,
  /\b(?:maggiori )?(?:info|informazioni|dettagli) qui\b/g,
  /\bclicca(?:te)? qui\b/g,
  /\ba questo link\b/g,
];

export const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>()]+/gi;

/** Common upper-case abbreviations that are not shouting. */
export const ACRONYMS = new Set([
  'FAQ',
  'FAQS',
  'URL',
  'SMS',
  'UTC',
  'CET',
  'CEST',
  'GMT',
  'BST',
  'EST',
  'PST',
  'PDF',
  'API',
  'CEO',
  'CTO',
  'USA',
  'HTTP',
  'HTTPS',
  'HTML',
  'WIFI',
  'IT',
  'HR',
  'PC',
  'AM',
  'PM',
  'MEZ',
  'MESZ',
  'WLAN',
  'DSL',
]);

const MORE: Record<Exclude<Language, BaseLang>, ToneLanguage> = { es: ES, de: DE, fr: FR };
const MORE_LANGS = ['es', 'de', 'fr'] as const;
const withFlags = (res: RegExp[], flags: string) =>
  res.map((re) => (re.flags === flags ? re : new RegExp(re.source, flags)));
const texts = (rule: ToneRule, base: Pick<BaseRule, 'message' | 'suggestion'>) => ({
  message: { ...base.message, es: ES.text[rule].message, de: DE.text[rule].message, fr: FR.text[rule].message },
  suggestion: {
    ...base.suggestion,
    es: ES.text[rule].suggestion,
    de: DE.text[rule].suggestion,
    fr: FR.text[rule].suggestion,
  },
});

/** The phrase rules of every language, merged: each rule runs the patterns of all five languages. */
export const PHRASE_RULES: PhraseRule[] = BASE_RULES.map((r) => ({
  ...r,
  patterns: [...r.patterns, ...MORE_LANGS.flatMap((l) => withFlags(MORE[l].patterns[r.rule], 'g'))],
  ...(r.negatedBy && {
    negatedBy: [...r.negatedBy, ...MORE_LANGS.map((l) => MORE[l].reassuranceBefore)],
    negatedAfter: MORE_LANGS.map((l) => MORE[l].reassuranceAfter),
  }),
  ...texts(r.rule, r),
}));

export const RULE_TEXT: Record<
  'shouting' | 'link-only' | 'vague' | 'silence',
  Pick<PhraseRule, 'message' | 'suggestion'>
> = {
  shouting: texts('shouting', BASE_TEXT.shouting),
  'link-only': texts('link-only', BASE_TEXT['link-only']),
  vague: texts('vague', BASE_TEXT.vague),
  silence: texts('silence', BASE_TEXT.silence),
};

/** Anything that tells the reader when they will hear from us, or when the event happens, in any language. */
export const TIME_PATTERNS: RegExp[] = [...BASE_TIME, ...MORE_LANGS.flatMap((l) => withFlags(MORE[l].time, ''))];

/** Resolution in any language: the English/Italian pattern above plus one per further language. */
export const RESOLUTION_PATTERNS: RegExp[] = [
  RESOLUTION_PATTERN,
  ...MORE_LANGS.flatMap((l) => withFlags([MORE[l].resolution], '')),
];

export const LINK_PHRASES: RegExp[] = [...BASE_LINK, ...MORE_LANGS.flatMap((l) => withFlags(MORE[l].link, 'g'))];
