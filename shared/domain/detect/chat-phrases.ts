/**
 * Complaint phrase tables, per language and per kind of problem. Compiled once by chat-classify.ts.
 *
 * Mini-language (every word goes through normalizeText, so write words naturally, accents and all):
 *  - slots are separated by spaces; between two slots up to 2 other words may stand
 *    ("non si sente" matches `non sent*`; "the audio is not working" matches `audio not working`);
 *  - `a|b|c` alternatives in a slot; `_` joins words that must be adjacent (`non_va`);
 *  - a trailing `*` is a stem (`bloccat*` = bloccato, bloccata, bloccati…);
 *  - a leading `!` marks a phrase that a negation cancels: "not frozen", "ist nicht weg",
 *    "non è bloccato", "ça marche pas" (negation up to 2 words before, or nicht/pas right after);
 *  - a leading `=` forbids the gaps (French `=pas de son`, because "pas son problème" is not audio).
 * `ok` lines are vetoes: a message that says the problem is gone, or that nothing is wrong,
 * is not a complaint even if it also names the problem ("no sound before, works now").
 */
import type { Language } from '../vocabulary';

export type ComplaintCategory = 'audio' | 'video' | 'stream' | 'link';
export const COMPLAINT_CATEGORIES: readonly ComplaintCategory[] = ['audio', 'video', 'stream', 'link'];

export type PhraseTable = Record<ComplaintCategory | 'ok', readonly string[]>;

/**
 * Words that negate what follows. They may not stand in a gap either, so "ora non si sente" is not
 * the veto "ora … sente". Normalised at compile time.
 */
export const NEGATIONS = [
  'no',
  'not',
  't',
  'cant',
  'cannot',
  'dont',
  'doesnt',
  'isnt',
  'never',
  'nothing',
  'non',
  'n',
  'nn',
  'nessun',
  'nessuna',
  'mai',
  'sin',
  'nunca',
  'nada',
  'nicht',
  'nich',
  'net',
  'kein',
  'keine',
  'keinen',
  'nie',
  'ne',
  'pas',
  'jamais',
  'aucun',
];
/** Negations that follow the verb (German "hängt nicht", French "ça marche pas"). */
export const TRAILING_NEGATIONS = ['nicht', 'nich', 'net', 'nichts', 'nix', 'pas', 'plus', 'rien'];
/** Negations that may stand inside a gap: French "ne … pas" wraps the verb ("le son ne marche pas"). */
export const GAP_SAFE_NEGATIONS = ['ne', 'n'];

const AUDIO_EN = 'audio|sound|voice|volume|mic|microphone';
const VIDEO_EN = 'video|screen|image|picture|slides|stream|camera|cam';
const AUDIO_IT = 'audio|suono|voce|volume|microfono';
const VIDEO_IT = 'video|immagine|immagini|schermo|schermata|slide|telecamera';
const LIVE_IT = 'diretta|live|streaming|stream|trasmissione|connessione|webinar|collegamento';
const AUDIO_ES = 'audio|sonido|voz|volumen|microfono';
const VIDEO_ES = 'video|imagen|pantalla|camara|diapositivas';
const LIVE_ES = 'transmision|directo|stream|streaming|conexion|emision|senal|webinar|vivo';
const AUDIO_DE = 'ton|audio|sound|stimme|mikro|mikrofon';
const VIDEO_DE = 'bild|video|bildschirm|kamera|folien';
const LIVE_DE = 'stream|livestream|ubertragung|verbindung|sendung|webinar';
const AUDIO_FR = 'son|audio|voix|micro';
const VIDEO_FR = 'image|video|ecran|camera|diapo|diapos';
const LIVE_FR = 'live|direct|stream|webinaire|webinar|diffusion|flux|connexion';

export const PHRASES: Record<Language, PhraseTable> = {
  en: {
    audio: [
      `no|zero|lost|losing ${AUDIO_EN}`,
      'cant|cannot|couldnt|not|barely hear|hearing',
      '=can|could|couldn|don t hear|hearing',
      'hear nothing',
      `!${AUDIO_EN} gone|dead|missing|broken|breaking|cut|lost|muted|down|silent|dropped|stopped|cutting|crackling|distorted|choppy|robotic|garbled|echo|off|stuttering`,
      `${AUDIO_EN} not|t work*|there`,
      `${AUDIO_EN} issue*|problem*|glitch*`,
      '!muted',
      'on_mute',
      'unmute',
      'xmute',
      'only|just|total|dead silence',
      'robot|robotic voice',
      'sounds|sound like robot|dalek',
      'cant|cannot|t understand',
    ],
    video: [
      `!${VIDEO_EN} frozen|froze|freezing|stuck|lagging|laggy|paused|pixelated|blurry|choppy|stuttering|buffering|not_moving`,
      '!frozen|froze|freezing',
      'keeps buffering',
      `no ${VIDEO_EN}`,
      'cant|cannot|t see anything|nothing|screen|video|slides|image|picture',
      `${VIDEO_EN} not|t work*|load*|show*`,
    ],
    stream: [
      `!stream|streaming|broadcast|webinar|live|connection|feed down|dead|gone|crashed|dropped|died|offline|stopped|broken|cut|lost`,
      'lost|no stream|connection|signal|feed|broadcast',
      'xnosignal',
      'black|blank screen',
      'went|gone|goes|screen black|blank|dark',
      '=is it over ?',
      '!disconnected',
      'kicked out',
      'went offline|down|dark',
      'stream|broadcast|webinar not|t work*|load*',
    ],
    link: [
      'link|url not|t work*|open*|load*',
      '!link|url broken|dead|expired|invalid|wrong|down',
      'broken|dead|expired|invalid|wrong link|url',
      'cant|cannot|t access|enter|login|log_in|get_in',
      'cant|cannot|t join webinar|meeting|session|call|room|stream',
      'page not|t load*',
      'error 404|403|500',
    ],
    ok: [
      '!works|working|fine|ok|good|better|back now',
      '!now it|its works|working|ok|fine|good|back',
      '!is|s|its back',
      '!fixed',
      '!all good',
      'no|zero problem*|issue*',
      '!hear* fine|well|clearly|perfectly|now|again',
      '!see* fine|well|clearly|now|again',
    ],
  },
  it: {
    audio: [
      'non|n sent*|sento|sentiamo|senti|sentite',
      'sent*|sento niente|nulla|poco|male',
      `niente|senza|manca|zero|no|non|n ${AUDIO_IT}`,
      `!sparit*|saltat*|andat*|pers*|spent* ${AUDIO_IT}`,
      `!${AUDIO_IT} assente|muto|sparit*|andat*|saltat*|pers*|interrott*|scomparso|gracchi*|distort*|disturbat*|metallic*|robotic*|rimbomb*|eco|fruscia*|salta|taglia*|scatti|spento|spenta`,
      'sent* distort*|malissimo|gracchi*|robotic*|metallic*|a_scatti',
      'non|n capisce|capisco niente|nulla',
      `${AUDIO_IT} non|n va|funziona|parte|arriva|c`,
      `problem* ${AUDIO_IT}`,
      '!muto|muta|muti|mutato|mutata',
      'xmute',
    ],
    video: [
      `!${VIDEO_IT} bloccat*|ferm*|congelat*|freezat*|scatt*|sgranat*|lag*|impallat*|piantat*|sfocat*|pixel*|va_a_scatti`,
      '!bloccat*|freezat*|congelat*|impallat*|piantat*',
      '!e fermo|ferma|fermi',
      'non|n vede|vedo|vediamo|vedete',
      `niente|senza|manca|no ${VIDEO_IT}`,
      `${VIDEO_IT} non|n va|funziona|parte|carica|c`,
    ],
    stream: [
      `!cadut*|interrott*|saltat*|pers*|mort*|crollat*|fermat*|chius* ${LIVE_IT}`,
      `!${LIVE_IT} cadut*|interrott*|saltat*|mort*|crollat*|fermat*|chius*|giu|offline|persa|down`,
      `${LIVE_IT} non|n va|funziona|parte|carica`,
      '!disconness*|sconness*',
      'non|n carica|carica_piu',
      'schermo|schermata nero|nera|bianco|bianca|vuoto|vuota',
    ],
    link: [
      'link|collegamento non|n funziona|va|apre|valido|funzia',
      '!link|collegamento rotto|scadut*|sbagliat*|errat*|invalid*',
      'non|n riesco|posso entrare|accedere|collegarmi|connettermi|entrarci',
    ],
    ok: [
      '!ora|adesso|finalmente sent*|sento|funziona|va|vedo|ok|tornat*|torna',
      '!sent*|sento|vede|vedo bene|benissimo|perfett*|chiar*|ora|adesso',
      '!tornat*|risolto|risolta|sistemato',
      'tutto ok|bene|apposto|a_posto',
      'nessun problem*',
      'vedo|vede|vediamo l ora',
      '!funziona bene|ora|adesso|di_nuovo',
    ],
  },
  es: {
    audio: [
      'no escuch*|oye|oyen|oigo|oimos|oir',
      'escuch*|oye|oigo|oyen nada|mal|poco',
      `sin|cero|falta|no ${AUDIO_ES}`,
      `!${AUDIO_ES} cortad*|corto|corta|perdid*|muert*|mud*|fall*|distorsion*|entrecortad*|se_fue|no_sale|robotic*|eco|metalic*`,
      'escuch*|oye|suena robotic*|metalic*|entrecortad*|distorsion*|cortad*',
      `${AUDIO_ES} no funciona|va|sirve|anda|sale`,
      'se fue|corto|cayo|perdio el|la audio|sonido|voz',
      'en|esta|estas mute|mudo|silencio',
      `problem* ${AUDIO_ES}`,
      'xmute',
    ],
    video: [
      `!${VIDEO_ES} congel*|trab*|peg*|pixel*|borros*|deten*|parad*|colg*|cortad*|lent*`,
      '!se congelo|congelad*|trabo|trabad*|colgo|colgad*',
      'no ve|veo|vemos',
      `sin|no ${VIDEO_ES}`,
      'pantalla fija',
      `${VIDEO_ES} no funciona|va|carga|sale`,
    ],
    stream: [
      `!se cayo|corto|perdio|murio|fue ${LIVE_ES}`,
      'pantalla negra|en_negro|blanca',
      `!${LIVE_ES} caid*|cayo|cortad*|corto|perdid*|muert*|murio|down|offline`,
      `sin|no ${LIVE_ES}`,
      '!desconect*',
      `${LIVE_ES} no funciona|va|carga`,
    ],
    link: [
      'enlace|link|liga no funciona|sirve|abre|carga|va',
      '!enlace|link|liga roto|caido|caducado|expirado|invalido|malo',
      'no puedo|logro entrar|acceder|conectar*|unirme',
    ],
    ok: [
      '!ya oye|oigo|escucha|escucho|funciona|ve|veo|volvio|esta|anda',
      '!oye|escucha|ve|veo|oigo bien|perfecto|claro',
      '!volvio',
      'sin problem*',
      'todo bien|ok',
      'veo la hora',
      '!funciona bien|ya',
    ],
  },
  de: {
    audio: [
      `kein|keinen|ohne ${AUDIO_DE}`,
      `!${AUDIO_DE} weg|fehlt|ausgefall*|gestort|kaputt|abgehackt|verzerrt|rauscht|knackt|stumm|futsch|tot|hallt|scheppert|stottert|aus`,
      `${AUDIO_DE} geht|funktioniert|klappt|lauft nicht|nich|net`,
      'hor|hore|horen|hort|horte nichts|nix|nicht|kaum|nischt|nuscht',
      'nichts|nix zu hor|horen',
      '!stumm|stummgeschaltet|gemutet|gemuted',
      'hort|hore jemand|einer|ihr was|etwas',
      'klingt|klang roboter*|robot*|blechern|komisch|verzerrt',
      'tonproblem*|audioproblem*|tonausfall|tonstorung|tonfehler',
      'xmute',
    ],
    video: [
      `!${VIDEO_DE} hangt|steht|friert|eingefroren|gefroren|ruckelt|fehlt|stockt|laggt|pixelig|verpixelt|hakt|bleibt_stehen|buffert`,
      '!eingefroren|ruckelt|hangt|stockt|laggt|buffert',
      '!stream|livestream hangt|ruckelt|stockt|laggt|buffert|eingefroren',
      `kein|keinen|ohne ${VIDEO_DE}`,
      'sehe|seh|sieht|sehen nichts|nix',
      'bildproblem*|bildausfall|standbild',
    ],
    stream: [
      `!${LIVE_DE} weg|abgebrochen|unterbrochen|down|tot|offline|abgesturzt|aus|getrennt|verloren|futsch`,
      `kein|keine|keinen ${LIVE_DE}|signal`,
      'schwarzer|schwarz|weisser bildschirm|bild',
      `!bildschirm|bild schwarz|weiss|weg`,
      '!abgebroch*|abgesturz*|rausgeflogen',
      `${LIVE_DE} geht|funktioniert|lauft nicht|nich|net`,
    ],
    link: [
      'link|einladung geht|funktioniert|klappt nicht|nich|net',
      '!link|einladung kaputt|ungultig|abgelaufen|falsch|tot',
      'komme|komm|kann nicht|nich|net rein|beitreten|einloggen|rein',
    ],
    ok: [
      '!geht|funktioniert|klappt|lauft wieder|jetzt',
      '!wieder da|ok|gut',
      '!jetzt geht|klappt|funktioniert|hore|sehe|ok|gut|lauft',
      'alles gut|ok|klar|bestens',
      'kein problem*',
    ],
  },
  fr: {
    audio: [
      'n|ne entend*',
      'entend* rien|pas|plus|nada|mal',
      `=pas|plus de|d|du ${AUDIO_FR}`,
      `=aucun|sans ${AUDIO_FR}`,
      `!${AUDIO_FR} coupe|coupee|disparu|muet|gresille|sature|hache|robotique|grince|bug*|craque`,
      `${AUDIO_FR} marche|fonctionne|passe pas`,
      `probleme|souci* de|d ${AUDIO_FR}`,
      '!muet|muette|sourdine',
      'xmute',
      'comprend* rien',
      '=ca|c coupe',
    ],
    video: [
      `!${VIDEO_FR} fige*|gele*|bloque*|freeze|freez*|saccad*|pixelis*|floue|flou|fixe|rame|lag*|bug*`,
      '!fige|figee|gele|freeze|freeze|saccade|bloque',
      `=pas|plus d|de ${VIDEO_FR}`,
      `=aucun|aucune|sans ${VIDEO_FR}`,
      'vois|voit|voyons|voyez rien',
      'vois|voit|voyons|voyez pas|plus image|video|ecran|diapo*',
      'ecran fige',
    ],
    stream: [
      `!${LIVE_FR} plante|coupe|tombe|crash*|arrete|interrompu|down|mort|perdu|deconnecte|coupee`,
      `=plus|pas de|d ${LIVE_FR}|signal`,
      '!deconnect*',
      `${LIVE_FR} marche|fonctionne pas`,
      'ecran noir|blanc',
      '!image|ecran|video noir|noire',
      '=plus rien',
    ],
    link: [
      'lien|link marche|fonctionne|ouvre pas',
      '!lien casse|mort|expire|invalide|errone|brise|faux',
      'peux|arrive|arrivons pas|plus entrer|acceder|rejoindre|connecter',
    ],
    ok: [
      '!ca|c marche|remarche|fonctionne|revient|va',
      '!c est|c revenu|reparti|bon|ok',
      '!entend* bien|maintenant|enfin|de_nouveau',
      'tout va bien',
      '=pas de probleme|souci',
      '!revenu|reparti|re_parti',
    ],
  },
};

/**
 * Nouns that name a kind of problem. A message made only of such nouns ("AUDIO??", "AUDIOOO",
 * "video?", "son ?") is a complaint; "link?" is not (people ask for the link all the time).
 */
export const LONE_QUESTION_NOUNS: Readonly<Partial<Record<ComplaintCategory, readonly string[]>>> = {
  audio: ['audio', 'sound', 'volume', 'suono', 'voce', 'sonido', 'ton', 'son', 'voix', 'xmute', 'mic'],
  video: ['video', 'image', 'immagine', 'bild', 'picture', 'screen', 'schermo', 'pantalla', 'ecran', 'imagen'],
  stream: ['stream', 'diretta', 'directo', 'streaming'],
};

/** Words that may stand beside the noun in a lone question ("hello? the audio?", "e l'audio??"). */
export const LONE_QUESTION_FILLERS = [
  'the',
  'my',
  'and',
  'hello',
  'hi',
  'hey',
  'guys',
  'still',
  'ciao',
  'e',
  'l',
  'il',
  'lo',
  'la',
  'ragazzi',
  'hola',
  'el',
  'y',
  'hallo',
  'und',
  'der',
  'die',
  'das',
  'bonjour',
  'salut',
  'et',
  'le',
  'pronto',
];
