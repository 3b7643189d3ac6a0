/**
 * Italian data for the tone check (merged into tone-rules.ts). Patterns are written for the folded draft:
 * lower case, no accents ("è" → "e", "già" → "gia"), straight apostrophes.
 */
import type { ToneLanguage } from './tone-language';

/** "your" addressed to the audience (voi, tu). The formal su*, which also means his/her/their, is kept apart. */
const VOSTRO = '(?:vostr[aeio]|tu[aeo]|tuoi)';
const SUO = '(?:su[aeo]|suoi)';
const DEVICE =
  '(?:casse|cuffie|altoparlanti|connessione|connessione internet|rete|wi-?fi|audio|volume|browser|impostazioni|dispositivo|computer|pc|microfono)';
const SUPPLIER = '(?:fornitor[ei]|piattaform[ae]|provider|partner|hosting|gestore)';
const PLAN = '(?:contratto|abbonamento|offerta|piano|pacchetto|biglietto)';
const NUM = '(?:\\d+|un|una|due|tre|cinque|dieci|quindici|venti|trenta|pochi|qualche)';

export const IT: ToneLanguage = {
  patterns: {
    policy: [
      /\b(?:e|questa e) la nostra (?:policy|politica)(?: aziendale)?\b/g,
      /\b(?:nostra|nostre) (?:policy|politica|politiche)(?: aziendal[ei])?\b/g,
      /\b(?:policy|politica|politiche) aziendal[ei]\b/g,
      /\b(?:come )?da regolamento\b/g,
      /\bsecondo (?:il|le) (?:nostr[oe] )?(?:regolamento|regole interne)\b/g,
    ],
    contract: [
      new RegExp(
        String.raw`\bnon (?:e|era|sono|erano) (?:previst|inclus|copert|compres)[oaie] (?:dal|nel|dalla|nella|dai|nei|dalle|nelle) (?:${VOSTRO} |${SUO} )?${PLAN}\b`,
        'g',
      ),
      new RegExp(String.raw`\bnon rientra(?:no)? (?:nel|nella) (?:${VOSTRO} |${SUO} )?${PLAN}\b`, 'g'),
      new RegExp(String.raw`\b(?:${VOSTRO}|${SUO}) ${PLAN} non (?:include|copre|prevede|comprende)\b`, 'g'),
    ],
    'blame-supplier': [
      /\b(?:non e colpa nostra|la colpa non e nostra|non e nostra la colpa)\b/g,
      new RegExp(
        String.raw`\bcolpa(?: [a-z']+){0,4}? (?:del|della|dei|delle|dell')(?: ?nostr[oaie])? ?${SUPPLIER}\b`,
        'g',
      ),
      new RegExp(String.raw`\bcausat[oa] (?:dal|dalla|dai|dalle|dall') ?${SUPPLIER}\b`, 'g'),
      /\bnon dipende da noi\b/g,
    ],
    'blame-audience': [
      new RegExp(
        String.raw`\b(?:controllate|verificate|testate) (?:prima |bene |subito )?(?:le |la |il |i |l')?(?:${VOSTRO} )?${DEVICE}\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b(?:controllate|verificate) (?:il |la |le |i |l')?(?:volume|audio|impostazioni) (?:del|della|dei|delle) ${VOSTRO} ${DEVICE}\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b(?:controlli|verifichi|riavvii) (?:prima |bene |subito )?(?:le |la |il |i |l')?(?:${SUO} |${VOSTRO} )?${DEVICE}\b`,
        'g',
      ),
      new RegExp(String.raw`\b(?:e |sembra |pare )?un problema (?:${VOSTRO}|suo)\b`, 'g'),
      new RegExp(String.raw`\bproblema (?:e )?(?:dalla|della) ${VOSTRO} parte\b`, 'g'),
      new RegExp(String.raw`\b(?:la|alla|nella) ${VOSTRO} (?:connessione|rete|wi-?fi|linea)\b`, 'g'),
      new RegExp(
        String.raw`\b(?:ricaricate|aggiornate|riavviate) (?:la pagina|il browser|l'app|la app|(?:il |la |l')?${VOSTRO} (?:browser|app|computer|dispositivo|pc))(?: (?:del|nel) ${VOSTRO} (?:browser|computer|dispositivo))?\b`,
        'g',
      ),
      new RegExp(
        String.raw`\briavviate (?:il |la |l')?(?:${VOSTRO} )?(?:pc|computer|browser|dispositivo|router)\b`,
        'g',
      ),
      /(?<!\bnon )\b(?:provate|prova|provi|dovete|dovreste) (?:a )?(?:riavviare|ricaricare|aggiornare) (?:il |la |l'|la pagina)/g,
    ],
    impulsive: [
      /\bcome (?:(?:vi|ti|le|lo) )?(?:abbiamo |ho |avevamo )?gia (?:detto|spiegato|scritto|ripetuto)\b/g,
      /\b(?:l'|lo )?(?:abbiamo|ho) (?:gia )?(?:detto|scritto|spiegato|ripetuto) (?:gia )?(?:piu volte|mille volte|cento volte|tante volte)\b/g,
      /\bcome (?:potete |puoi )?ovviamente (?:vedete|vedere|sapete|sai|vedi)\b/g,
      /\bovviamente (?:dovete|dovreste|non avete)\b/g,
      /\bstate calm[ie]\b/g,
      /\bcalmatevi\b/g,
      /\bper l'ennesima volta\b/g,
    ],
    boilerplate: [
      /\b(?:il|l'eventuale|ogni|qualsiasi|qualunque|eventuali|i) (?:disagio|disagi|inconveniente|inconvenienti)\b/g,
      /\b(?:vi preghiamo di |vi chiediamo di )?pazientare\b/g,
      /\b(?:abbiate|portate|porta|abbi) (?:ancora )?(?:un po' (?:di )?)?pazienza\b/g,
    ],
    alarming: [/\b(?:disastr[oi]|catastrof[ei]|incubo|caos|casino)\b/g, /\b(?:si e|e) (?:rotto|saltato) tutto\b/g],
  },
  reassuranceBefore: /\bnon (?:serve|c'e bisogno di|e necessario|dovete|occorre|avete bisogno di)\b[^.!?\n]*$/,
  reassuranceAfter: /^ (?:va bene|va benissimo|funziona|e a posto|non e (?:il problema|la causa))\b/,
  thirdParty:
    /\b(?:relator[ei]|relatrice|relatrici|moderator[ei]|moderatrice|ospiti?|tecnic[oi]|conduttore|conduttrice|presentatore|presentatrice|collega)\b/,
  time: [
    new RegExp(
      String.raw`\b(?:tra|fra|entro) (?:circa |i prossimi |meno di )?${NUM} ?(?:secondi|min(?:uti|uto)?|ore|ora|giorni|giorno)\b`,
    ),
    /\b(?:tra|fra|entro) mezz'ora\b/,
    /\bprossim[oa] aggiornament[oi]\b/,
    /\b\d+ ?(?:minut[oi]|min|or[ae])(?= *(?:[.!?)]|$))/,
    /\bogni \d+ ?min/,
    /\b(?:oggi|domani|stasera|stamattina|questo pomeriggio)\b/,
    /\b(?:lunedi|martedi|mercoledi|giovedi|venerdi|sabato|domenica)\b/,
    /\b\d{1,2} (?:gen|feb|mar|apr|mag|giu|lug|ago|set|ott|nov|dic)[a-z]*\b/,
  ],
  resolution:
    /\b(?:risolt[oaie]|sistemat[oaie]|ripristinat[oaie]|tornat[oaie](?! a (?!funzionare))|funzion(?:a|ano) (?:\w+ )?di nuovo|di nuovo in diretta|normalita|si riparte|(?:sessione|webinar|evento|diretta|trasmissione) (?:continua|riprende)(?! (?:tra|fra|alle|entro)))\b/g,
  unresolved:
    /\b(?:non|mai|appena|quando|finche|se|prima che|sara|essere|quasi|in parte|parzialmente)(?: [a-z']+){0,2} $/,
  link: [
    /\btrova(?:te)? (?:la |le )?(?:nostra |nostre )?rispost[ae] qui\b/g,
    /\b(?:vedi|vedete|guarda|guardate|leggi|leggete|segui|seguite|apri|aprite|usa|usate) (?:il |questo |la |le |questa |queste |nostra |nostre )*(?:link|faq|pagina di stato|pagina|articolo)\b/g,
    /\bconsulta(?:te)? (?:le |la |il )?(?:nostre |nostra |nostro )?(?:faq|pagina|sito|articolo)\b/g,
    /\b(?:maggiori )?(?:info|informazioni|dettagli) qui\b/g,
    /\bclicca(?:te)? qui\b/g,
    /\ba questo link\b/g,
  ],
  text: {
    policy: {
      message: '"È la nostra policy" parla a nome dell\'azienda, non alla persona.',
      suggestion: 'Spiega cosa puoi fare subito per loro e perché, con parole semplici.',
    },
    contract: {
      message: '"Non è previsto dal contratto" li lascia soli.',
      suggestion: "Di' cosa farete comunque per loro e quali sono le alternative.",
    },
    'link-only': {
      message: 'Un link da solo non è una risposta.',
      suggestion:
        'Scrivi nel messaggio cosa è successo, cosa stiamo facendo e quando arriva il prossimo aggiornamento; aggiungi il link per i dettagli.',
    },
    'blame-supplier': {
      message: "Dare la colpa al fornitore suona come una scusa: per il pubblico, l'organizzatore siamo noi.",
      suggestion: 'Assumiti la responsabilità: "Ci scusiamo, il problema è nostro e lo stiamo risolvendo."',
    },
    'blame-audience': {
      message: 'Così sembra che il problema sia del partecipante. Non ha fatto nulla di sbagliato.',
      suggestion: 'Rassicurali: "Il problema è nostro: non dovete fare nulla."',
    },
    impulsive: {
      message: 'Suona impaziente o sarcastico: una risposta impulsiva getta benzina sul fuoco.',
      suggestion: 'Ripeti i fatti con calma, come fosse la prima volta: "Ecco a che punto siamo: …"',
    },
    boilerplate: {
      message:
        'Le frasi fatte ("ci scusiamo per il disagio", "vi preghiamo di pazientare", "ASAP") sembrano una lettera prestampata e non promettono nulla.',
      suggestion: 'Dillo con parole tue, in concreto: "Scusate l\'attesa: l\'audio torna tra circa 5 minuti."',
    },
    alarming: {
      message: 'Parole come "disastro" o "incubo" allarmano il pubblico più del problema stesso.',
      suggestion:
        'Descrivi il problema con semplicità: "Abbiamo perso il segnale video principale e passiamo a quello di riserva."',
    },
    shouting: {
      message: 'Maiuscole e punteggiatura ripetuta sembrano urla.',
      suggestion: 'Evita di scrivere in maiuscolo e chiudi con un solo punto: un testo calmo rassicura.',
    },
    vague: {
      message: 'La bozza non dice quando avranno nostre notizie.',
      suggestion: 'Di\' quando arriva il prossimo aggiornamento: "Prossimo aggiornamento tra 5 minuti."',
    },
    silence: {
      message: 'Il silenzio è la risposta peggiore: pubblica subito un messaggio, anche senza una soluzione.',
      suggestion: 'Sappiamo del problema e ci stiamo lavorando. Prossimo aggiornamento tra 5 minuti.',
    },
  },
};
