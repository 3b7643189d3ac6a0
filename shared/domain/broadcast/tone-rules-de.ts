/**
 * German data for the tone check (merged into tone-rules.ts). Patterns are written for the folded draft:
 * lower case, umlauts without dots ("prüfen" → "prufen", "nächstes" → "nachstes"), ß kept as it is.
 */
import type { ToneLanguage } from './tone-language';

/** "your": Sie (Ihr…), du (dein…), ihr (euer…). */
const IHR = '(?:ihre[nmrs]?|ihr|deine[nmrs]?|dein|eure[nmrs]?|euer)';
const DEVICE =
  '(?:lautsprecher|boxen|kopfhorer|headsets?|verbindung|internetverbindung|netzwerkverbindung|internet|wlan|wifi|wi-fi|netzwerk|audio|ton|lautstarke|browser|einstellungen|audioeinstellungen|gerat|mikrofon|rechner|computer|pc|router)';
const CHECK_SIE = '(?:uberprufen|prufen|kontrollieren|checken|testen)';
const CHECK_DU = '(?:uberprufe?|prufe?|kontrolliere?|checke?|teste?|uberpruft|pruft|kontrolliert|checkt|testet)';
const SUPPLIER =
  '(?:anbieter|dienstleister|provider|plattform|partner|zulieferer|lieferant|hoster|streaming-?anbieter|streaming-?plattform)';
const AT = '(?:am|beim|an der|bei der|an unserem|bei unserem|an unserer|bei unserer|an dem|bei dem)';
const NUM = '(?:\\d+|einer|einem|ein paar|wenigen|zwei|drei|funf|zehn|funfzehn|zwanzig|dreißig|dreissig)';
const LINKWORD = '(?:link|faq|faqs|seite|artikel|hilfeseite|statusseite|hilfe-?center|hilfebereich|webseite|website)';

export const DE: ToneLanguage = {
  patterns: {
    policy: [
      /\bunsere[nmr]? (?:internen? )?(?:firmen|unternehmens|hausinterne[nr]? )?(?:richtlinien?|politik|vorschriften|vorgaben)\b/g,
      /\b(?:firmen|unternehmens|konzern)(?:richtlinien?|politik)\b/g,
      /\b(?:laut|gema(?:ss|ß)|nach|entsprechend) (?:unseren |unserer |den |der )?(?:internen? )?(?:richtlinien?|vorschriften|vorgaben)\b/g,
      /\b(?:das|dies|so) (?:ist|sind) (?:nun mal |eben |halt )?(?:unsere|die) (?:regel|regeln|richtlinie|richtlinien|politik|vorschrift|vorschriften)\b/g,
    ],
    contract: [
      /\bnicht (?:in (?:ihrem|deinem|eurem|dem)|im) (?:vertrag|tarif|paket|abo|abonnement|ticket)\b/g,
      /\b(?:in (?:ihrem|deinem|eurem|dem)|im) (?:vertrag|tarif|paket|abo|abonnement|ticket) (?:leider )?nicht (?:enthalten|inbegriffen|vorgesehen|abgedeckt|inklusive)\b/g,
      /\bnicht (?:teil|bestandteil) (?:ihres|deines|eures|des) (?:vertrags|vertrages|tarifs|pakets|abos|abonnements)\b/g,
      new RegExp(
        String.raw`\b(?:ihr|dein|euer) (?:vertrag|tarif|paket|abo|abonnement) (?:deckt|umfasst|beinhaltet|enthalt|sieht) (?:[a-z-]+ ){0,3}?(?:nicht|keine?n?)\b`,
        'g',
      ),
      /\bnicht (?:von (?:ihrem|deinem|eurem)|vom) (?:vertrag|tarif|paket|abo|abonnement) (?:abgedeckt|umfasst)\b/g,
      /\bvertraglich nicht (?:vereinbart|vorgesehen|geregelt|abgedeckt)\b/g,
    ],
    'blame-supplier': [
      /\b(?:ist |war )?nicht unsere schuld\b/g,
      /\bnicht unser fehler\b/g,
      new RegExp(
        String.raw`\b(?:der |die |das |unser |unsere )?${SUPPLIER} (?:ist|sind|war|tragt|hat) (?:die )?schuld\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b(?:die )?schuld (?:ist|sind|hat|tragt|liegt bei) (?:der|die|das|dem|unser|unsere|unserem) ${SUPPLIER}\b`,
        'g',
      ),
      /\b(?:liegt|lag) nicht (?:an|bei) uns\b/g,
      new RegExp(String.raw`\b(?:liegt|lag) (?:leider |wohl )?${AT} ${SUPPLIER}\b`, 'g'),
      /\bdafur konnen wir nichts\b/g,
      new RegExp(String.raw`\b(?:von|durch) (?:der|die|dem|den|unserem|unserer|unseren) ${SUPPLIER} verursacht\b`, 'g'),
      new RegExp(
        String.raw`\bschuld (?:liegt|lag) (?:beim|bei der|bei dem|bei unserem|bei unserer) ${SUPPLIER}\b`,
        'g',
      ),
      new RegExp(
        String.raw`\bschuld an (?:[a-z]+ ){1,3}(?:ist|sind|hat|tragt|war) (?:der|die|das|unser|unsere) ${SUPPLIER}\b`,
        'g',
      ),
    ],
    'blame-audience': [
      new RegExp(
        String.raw`\b${CHECK_SIE} sie (?:bitte |doch |zuerst |erst |mal |einmal )*(?:${IHR}|die|den|das) (?:eigene[nmrs]? )?${DEVICE}\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b${CHECK_DU} (?:bitte |doch |zuerst |erst |mal |einmal )*(?:deine[nmrs]?|dein|eure[nmrs]?|euer) (?:eigene[nmrs]? )?${DEVICE}\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b${IHR} (?:eigene[nmrs]? )?${DEVICE} (?:zu )?(?:uberprufen|prufen|kontrollieren|checken|testen|neu (?:zu )?starten)\b`,
        'g',
      ),
      new RegExp(
        String.raw`\bstarte[nt]? (?:sie )?(?:bitte |doch |mal |einmal )*(?:${IHR}|den|das) (?:pc|computer|rechner|browser|gerat|laptop|router) neu\b`,
        'g',
      ),
      /\b(?:problem|fehler|ursache|storung)(?: (?:liegt|ist|sitzt)(?: [a-z]+)?)? (?:bei ihnen|bei dir|bei euch|auf ihrer seite|auf deiner seite|auf eurer seite)\b/g,
      new RegExp(
        String.raw`\b(?:aktualisieren|aktualisiere|erneuern) (?:sie )?(?:bitte |doch |mal )*(?:${IHR}) (?:browser|app|player|rechner|computer)\b`,
        'g',
      ),
      /\b(?:das|es) ist (?:ihr|dein|euer) problem\b/g,
      new RegExp(
        String.raw`\b(?:liegt|lag)(?: [a-z]+){0,3}? an (?:ihrem|ihrer|ihren|deinem|deiner|eurem|eurer) (?:eigenen )?${DEVICE}\b`,
        'g',
      ),
      /\bladen sie (?:bitte |doch |einfach |mal )*(?:ihren|den|die|das) (?:browser|seite|app|stream) neu\b/g,
      /\b(?:ihre[rn]?|deine[rn]?|eure[rn]?) (?:eigene[rn]? )?(?:internet|netzwerk|wlan-?)?verbindung\b/g,
    ],
    impulsive: [
      /\bwie (?:(?:wir|ich) )?(?:(?:ihnen|euch|dir) )?(?:ja )?(?:bereits|schon) (?:mehrfach |mehrmals |oft |zweimal |dreimal |x-mal |zigmal )?(?:gesagt|erwahnt|erklart|geschrieben|mitgeteilt)\b/g,
      /\b(?:bereits|schon) (?:mehrfach|mehrmals|oft|x-mal|zigmal|hundertmal) (?:gesagt|erwahnt|erklart|geschrieben|mitgeteilt)\b/g,
      /\bwie (?:sie|ihr|du) (?:ja )?(?:offensichtlich|naturlich|sicher|deutlich) (?:sehen|seht|siehst|wissen|wisst|weißt|weisst)\b/g,
      /\b(?:beruhigen sie sich|beruhigt euch|beruhige? dich)\b/g,
      /\bbleiben sie (?:bitte )?ruhig\b/g,
      /\bzum (?:x-ten|x-tausendsten|hundertsten|tausendsten|wiederholten) mal\b/g,
    ],
    boilerplate: [
      /\bunannehmlichkeiten\b/g,
      /\b(?:haben sie|habt|hab) (?:bitte )?(?:noch )?(?:etwas |ein wenig |ein bisschen )?geduld\b/g,
      /\bgedulden sie sich\b/g,
      /\bbitten (?:sie )?um (?:noch )?(?:etwas |ihre |ein wenig )?geduld\b/g,
    ],
    alarming: [
      /\b(?:desaster|katastrophe|albtraum|alptraum|chaos|fiasko|debakel)\b/g,
      /\balles (?:ist )?(?:kaputt|im eimer)\b/g,
    ],
  },
  reassuranceBefore:
    /\b(?:(?:mussen|musst|brauchen|brauchst|braucht) (?:sie |du |ihr )?(?:nicht|nichts|kein|keine|weder)|(?:nicht|un)(?: )?(?:notig|notwendig|erforderlich)|keine?n? (?:grund|bedarf|notwendigkeit)|ohne dass sie)\b[^.!?\n]*$/,
  reassuranceAfter:
    /^ (?:[a-z]+ )?nicht (?:zu )?(?:uberprufen|prufen|kontrollieren|checken|testen|neu (?:zu )?starten)\b|^ (?:ist|sind) (?:[a-z]+ )?nicht (?:das problem|schuld|die ursache|betroffen)\b|^ (?:ist|sind) in ordnung\b/,
  time: [
    new RegExp(
      String.raw`\b(?:in|innerhalb(?: von| der)?|binnen|spatestens in) (?:etwa |ca\.? |circa |den nachsten |nachsten |weniger als |ungefahr |rund )?${NUM} ?(?:sekunden|sek|min(?:uten?)?|stunden?|std|h|tagen?)\b`,
    ),
    /\b(?:in|innerhalb) (?:einer )?halben stunde\b/,
    /\bnachste[snmr]? (?:update|aktualisierung|info|information|meldung|statusmeldung|ruckmeldung|nachricht)\b/,
    /\balle \d+ ?min/,
    /\b\d+ ?(?:minuten?|min|stunden?)(?= *(?:[.!?)]|$))/,
    /\b\d{1,2}(?:[:.]\d{2})? ?uhr\b/,
    /\b(?:heute|morgen|ubermorgen|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b/,
    /\b\d{1,2}\.? (?:januar|jan|februar|feb|marz|april|apr|mai|juni|jun|juli|jul|august|aug|september|sept?|oktober|okt|november|nov|dezember|dez)\b/,
  ],
  resolution:
    /\b(?:behoben|gelost|repariert|wiederhergestellt|funktionier(?:t|en) (?:jetzt )?(?:alles )?wieder|lauf(?:t|en) (?:er |es |sie |alles )?wieder|wieder (?:da|online|verfugbar|live)|(?:ist|sind) (?:jetzt )?zuruck(?! in)|(?:es|webinar|session|vortrag|stream|livestream|veranstaltung) geht (?:jetzt )?weiter)\b/g,
  unresolved: /\b(?:nicht|nichts|kein|keine|nie|sobald|wenn|bis|falls|bevor|fast|teilweise|halb)(?: [a-zß']+){0,2} $/,
  thirdParty:
    /\b(?:referent(?:in|innen|en)?|sprecher(?:in|innen)?|moderator(?:in|innen|en)?|gast|gaste|podiumsgaste|techniker(?:in)?|kolleg(?:e|in)|er)\b/,
  // "Ihre" (your) is capitalised; a lower-case "ihre" inside a sentence is her or their.
  notAboutReader: (draft, start, end) => {
    const m = /\b(ihr(?:e[nmrs]?)?)\b/i.exec(draft.slice(start, end));
    if (!m) return false;
    const at = start + m.index;
    return m[1][0] === 'i' && !/(?:^|[.!?:]\s*|\n\s*)$/.test(draft.slice(0, at));
  },
  link: [
    new RegExp(String.raw`\bsiehe (?:(?:den|die|das|diesen|diese|unsere[nm]?|folgenden|folgende) )*${LINKWORD}\b`, 'g'),
    new RegExp(
      String.raw`\b(?:lesen|besuchen|offnen|nutzen|folgen|beachten|konsultieren) sie (?:bitte )?(?:(?:den|die|das|diesen|diese|unsere[nm]?|dem|diesem) )*${LINKWORD}\b`,
      'g',
    ),
    new RegExp(
      String.raw`\bschauen sie (?:bitte )?(?:in|auf) (?:(?:den|die|das|diesen|diese|unsere[nm]?) )*${LINKWORD}\b`,
      'g',
    ),
    /\b(?:klicken sie hier|hier klicken)\b/g,
    /\b(?:mehr |weitere )?(?:infos|informationen|details) (?:gibt es |finden sie )?hier\b/g,
    /\b(?:unter|uber) (?:diesem|folgendem|dem) link\b/g,
    /\b(?:die )?antworte?n? finden sie hier\b/g,
  ],
  text: {
    policy: {
      message: '„Das sind unsere Richtlinien“ spricht für das Unternehmen, nicht mit dem Menschen.',
      suggestion: 'Erkläre in einfachen Worten, was du jetzt für die Person tun kannst und warum.',
    },
    contract: {
      message: '„Nicht in Ihrem Vertrag enthalten“ lässt die Leute allein.',
      suggestion: 'Sag, was wir trotzdem für sie tun und welche Alternativen es gibt.',
    },
    'link-only': {
      message: 'Ein Link allein ist keine Antwort.',
      suggestion:
        'Schreib in die Nachricht selbst, was passiert ist, was wir tun und wann das nächste Update kommt; der Link liefert die Details.',
    },
    'blame-supplier': {
      message:
        'Die Schuld auf den Anbieter zu schieben klingt nach Ausrede: Für das Publikum sind wir die Veranstalter.',
      suggestion: 'Übernimm die Verantwortung: „Entschuldigung, der Fehler liegt bei uns und wir beheben ihn gerade.“',
    },
    'blame-audience': {
      message: 'So klingt es, als läge das Problem bei den Teilnehmenden. Sie haben nichts falsch gemacht.',
      suggestion: 'Gib Entwarnung: „Der Fehler liegt bei uns, Sie müssen nichts tun.“',
    },
    impulsive: {
      message: 'Das klingt ungeduldig oder sarkastisch: Eine impulsive Antwort gießt Öl ins Feuer.',
      suggestion: 'Wiederhole die Fakten ruhig, als wäre es das erste Mal: „Hier ist der aktuelle Stand: …“',
    },
    boilerplate: {
      message:
        'Floskeln („Wir entschuldigen uns für etwaige Unannehmlichkeiten“, „Bitte haben Sie Geduld“, „ASAP“) klingen nach Formbrief und versprechen nichts.',
      suggestion:
        'Sag es mit eigenen Worten und konkret: „Entschuldigen Sie die Wartezeit: Der Ton ist in etwa 5 Minuten zurück.“',
    },
    alarming: {
      message: 'Wörter wie „Desaster“ oder „Albtraum“ beunruhigen das Publikum mehr als das Problem selbst.',
      suggestion:
        'Beschreibe das Problem sachlich: „Wir haben das Hauptvideosignal verloren und schalten auf das Ersatzsignal um.“',
    },
    shouting: {
      message: 'Großbuchstaben und wiederholte Satzzeichen wirken wie Schreien.',
      suggestion: 'Schreib nicht in Großbuchstaben und setz nur einen Punkt: Ein ruhiger Text beruhigt.',
    },
    vague: {
      message: 'Der Entwurf sagt nicht, wann die Leute wieder von uns hören.',
      suggestion: 'Sag, wann das nächste Update kommt: „Nächstes Update in 5 Minuten.“',
    },
    silence: {
      message: 'Schweigen ist die schlechteste Antwort: Veröffentliche jetzt eine erste Meldung, auch ohne Lösung.',
      suggestion: 'Wir wissen von dem Problem und arbeiten daran. Nächstes Update in 5 Minuten.',
    },
  },
};
