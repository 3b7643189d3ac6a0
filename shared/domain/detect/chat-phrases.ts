/**
 * Complaint phrase tables, per language and per kind of problem. Compiled once by chat-classify.ts.
 *
 * Mini-language (every word goes through normalizeText, so write words naturally, accents and all):
 *  - slots are separated by spaces; between two slots up to 3 other words may stand, not counting
 *    GAP_FREE_WORDS ("the link from the invite is broken" matches `link broken`; "il microfono del relatore
 *    non va" matches `microfono non va`);
 *  - `a|b|c` alternatives in a slot; `_` joins words that must be adjacent (`non_va`);
 *  - a trailing `*` is a stem (`bloccat*` = bloccato, bloccata, bloccati…);
 *  - a leading `!` marks a phrase that a negation cancels: "not frozen", "ist nicht weg",
 *    "non è bloccato", "ça marche pas" (negation up to 2 words before, or nicht/pas right after);
 *  - a leading `=` forbids the gaps (French `=pas de son`, because "pas son problème" is not audio),
 *    a leading `~` allows only 2 words in them (`~no audio`: "no, I think the audio…" is not);
 *  - a leading `-` marks an exclusion: a line it matches is not of that class ("la page de connexion ne
 *    charge pas" is about the login page, not the stream);
 *  - a first slot `^` / last slot `$`: the phrase must open / close its clause (`^ non carica`: not
 *    "il video non carica", which is video; `broken link $`: not "broken link checker tools").
 * `ok` lines are vetoes: a message that says the problem is gone, that nothing is wrong, or that is
 * about the writer's own microphone ("sorry, I was muted"), is not a complaint even if it names the
 * problem ("no sound before, works now").
 */
import type { Language } from '../vocabulary';

export type ComplaintCategory = 'audio' | 'video' | 'stream' | 'link';
export const COMPLAINT_CATEGORIES: readonly ComplaintCategory[] = ['audio', 'video', 'stream', 'link'];

export type PhraseTable = Record<ComplaintCategory | 'ok', readonly string[]>;

/**
 * Words that negate what follows. They may not stand in a gap either, so "ora non si sente" is not
 * the veto "ora … sente". Normalised at compile time ("can't", "cant" → "can t": the `t` covers both).
 */
export const NEGATIONS = [
  'no',
  'not',
  't',
  'cannot',
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
/**
 * Words free in a gap, because they carry no meaning of their own: auxiliaries and copulas, articles and
 * the prepositions of a possessive ("the audio *of the* second speaker *is* gone", "le micro *de l'*intervenant
 * *ne* marche pas"), and the French "ne".
 */
export const GAP_FREE_WORDS = [
  ...['is', 's', 'was', 'were', 'are', 'am', 'be', 'has', 'have', 'had', 'been'],
  ...['e', 'ha', 'ho', 'hai', 'abbiamo', 'avete', 'hanno', 'sei', 'siamo', 'siete', 'era'],
  ...['es', 'esta', 'estan', 'han', 'hemos'],
  ...['ist', 'sind', 'hat', 'habe', 'haben', 'habt', 'war', 'wurde', 'wurden'],
  ...['est', 'a', 'ai', 'as', 'avons', 'avez', 'ont', 'sont', 'ete', 'ne', 'n'],
  ...['the', 'of', 'il', 'lo', 'la', 'l', 'del', 'della', 'el', 'de', 'der', 'die', 'das', 'des', 'dem', 'den'],
  ...['vom', 'le', 'les', 'du'],
];
/** Words that open a new clause: a gap never spans them ("on voit mais on entend rien" is about audio). */
export const CLAUSE_WORDS = ['but', 'mais', 'ma', 'pero'];

const AUDIO_EN = 'audio|sound|voice|volume|mic|microphone';
const VIDEO_EN = 'video|vid|screen|image|picture|slides|slide|stream|camera|cam|screenshare|screen_share|feed';
const PICTURE_EN = 'video|vid|picture|image|screen|slides|slide|screenshare|screen_share|camera';
const FAULT_VIDEO_EN =
  'frozen|froze|freezing|freezes|freeze|stuck|lagging|laggy|lags|lag|paused|pixelated|pixelating|pixely|pixelly|blurry|blurred|fuzzy|choppy|stuttering|stutters|stutter|buffering|buffers|not_moving|jerky|glitching|glitchy|glitches|hanging|hangs|stalling|stalls|stalled|grainy|skipping|skips|jumpy|jittery';
const LIVE_EN = 'stream|streaming|broadcast|webinar|live|livestream|connection|feed';
const INTERMITTENT = 'comes_and_goes|in_and_out|on_and_off|va_e_viene|va_y_viene|kommt_und_geht|va_et_vient';
/** Sound out of step with the picture, or turned all the way down: faults whatever the language's verb. */
const OFF_SYNC_EN =
  'out_of_sync|not_in_sync|off_sync|desynced|desync|delayed|behind|lagging|lags|laggy|zero|at_zero|at_0';
const OFF_SYNC_IT =
  'fuori_sincrono|fuori_sync|non_sincronizzato|desincronizzato|sfasato|sfasata|in_ritardo|a_zero|zero';
const OFF_SYNC_ES = 'desfasad*|desincronizad*|atrasad*|retrasad*|con_retraso|en_cero|a_cero|cero|se_perdio|se_pierde';
const OFF_SYNC_DE = 'asynchron|nicht_synchron|versetzt|zeitversetzt|verzogert|hinkt|auf_null|null';
const OFF_SYNC_FR = 'decale|decalee|desynchronise*|desynchro|pas_synchro|en_retard|a_zero|zero|au_minimum';
/** Noises that, named in the sound, are a fault. */
const NOISE_EN = 'echo|hum|humming|buzz|buzzing|hiss|hissing|static|feedback|noise|crackling|whistling|beeping';
const AUDIO_IT = 'audio|suono|voce|volume|microfono|micro';
const VIDEO_IT = 'video|immagine|immagini|schermo|schermata|slide|telecamera|webcam|condivisione';
const LIVE_IT = 'diretta|live|streaming|stream|trasmissione|connessione|webinar|collegamento';
const AUDIO_ES = 'audio|sonido|voz|volumen|microfono|micro';
const VIDEO_ES = 'video|imagen|pantalla|camara|diapositivas|diapositiva|diapos|diapo|presentacion';
const LIVE_ES = 'transmision|directo|stream|streaming|conexion|emision|senal|webinar|vivo';
const AUDIO_DE = 'ton|audio|sound|stimme|mikro|mikrofon|lautstarke';
const VIDEO_DE = 'bild|video|bildschirm|kamera|folien|folie|bildschirmfreigabe|prasentation|bildqualitat';
const LIVE_DE = 'stream|livestream|ubertragung|verbindung|sendung|webinar';
const AUDIO_FR = 'son|audio|voix|micro|volume';
const VIDEO_FR = 'image|video|ecran|camera|diapo|diapos|slides|partage|presentation';
const LIVE_FR = 'live|direct|stream|webinaire|webinar|diffusion|flux|connexion';

export const PHRASES: Record<Language, PhraseTable> = {
  en: {
    audio: [
      `~no|zero|lost|losing ${AUDIO_EN}`,
      `~not|t getting|get|receiving ${AUDIO_EN}`,
      '=can|could|couldn t hear|hearing',
      '~cannot|barely|hardly hear|hearing',
      '=not hearing',
      '=don|didn t hear|hearing $',
      '=don|didn t hear|hearing anything|you|u|a_thing|any|sound|audio|the_speaker|him|her|them|nothing',
      'hear|hearing nothing|nothin',
      '~can t|cannot|barely|hardly make_out',
      '-mute|unmute|muted button|icon|option|setting*',
      '-mute|muted|silence* notification*|phone|alerts|email*',
      `-no ${AUDIO_EN} question*`,
      `!${AUDIO_EN} gone|dead|died|dying|missing|broken|breaking|cut|cuts|lost|muted|down|silent|dropped|dropping|stopped|cutting|crackling|crackly|distorted|choppy|robotic|garbled|echo|echoing|echoey|stuttering|glitching|glitchy|scratchy|muffled|buzzing|low|quiet|disappeared|vanished|went_away|skipping|patchy|bad|terrible|awful|horrible|faint|weak|messed_up|garbage|trash|rubbish|unusable|tinny|hollow|${OFF_SYNC_EN}|${INTERMITTENT}`,
      `!${AUDIO_EN} off`,
      `${AUDIO_EN} not|t work*|there|come_back|coming_through|audible|picking_up|pick_up|working`,
      `!${AUDIO_EN} issue*|problem*|glitch*|trouble`,
      `!problem*|issue*|trouble ${AUDIO_EN}`,
      '!muted',
      'on_mute',
      'unmute',
      'xmute',
      '~only|just|total|complete silence|static',
      'robot|robotic voice',
      'sounds|sound like robot|dalek|underwater',
      '~sounds|sounding tinny|hollow|distant|far_away|muffled|distorted|garbled|robotic|crackly|underwater',
      '=can t|cannot understand anything|a_word|a_thing',
      `~there_s|theres|there_is|massive|huge|terrible|bad|big|loud|so_much|too_much|lots_of|lot_of ${NOISE_EN}`,
      `${NOISE_EN} on|in ${AUDIO_EN}`,
      `is ${AUDIO_EN} on_?`,
    ],
    video: [
      `!${VIDEO_EN} ${FAULT_VIDEO_EN}`,
      '!it|everything|all frozen|froze|freezing|lagging|buffering',
      '~very|so|super|really|too pixelated|blurry|laggy|grainy',
      'keeps|keep|still buffering|freezing|lagging|stuttering|glitching|stalling|loading',
      '=buffering|loading|lagging|freezing forever|nonstop|constantly|endlessly|again|like_crazy|so_much|too_much',
      `~no ${PICTURE_EN}`,
      `t|cannot|not see|seeing anything|nothing|${PICTURE_EN}`,
      `${PICTURE_EN} not|t work*|load*|show*|moving|changing|advancing|updating|appear*`,
      'still see|seeing|on slide|slides|title',
    ],
    stream: [
      `!${LIVE_EN} down|dead|gone|crashed|crashing|dropped|dropping|died|offline|stopped|broken|cut|lost|disconnecting|${INTERMITTENT}`,
      `is|s ${LIVE_EN}|it over|finished|ended ?`,
      `~lost|no ${LIVE_EN}|signal`,
      'xnosignal',
      '~black|blank|white screen|page|video',
      'went|gone|goes|turned|screen black|blank|dark|white',
      '!disconnected',
      '-disconnect* our|their|his|her|legacy|old|system*|server*|account*',
      'kicked|thrown|booted out',
      'went offline|down|dark',
      '~whole_thing|everything|it|all crashed|died|went_down',
      `${LIVE_EN} not|t work*|load*`,
      '-stream of thought*|consciousness|new|customers|clients|questions|data|revenue|income|ideas|leads|visitors|traffic|emails',
      '-black|dark|white screen|page mode|theme|setting*',
    ],
    link: [
      'link|url|invite|invitation|button not|t work*|open*|load*|valid|respond*|do_anything',
      'link|url|invite|invitation|button does|did|do nothing',
      '!link|url broken|dead|expired|invalid|wrong|down',
      '=broken|dead|expired|invalid|wrong link|url $',
      't|cannot|unable_to access|enter|login|log_in|get_in|get_into|sign_in|log_on',
      't|cannot|unable_to join webinar|meeting|session|call|room|stream|event|zoom',
      '=can t|cannot join $',
      'page|site|registration not|t load*|open*|work*',
      'error 404|403|500',
      'link|url|page|site gives|giving|shows|returns|throws 404|403|500|error*',
    ],
    ok: [
      '!works|working|fine|ok|good|better|back now',
      '!now it|its works|working|ok|fine|good|back',
      '!is|s|its back',
      '!fixed',
      '!all good|clear',
      'no|zero problem*|issue*',
      '!hear* fine|well|clearly|clear|perfectly|now|again',
      '!see* fine|well|clearly|now|again',
      '~i_m|im|i_am|i_was|i_ve_been muted|mute|on_mute',
      'i unmute*|mute*',
      '=mute|muting myself',
      '~because|cause|cuz|coz i_m|im|i_am',
      'frozen|froze in_time',
      '=my mic|microphone|headset|webcam',
    ],
  },
  it: {
    audio: [
      'non|n sent*|sento|sentiamo|senti|sentite',
      'sent*|sento niente|nulla|poco|pochissimo|male|malissimo|a_tratti|a_scatti|a_singhiozzo|distort*|gracchi*|robotic*|metallic*',
      `~niente|senza|manca|zero|no|non|n ${AUDIO_IT}`,
      `!sparit*|saltat*|andat*|pers*|spent*|cadut* ${AUDIO_IT}`,
      `!${AUDIO_IT} assente|muto|sparit*|andat*|saltat*|pers*|interrott*|scomparso|gracchi*|distort*|disturbat*|metallic*|robotic*|rimbomb*|eco|fruscia*|salta|taglia*|scatti|spento|spenta|ko|basso|bassa|bassissimo|bassissima|debol*|pessim*|orribile|terribile|a_tratti|si_interrompe|si_e_perso|si_perde|fa_schifo|inascoltabile|incomprensibile|${OFF_SYNC_IT}|${INTERMITTENT}`,
      `${AUDIO_IT} non|n va|funziona|parte|arriva|c|funzionante`,
      `${AUDIO_IT} acceso_?|accesa_?`,
      `!problem* ${AUDIO_IT}`,
      '!muto|muta|muti|mutato|mutata',
      '-muto|silenzio notific*|telefono|cellulare|suoneria',
      'c_e|ce|tanta|troppa|molta|sento|sente|si_sente eco|rimbombo|fruscio|fischio|ronzio|larsen|ritorno',
      'eco|rimbombo|fruscio|fischio|ronzio fortissim*|fort*|terribil*|assurd*|pazzesc*|insopportabil*',
      'qualcuno sent* qualcosa|niente|nulla',
      'non|n capisce|capisco niente|nulla',
      'xmute',
    ],
    video: [
      `!${VIDEO_IT} bloccat*|ferm*|congelat*|freezat*|scatt*|sgranat*|lag*|impallat*|piantat*|sfocat*|pixel*|va_a_scatti|si_blocca|in_ritardo|pessim*|ko|fa_schifo`,
      '^ scatta|scattano|lagga|laggano $',
      '!^ si_e|s_e|e bloccat*|freezat*|congelat*|impallat*|piantat*|lagga|sfocat*|sgranat*',
      '!tutto bloccat*|freezat*|congelat*|impallat*|piantat*|lagga|sfocat*|sgranat*|pixelat*',
      '~non|n vede|vedo|vediamo|vedete|vedono',
      `~niente|senza|manca|no ${VIDEO_IT}`,
      `${VIDEO_IT} non|n va|vanno|funziona|parte|carica|c|cambia*|avanza*|si_muove|si_vede|si_aggiorna|aggiorna`,
      'fermo|fermi|ancora|sempre alla|sulla slide',
      'vedo|vediamo|vedete ancora|sempre la_prima|la_stessa slide',
    ],
    stream: [
      `!cadut*|interrott*|saltat*|pers*|mort*|crollat*|fermat*|chius* ${LIVE_IT}`,
      `!${LIVE_IT} cadut*|interrott*|saltat*|mort*|crollat*|fermat*|chius*|giu|offline|persa|down|ko|si_interrompe|cade|cadere|${INTERMITTENT}`,
      `${LIVE_IT} non|n va|funziona|parte|carica`,
      '-pagina|schermata|pulsante di_collegamento|di_connessione',
      '!disconness*|sconness*',
      `${LIVE_IT}|schermo|tutto diventat*|divent* nero|nera|bianco|bianca`,
      '^ non|n carica|carica_piu|si_carica',
      'schermo|schermata nero|nera|bianco|bianca|vuoto|vuota',
      'buttato|sbattuto|cacciato fuori',
      '=e finito|finita ?',
      `e finit* ${LIVE_IT} ?`,
      'saltat*|crollat*|cadut*|crashat* tutto',
      '^ tutto saltat*|crollat*|cadut*|crashat*',
    ],
    link: [
      'link|collegamento|invito non|n funziona|funzionante|va|apre|valido|funzia|si_apre',
      '!link|collegamento|invito rotto|scadut*|sbagliat*|errat*|invalid*|ko',
      'non|n riesco|posso|mi_fa|mi_lascia|mi_fanno entrare|accedere|collegarmi|connettermi|entrarci|loggarmi|login|fare_login|partecipare',
      'link|collegamento|invito|pagina da|mostra|restituisce|segnala|mi_da errore*',
      'pagina non|n trovata|carica|si_carica|apre|funziona',
      'errore 404|403|500',
    ],
    ok: [
      '!ora|adesso|finalmente sent*|sento|funziona|va|vedo|ok|tornat*|torna',
      '!sent*|sento|vede|vedo bene|benissimo|perfett*|chiar*|ora|adesso',
      '!tornat*|risolto|risolta|sistemato',
      'tutto ok|bene|apposto|a_posto',
      'nessun problem*',
      'vedo|vede|vediamo l ora',
      'vedo|vede|vediamo problem*',
      '!funziona bene|ora|adesso|di_nuovo',
      '~ero|mi_metto|mi_sono_messo|mi_sono_messa in_muto|muto|muta|mutato|mutata',
      '=mi muto|muta',
      'sent* la_mancanza|il_bisogno|la_necessita|l_esigenza',
      '~perche|xche sono|sto',
      'congelat*|bloccat* nel_tempo',
    ],
  },
  es: {
    audio: [
      'no escuch*|oye|oyen|oigo|oimos|oir',
      'escuch*|oye|oigo|oyen|suena nada|mal|poco|fatal|bajo|bajito|debil|entrecortad*|a_ratos|horrible|robotic*|metalic*|distorsion*|cortad*',
      `~sin|cero|falta|no ${AUDIO_ES}`,
      `!${AUDIO_ES} cortad*|corto|corta|se_corta|perdid*|muert*|mudo|muda|falla|fallando|distorsion*|entrecortad*|se_entrecorta|se_fue|se_va|no_sale|robotic*|eco|metalic*|apagad*|bajo|bajisimo|debil|fatal|pesimo|horrible|malisimo|cruje|chirria|mute*|${OFF_SYNC_ES}|${INTERMITTENT}`,
      `${AUDIO_ES} no funciona|va|sirve|anda|sale|llega`,
      `!se_fue|se_corto|se_corta|se_cayo|se_cae|se_perdio|se_pierde|se_va|perdi|perdimos|perdieron ${AUDIO_ES}`,
      `${AUDIO_ES} prendido_?|encendido_?|abierto_?`,
      '-silencio|silencie|silenciar|mute* notificacion*|celular|movil|telefono',
      'en|esta|estas|estan mute|mudo|muteado|muteada|silencio',
      'quita|quitate|saca|sacate mute|silencio',
      `!problem* ${AUDIO_ES}`,
      'hay|mucho|demasiado eco|interferencia',
      'alguien escucha|oye algo',
      'xmute',
    ],
    video: [
      `!${VIDEO_ES} congel*|trabad*|trabo|traba|pegad*|pega|pixel*|borros*|detenid*|detuvo|detiene|parad*|colgad*|colgo|cuelga|cortad*|lento|lenta|lentisim*|fija|quieta|a_saltos|a_tirones|se_queda|pesima|horrible|fatal`,
      '^ todo borroso|pixelado|congelado',
      '!se congelo|congela|trabo|traba|colgo|cuelga|pego|queda_pegad*|quedo_pegad*',
      'diapositiva* se_quedaron|se_quedo|siguen|sigue en',
      '~no ve|veo|vemos|ven',
      'se_ve|se_ven|lo_veo|la_veo|lo_vemos pixel*|borros*|congelad*|trabad*|entrecortad*|a_saltos|a_tirones|lento|fatal|pesimo|horrible',
      `~sin|no ${VIDEO_ES}`,
      'pantalla fija|congelada',
      `${VIDEO_ES} no funciona|va|carga|sale|avanza*|cambia*|se_mueve|se_actualiza|actualiza`,
      'sigo|seguimos|todavia|aun viendo|veo|vemos|en diapositiva*|la_primera|la_misma',
    ],
    stream: [
      `!se_cayo|se_cae|se_corto|se_corta|se_perdio|se_murio|se_fue|se_termino|se_acabo|perdi|perdimos ${LIVE_ES}`,
      '=se cayo|cae|corto|termino|acabo ?',
      `termino|acabo ${LIVE_ES} ?`,
      'pantalla negra|en_negro|blanca|en_blanco',
      `!${LIVE_ES} caid*|cayo|cae|se_cae|cortad*|corto|corta|se_corta|perdid*|muert*|murio|down|offline|inestable|detuvo|se_detuvo|detiene|se_detiene|se_perdio|se_pierde|se_fue|se_murio|${INTERMITTENT}`,
      `~sin|no ${LIVE_ES}`,
      '!desconect*',
      `${LIVE_ES} no funciona|va|carga`,
      'me|nos saco|echo|expulso|boto|sacaron|echaron',
      `${LIVE_ES}|pantalla|todo se_puso|se_quedo|quedo en_negro|negra|negro|en_blanco`,
      '^ no carga',
      'se_corto|se_cayo|se_fue todo',
    ],
    link: [
      'enlace|link|liga|invitacion no funciona|sirve|abre|carga|va|anda|es_valido|es_valida',
      '!enlace|link|liga roto|caido|caducado|caduco|expirado|expiro|invalido|malo|mal|erroneo',
      'no puedo|logro|pude|consigo entrar|acceder|conectar*|unirme|ingresar|iniciar_sesion|loguearme',
      'no me_deja|me_dejan entrar|acceder|ingresar|unirme',
      'pagina no encontrada|carga|abre|funciona',
      'error 404|403|500',
    ],
    ok: [
      '!ya oye|oigo|escucha|escucho|funciona|ve|veo|volvio|esta|anda',
      '!oye|escucha|ve|veo|oigo bien|perfecto|claro',
      '!volvio',
      'sin problem*',
      'todo bien|ok',
      'veo la hora',
      'veo|ve|vemos problem*',
      '!funciona bien|ya',
      '~estaba|estoy|me_puse|me_pongo|me_quede en_mute|en_silencio|mute|silencio|muteado|muteada',
      '~porque|xq|porq estoy|tengo',
      'congel* en_el_tiempo',
    ],
  },
  de: {
    audio: [
      `~kein|keine|keinen|ohne ${AUDIO_DE}`,
      `-keine|kein frage*|fragen ${AUDIO_DE}`,
      `!${AUDIO_DE} weg|fehlt|ausgefall*|gestort|kaputt|abgehackt|verzerrt|rauscht|knackt|stumm|futsch|tot|hallt|scheppert|stottert|stockt|hangt|leise|niedrig|gering|verloren|abgebrochen|knistert|knarzt|brummt|pfeift|mies|miserabel|blechern|schlecht|spinnt|${OFF_SYNC_DE}|${INTERMITTENT}`,
      `${AUDIO_DE} geht|funktioniert|klappt|lauft|kommt nicht|nich|net`,
      `!${AUDIO_DE} ist_aus|war_aus`,
      `!${AUDIO_DE} fallt|fiel|setzt|scheint aus`,
      `!${AUDIO_DE} bricht|brach ab`,
      `ist ${AUDIO_DE} an_?`,
      `!fehlt|fehlte ${AUDIO_DE}`,
      `=${AUDIO_DE} aus $`,
      'hor|hore|horen|hort|horte nichts|nix|nicht|kaum|nischt|nuscht|schlecht',
      'nichts|nix|kaum|schlecht zu_horen|zu_hor',
      '=verstehe|versteh|versteht|verstehen kein|keinen wort|ton',
      '!stumm|stummgeschaltet|gemutet|gemuted',
      '-stumm* benachrichtigung*|handy|telefon|klingelton',
      '-benachrichtigung*|handy|telefon|klingelton stumm*',
      'stummschaltung aufheben|raus|aus',
      'hort|hore jemand|einer|ihr was|etwas|nichts',
      'klingt|klang roboter*|robot*|blechern|komisch|verzerrt|dumpf|metallisch',
      '!tonproblem*|audioproblem*|tonausfall|tonstorung|tonfehler',
      `!problem* ${AUDIO_DE}`,
      '~starkes|extremes|krasses|viel echo|hall',
      'es|nur knackt|rauscht|brummt|pfeift|rauschen|knacken|brummen',
      '^ sehr|zu|viel_zu|extrem leise $',
      'xmute',
    ],
    video: [
      `!${VIDEO_DE} hangt|steht|friert|eingefroren|gefroren|ruckelt|fehlt|stockt|laggt|pixelig|verpixelt|hakt|bleibt_stehen|stehen_geblieben|stehengeblieben|buffert|unscharf|verschwommen|hangen|mies|miserabel|grottig`,
      '!es|alles|das eingefroren|ruckelt|hangt|stockt|laggt|buffert|friert|verschwommen|unscharf|verpixelt',
      '!stream|livestream hangt|ruckelt|stockt|laggt|buffert|eingefroren',
      `~kein|keinen|ohne ${VIDEO_DE}`,
      'sehe|seh|sieht|sehen nichts|nix',
      `sehe|seh|sieht|sehen ${VIDEO_DE} nicht|nich|net`,
      `${VIDEO_DE} sieht|sehe|seh|sehen nicht|nich|net|kaum`,
      'sehe|seh|sieht|sehen immer_noch|noch|nur folie|standbild',
      `${VIDEO_DE} wechsel*|ladt|startet|geht|gehen|funktioniert|lauft|aktualisiert nicht|nich|net`,
      '~sehr|total|extrem pixelig|verpixelt|unscharf|verschwommen',
      'bildproblem*|bildausfall',
      'nur|nur_noch|immer_noch standbild',
    ],
    stream: [
      `!${LIVE_DE} weg|abgebrochen|unterbrochen|down|tot|offline|abgesturzt|aus|getrennt|verloren|futsch|aufgehort|schwarz|weiss|${INTERMITTENT}`,
      `ist ${LIVE_DE}|es vorbei ?`,
      `${LIVE_DE} bricht|brach ab`,
      `~kein|keine|keinen ${LIVE_DE}|signal`,
      'schwarzer|schwarz|weisser bildschirm|bild',
      '!bildschirm|bild schwarz|weiss|weg',
      '!rausgeflogen|rausgeworfen',
      'aus session|webinar|meeting|stream|raum geworfen|gekickt|geflogen',
      '^ abgebroch*|abgesturz* $',
      'wieder|schon getrennt',
      `${LIVE_DE} geht|funktioniert|lauft|ladt nicht|nich|net`,
      '^ ladt nicht|nich|net',
      '^ alles weg|schwarz|tot|abgesturzt|abgebrochen',
    ],
    link: [
      'link|einladung|einladungslink geht|funktioniert|klappt|offnet|ladt nicht|nich|net',
      '!link|einladung|einladungslink kaputt|ungultig|abgelaufen|falsch|tot',
      '=ungultiger|kaputter|falscher|abgelaufener|toter link',
      'komme|komm|kann nicht|nich|net rein|beitreten|einloggen|anmelden|in_den_raum|ins',
      'kein zugang|zugriff',
      'seite nicht gefunden',
      'seite|anmeldeseite|login|anmeldung ladt|geht|funktioniert|klappt nicht|nich|net',
      'fehler 404|403|500',
      'link|seite gibt|zeigt 404|403|500|fehler*',
    ],
    ok: [
      '!geht|funktioniert|klappt|lauft wieder|jetzt',
      '!wieder da|ok|gut',
      '!jetzt geht|klappt|funktioniert|hore|sehe|ok|gut|lauft',
      'alles gut|ok|klar|bestens',
      'kein problem*',
      '~war|bin|mich stumm*|gemutet|gemuted',
      'nichts neues',
      '=ton|mikro von mir',
      'hab|habe kein|keinen mikro|mikrofon|headset',
      'weil ich',
    ],
  },
  fr: {
    audio: [
      'n|ne entend*',
      'entend* rien|pas|plus|nada|mal|a_peine|que_dalle',
      `=pas|plus de|d|du ${AUDIO_FR}`,
      `=aucun|sans ${AUDIO_FR}`,
      `!${AUDIO_FR} coupe|coupee|disparu|muet|gresille|sature|hache|robotique|metallique|grince|bug*|craque|saute|faible|bas|ko|eteint|manque|couper|nul|pourri|horrible|catastrophique|deforme*|inaudible|incomprehensible|${OFF_SYNC_FR}|${INTERMITTENT}`,
      `${AUDIO_FR} marche|fonctionne|passe pas|plus`,
      `${AUDIO_FR} arrete|arretent pas couper|sauter`,
      `!manque|perdu ${AUDIO_FR}`,
      `${AUDIO_FR} allume_?|branche_?|active_?`,
      `!probleme|souci* de|d ${AUDIO_FR}`,
      '!muet|muette|sourdine',
      '-sourdine|coupe notification*|telephone|portable',
      'xmute',
      'comprend* rien',
      '=ca|c coupe|gresille|crache|sature',
      'il_y_a|y_a|enorme|gros|trop|beaucoup echo|larsen',
      'entend* quelque_chose',
      `toujours|encore rien ${AUDIO_FR}`,
    ],
    video: [
      `!${VIDEO_FR} fige*|gele*|bloque*|freeze|freez*|saccad*|pixelis*|floue|flou|fixe|rame|lag*|bug*|horrible|pourrie|nulle`,
      '!ca|c|tout fige*|gele*|freeze|bloque*|rame|lag*|saccade|flou|floue|pixelis*',
      `=pas|plus d|de ${VIDEO_FR}`,
      `=aucun|aucune|sans ${VIDEO_FR}`,
      'vois|voit|voyons|voyez rien',
      `vois|voit|voyons|voyez pas|plus ${VIDEO_FR}`,
      'vois|voit|voyons|voyez toujours|encore diapo|diapos|slide',
      `${VIDEO_FR} marche|fonctionne|charge|passe|change*|bouge*|avance*|actualise pas|plus`,
      `${VIDEO_FR} met|mettent pas a_jour`,
      'ecran fige',
    ],
    stream: [
      `!${LIVE_FR} plante|coupe|tombe|saute|sautee|lache|crash*|arrete|interrompu*|down|mort|perdu*|deconnecte|coupee|ko|${INTERMITTENT}`,
      `${LIVE_FR} fini|termine ?`,
      `=plus|pas de|d ${LIVE_FR}|signal`,
      '!deconnect*|eject*',
      `${LIVE_FR}|ecran|image devenu*|devient noir*|blanc*`,
      `${LIVE_FR} arrete|arretent pas couper|planter|sauter`,
      `${LIVE_FR} marche|fonctionne|charge pas|plus`,
      '-page|ecran|bouton|formulaire de_connexion',
      'ecran noir|blanc',
      '!image|ecran|video noir|noire',
      '^ plus rien',
      'tout plante|crashe',
      `perdu ${LIVE_FR}`,
      '=c_est|c fini|termine ?',
      '=ca|c charge pas|plus',
    ],
    link: [
      'lien|link|invitation marche|fonctionne|ouvre|charge pas|plus',
      '!lien casse|mort|expire|invalide|errone|brise|faux|ko',
      'lien|link pas|plus valide',
      'peux|arrive|arrivons|peut pas|plus entrer|acceder|rejoindre|connecter',
      'impossible rejoindre|acceder|entrer|connecter',
      'page introuvable',
      'page charge|ouvre pas|plus',
      'erreur 404|403|500',
    ],
    ok: [
      '!ca|c marche|remarche|fonctionne|revient|va',
      '!c est|c revenu|reparti|bon|ok',
      '!entend* bien|maintenant|enfin|de_nouveau',
      'tout va bien',
      '=pas de probleme|souci',
      '!revenu|reparti|re_parti',
      '~j_etais|je_suis|me_mets|me_suis_mis|me_suis_mise en_sourdine|sourdine|muet|muette',
      '~car|parce_que je_suis|j_ai|je',
      'fige*|gele* dans_le_temps',
    ],
  },
};

/**
 * Words that name a kind of problem on their own. A message made only of such words and fillers
 * ("AUDIO??", "AUDIOOO", "video?", "son ?", "frozen", "it's frozen again") is a complaint; "link?" is not
 * (people ask for the link all the time).
 */
export const LONE_QUESTION_NOUNS: Readonly<Partial<Record<ComplaintCategory, readonly string[]>>> = {
  audio: [
    'audio',
    'sound',
    'volume',
    'suono',
    'voce',
    'sonido',
    'ton',
    'son',
    'voix',
    'xmute',
    'mic',
    'micro',
    'silence',
  ],
  video: [
    'video',
    'image',
    'immagine',
    'bild',
    'picture',
    'screen',
    'schermo',
    'pantalla',
    'ecran',
    'imagen',
    'frozen',
    'froze',
    'freezing',
    'buffering',
    'lagging',
    'bloccato',
    'bloccata',
    'freezato',
    'congelato',
    'congelado',
    'congelada',
    'eingefroren',
    'standbild',
    'figé',
    'figée',
    'gelé',
  ],
  stream: ['stream', 'diretta', 'directo', 'streaming'],
};

/** Words that may stand beside the noun in a lone question ("hello? the audio?", "e l'audio??", "AUDIO PLEASE"). */
export const LONE_QUESTION_FILLERS = [
  'the',
  'my',
  'and',
  'hello',
  'hi',
  'hey',
  'guys',
  'still',
  'again',
  'please',
  'pls',
  'plz',
  'it',
  's',
  'is',
  'all',
  'everything',
  'ciao',
  'e',
  'l',
  'il',
  'lo',
  'la',
  'ragazzi',
  'ancora',
  'tutto',
  'hola',
  'el',
  'y',
  'todo',
  'hallo',
  'und',
  'der',
  'die',
  'das',
  'alles',
  'wieder',
  'bitte',
  'but',
  'ma',
  'pero',
  'mais',
  'aber',
  'allo',
  'bonjour',
  'salut',
  'et',
  'le',
  'c',
  'est',
  'tout',
  'encore',
  'pronto',
];
