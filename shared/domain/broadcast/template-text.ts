/**
 * The wording of the guided response, in every language Onair speaks. Every message is calm and transparent. It
 * takes responsibility, says what we know and what we are doing, and says when the next update comes and where:
 * always more than one place, never "on Facebook" alone (seeds-summary §1).
 * `any.<phase>` is the general wording; `<kind>.<phase>` replaces it where a kind deserves its own words (a chat
 * flood is not a problem with the broadcast). `issue.<kind>` is the default for {{issue}}, a noun phrase that
 * follows "a problem with". The table is typed: a language missing a phase or a kind's wording does not build,
 * so nothing falls back to English mid-sentence. The shipped text passes the tone check with zero findings
 * (tone-templates.test.ts).
 */
import type { Language, PlaybookKind } from '../vocabulary';

/** What a template can be written for: every playbook kind, plus a chat flood (spam raid), an 'other' incident. */
export type TemplateKind = PlaybookKind | 'chat-flood';

interface Template {
  subject: string;
  body: string;
}
/** A postponement with its new date, and without it (the date is still to be announced). */
type Postponed = Template & { bodyTbd: string };
type Phases = { acknowledge: Template; update: Template; resolved: Template; postponed: Postponed };

export interface Wording {
  issue: Record<TemplateKind, string>;
  linkLine: string;
  any: Phases;
  audio: Pick<Phases, 'acknowledge'>;
  postponement: Phases;
  /** A chat moderation notice: the event itself goes on, so there is nothing to postpone. */
  'chat-flood': Pick<Phases, 'acknowledge' | 'update' | 'resolved'>;
}

const en: Wording = {
  issue: {
    audio: 'the audio',
    video: 'the video',
    stream: 'the live stream',
    other: 'the broadcast',
    postponement: 'the schedule',
    'chat-flood': 'the chat',
  },
  linkLine: 'All updates: {{link}}',
  any: {
    acknowledge: {
      subject: '{{eventName}}: we are working on a problem',
      body:
        'We are sorry: there is a problem with {{issue}} in {{eventName}}. The problem is on our side and there is nothing you need to do. ' +
        `We are working on it right now. Next update in {{nextUpdateMinutes}} minutes, {{where}}.`,
    },
    update: {
      subject: '{{eventName}}: update on the problem with {{issue}}',
      body:
        'Here is where we are: we are still working on the problem with {{issue}}, and we have not forgotten you. ' +
        `We will tell you as soon as it is fixed. Next update in {{nextUpdateMinutes}} minutes, {{where}}. Thank you for your patience.`,
    },
    resolved: {
      subject: '{{eventName}}: the problem is resolved',
      body:
        'The problem with {{issue}} is resolved and {{eventName}} continues. We are sorry for the interruption and thank you for staying with us. ' +
        'If anything still does not work, write to us in the chat and we will answer at once.',
    },
    postponed: {
      subject: '{{eventName}} is postponed',
      body:
        'We are sorry: because of the problem with {{issue}} we cannot continue {{eventName}} as planned, so we are postponing it. ' +
        'The new date is {{newTime}}. Your registration stays valid and there is nothing you need to do. ' +
        `We will confirm the new date {{where}}, and send a reminder before it starts.`,
      bodyTbd:
        'We are sorry: because of the problem with {{issue}} we cannot continue {{eventName}} as planned, so we are postponing it. ' +
        `We will announce the new date within 24 hours, {{where}}. Your registration stays valid and there is nothing you need to do.`,
    },
  },
  audio: {
    acknowledge: {
      subject: '{{eventName}}: we are fixing the audio',
      body:
        'We are sorry: there is a problem with {{issue}} in {{eventName}}. The problem is on our side: there is no need to restart your computer or check your speakers. ' +
        `We are working on it right now. Next update in {{nextUpdateMinutes}} minutes, {{where}}.`,
    },
  },
  postponement: {
    acknowledge: {
      subject: '{{eventName}}: a change to the schedule',
      body:
        'We are sorry: {{eventName}} cannot start as planned. We are arranging a new date right now and will keep you informed. ' +
        `Next update in {{nextUpdateMinutes}} minutes, {{where}}.`,
    },
    update: {
      subject: '{{eventName}}: update on the new date',
      body:
        'Here is where we are: we are still arranging the new date for {{eventName}}, and we have not forgotten you. ' +
        `Next update in {{nextUpdateMinutes}} minutes, {{where}}. Thank you for your patience.`,
    },
    resolved: {
      subject: '{{eventName}} goes ahead as planned',
      body: 'Good news: {{eventName}} goes ahead today as planned. We are sorry for the uncertainty and thank you for your patience.',
    },
    postponed: {
      subject: '{{eventName}}: the new date',
      body:
        'We are sorry for the change: {{eventName}} is postponed to {{newTime}}. Your registration stays valid and there is nothing you need to do. ' +
        `We will send a reminder before it starts, {{where}}.`,
      bodyTbd:
        'We are sorry for the change: {{eventName}} is postponed. ' +
        `We will announce the new date within 24 hours, {{where}}. Your registration stays valid and there is nothing you need to do.`,
    },
  },
  'chat-flood': {
    acknowledge: {
      subject: '{{eventName}}: we are cleaning up the chat',
      body:
        'The chat is being flooded with spam. We are removing it right now and have slowed the chat down for a few minutes, so messages may take a little longer to appear. ' +
        '{{eventName}} itself goes on as normal. Next update in {{nextUpdateMinutes}} minutes, {{where}}.',
    },
    update: {
      subject: '{{eventName}}: the chat is still slowed down',
      body:
        'We are still removing spam, so the chat stays slowed down for now. Keep your questions coming: we read every one. ' +
        'Next update in {{nextUpdateMinutes}} minutes, {{where}}.',
    },
    resolved: {
      subject: '{{eventName}}: the chat is back to normal',
      body: 'The spam is gone and the chat is back to normal. Thank you for your patience: ask your questions as usual, we are reading along.',
    },
  },
};

const it: Wording = {
  issue: {
    audio: "l'audio",
    video: 'il video',
    stream: 'la diretta',
    other: 'la trasmissione',
    postponement: 'il programma',
    'chat-flood': 'la chat',
  },
  linkLine: 'Tutti gli aggiornamenti: {{link}}',
  any: {
    acknowledge: {
      subject: '{{eventName}}: stiamo risolvendo un problema',
      body:
        "Ci scusiamo: c'è un problema con {{issue}} durante {{eventName}}. Il problema è nostro e non dovete fare nulla. " +
        `Ci stiamo lavorando adesso. Prossimo aggiornamento tra {{nextUpdateMinutes}} minuti, {{where}}.`,
    },
    update: {
      subject: '{{eventName}}: aggiornamento sul problema',
      body:
        'Ecco a che punto siamo: stiamo ancora lavorando al problema con {{issue}} e non ci siamo dimenticati di voi. ' +
        `Vi avviseremo appena sarà risolto. Prossimo aggiornamento tra {{nextUpdateMinutes}} minuti, {{where}}. Grazie per la pazienza.`,
    },
    resolved: {
      subject: '{{eventName}}: problema risolto',
      body:
        "Il problema con {{issue}} è risolto e {{eventName}} riprende. Ci scusiamo per l'interruzione e grazie per essere rimasti con noi. " +
        'Se qualcosa ancora non funziona, scriveteci in chat e vi risponderemo subito.',
    },
    postponed: {
      subject: '{{eventName}}: rinvio',
      body:
        'Ci scusiamo: a causa del problema con {{issue}} non possiamo proseguire {{eventName}} come previsto e dobbiamo rinviarlo. ' +
        'La nuova data è {{newTime}}. La vostra iscrizione resta valida e non dovete fare nulla. ' +
        `Confermeremo la nuova data {{where}}, e vi manderemo un promemoria prima dell'inizio.`,
      bodyTbd:
        'Ci scusiamo: a causa del problema con {{issue}} non possiamo proseguire {{eventName}} come previsto e dobbiamo rinviarlo. ' +
        `Annunceremo la nuova data entro 24 ore, {{where}}. La vostra iscrizione resta valida e non dovete fare nulla.`,
    },
  },
  audio: {
    acknowledge: {
      subject: "{{eventName}}: stiamo sistemando l'audio",
      body:
        "Ci scusiamo: c'è un problema con {{issue}} durante {{eventName}}. Il problema è nostro: non serve riavviare il computer né controllare le casse. " +
        `Ci stiamo lavorando adesso. Prossimo aggiornamento tra {{nextUpdateMinutes}} minuti, {{where}}.`,
    },
  },
  postponement: {
    acknowledge: {
      subject: '{{eventName}}: un cambio di programma',
      body:
        'Ci scusiamo: {{eventName}} non può iniziare come previsto. Stiamo organizzando una nuova data e vi terremo informati. ' +
        `Prossimo aggiornamento tra {{nextUpdateMinutes}} minuti, {{where}}.`,
    },
    update: {
      subject: '{{eventName}}: aggiornamento sulla nuova data',
      body:
        'Ecco a che punto siamo: stiamo ancora organizzando la nuova data di {{eventName}} e non ci siamo dimenticati di voi. ' +
        `Prossimo aggiornamento tra {{nextUpdateMinutes}} minuti, {{where}}. Grazie per la pazienza.`,
    },
    resolved: {
      subject: '{{eventName}} si svolge come previsto',
      body: "Buone notizie: {{eventName}} si svolge oggi come previsto. Ci scusiamo per l'incertezza e grazie per la pazienza.",
    },
    postponed: {
      subject: '{{eventName}}: la nuova data',
      body:
        'Ci scusiamo per il cambio: {{eventName}} è rinviato a {{newTime}}. La vostra iscrizione resta valida e non dovete fare nulla. ' +
        `Vi manderemo un promemoria prima dell'inizio, {{where}}.`,
      bodyTbd:
        'Ci scusiamo per il cambio: {{eventName}} è rinviato. ' +
        `Annunceremo la nuova data entro 24 ore, {{where}}. La vostra iscrizione resta valida e non dovete fare nulla.`,
    },
  },
  'chat-flood': {
    acknowledge: {
      subject: '{{eventName}}: stiamo ripulendo la chat',
      body:
        "La chat è invasa dallo spam. Lo stiamo rimuovendo adesso e abbiamo rallentato la chat per qualche minuto, quindi i messaggi potrebbero comparire con un po' di ritardo. " +
        '{{eventName}} prosegue normalmente. Prossimo aggiornamento tra {{nextUpdateMinutes}} minuti, {{where}}.',
    },
    update: {
      subject: '{{eventName}}: la chat è ancora rallentata',
      body:
        'Stiamo ancora rimuovendo lo spam, quindi per ora la chat resta rallentata. Continuate pure a scrivere le vostre domande: le leggiamo tutte. ' +
        'Prossimo aggiornamento tra {{nextUpdateMinutes}} minuti, {{where}}.',
    },
    resolved: {
      subject: '{{eventName}}: la chat è tornata alla normalità',
      body: 'Lo spam è stato rimosso e la chat è tornata alla normalità. Grazie per la pazienza: scrivete pure le vostre domande come sempre, vi leggiamo.',
    },
  },
};

const es: Wording = {
  issue: {
    audio: 'el audio',
    video: 'el vídeo',
    stream: 'la transmisión',
    other: 'la emisión',
    postponement: 'el programa',
    'chat-flood': 'el chat',
  },
  linkLine: 'Todas las novedades: {{link}}',
  any: {
    acknowledge: {
      subject: '{{eventName}}: estamos resolviendo un problema',
      body:
        'Lo sentimos: hay un problema con {{issue}} en {{eventName}}. El problema es nuestro y ustedes no tienen que hacer nada. Ya estamos trabajando en ello. ' +
        'Próxima actualización en {{nextUpdateMinutes}} minutos, {{where}}.',
    },
    update: {
      subject: '{{eventName}}: novedades sobre el problema con {{issue}}',
      body:
        'Así están las cosas: seguimos trabajando en el problema con {{issue}} y no nos olvidamos de ustedes. ' +
        'Les avisaremos en cuanto esté solucionado. Próxima actualización en {{nextUpdateMinutes}} minutos, {{where}}. Gracias por su paciencia.',
    },
    resolved: {
      subject: '{{eventName}}: el problema está resuelto',
      body:
        'El problema con {{issue}} está resuelto y {{eventName}} continúa. Sentimos la interrupción y les agradecemos que se hayan quedado con nosotros. ' +
        'Si algo todavía no funciona, escríbannos en el chat y les responderemos enseguida.',
    },
    postponed: {
      subject: '{{eventName}} se aplaza',
      body:
        'Lo sentimos: por el problema con {{issue}} no podemos continuar {{eventName}} como estaba previsto, así que lo aplazamos. ' +
        'La nueva fecha es {{newTime}}. Su inscripción sigue siendo válida y no tienen que hacer nada. ' +
        'Confirmaremos la nueva fecha {{where}} y les enviaremos un recordatorio antes del inicio.',
      bodyTbd:
        'Lo sentimos: por el problema con {{issue}} no podemos continuar {{eventName}} como estaba previsto, así que lo aplazamos. ' +
        'Anunciaremos la nueva fecha dentro de 24 horas, {{where}}. Su inscripción sigue siendo válida y no tienen que hacer nada.',
    },
  },
  audio: {
    acknowledge: {
      subject: '{{eventName}}: estamos arreglando el audio',
      body:
        'Lo sentimos: hay un problema con {{issue}} en {{eventName}}. El problema es nuestro: no hace falta que reinicien el ordenador ni que revisen sus altavoces. ' +
        'Ya estamos trabajando en ello. Próxima actualización en {{nextUpdateMinutes}} minutos, {{where}}.',
    },
  },
  postponement: {
    acknowledge: {
      subject: '{{eventName}}: un cambio en el programa',
      body:
        'Lo sentimos: {{eventName}} no puede empezar como estaba previsto. Ya estamos organizando una nueva fecha y les mantendremos informados. ' +
        'Próxima actualización en {{nextUpdateMinutes}} minutos, {{where}}.',
    },
    update: {
      subject: '{{eventName}}: novedades sobre la nueva fecha',
      body:
        'Así están las cosas: seguimos organizando la nueva fecha de {{eventName}} y no nos olvidamos de ustedes. ' +
        'Próxima actualización en {{nextUpdateMinutes}} minutos, {{where}}. Gracias por su paciencia.',
    },
    resolved: {
      subject: '{{eventName}} se celebra según lo previsto',
      body: 'Buenas noticias: {{eventName}} se celebra hoy, tal y como estaba previsto. Sentimos la incertidumbre y les damos las gracias por su paciencia.',
    },
    postponed: {
      subject: '{{eventName}}: la nueva fecha',
      body:
        'Sentimos el cambio: {{eventName}} se aplaza y la nueva fecha es {{newTime}}. Su inscripción sigue siendo válida y no tienen que hacer nada. ' +
        'Les enviaremos un recordatorio antes del inicio, {{where}}.',
      bodyTbd:
        'Sentimos el cambio: {{eventName}} se aplaza. ' +
        'Anunciaremos la nueva fecha dentro de 24 horas, {{where}}. Su inscripción sigue siendo válida y no tienen que hacer nada.',
    },
  },
  'chat-flood': {
    acknowledge: {
      subject: '{{eventName}}: estamos limpiando el chat',
      body:
        'El chat está recibiendo una avalancha de spam. Lo estamos eliminando y hemos ralentizado el chat unos minutos, así que los mensajes pueden tardar un poco más en aparecer. ' +
        '{{eventName}} sigue con normalidad. Próxima actualización en {{nextUpdateMinutes}} minutos, {{where}}.',
    },
    update: {
      subject: '{{eventName}}: el chat sigue ralentizado',
      body:
        'Seguimos eliminando el spam, así que de momento el chat sigue ralentizado. Pueden seguir escribiendo sus preguntas: las leemos todas. ' +
        'Próxima actualización en {{nextUpdateMinutes}} minutos, {{where}}.',
    },
    resolved: {
      subject: '{{eventName}}: el chat vuelve a la normalidad',
      body: 'Ya no hay spam y el chat ha vuelto a la normalidad. Gracias por su paciencia: escriban sus preguntas como siempre, las estamos leyendo.',
    },
  },
};

const de: Wording = {
  issue: {
    audio: 'dem Ton',
    video: 'dem Video',
    stream: 'dem Livestream',
    other: 'der Übertragung',
    postponement: 'dem Zeitplan',
    'chat-flood': 'dem Chat',
  },
  linkLine: 'Alle Updates: {{link}}',
  any: {
    acknowledge: {
      subject: '{{eventName}}: Wir beheben ein Problem',
      body:
        'Entschuldigung: Es gibt ein Problem mit {{issue}} bei {{eventName}}. Der Fehler liegt bei uns, Sie müssen nichts tun. Wir arbeiten bereits daran. ' +
        'Nächstes Update in {{nextUpdateMinutes}} Minuten, {{where}}.',
    },
    update: {
      subject: '{{eventName}}: Neues zum Problem mit {{issue}}',
      body:
        'Der aktuelle Stand: Wir arbeiten weiter an dem Problem mit {{issue}} und haben Sie nicht vergessen. ' +
        'Wir sagen Ihnen Bescheid, sobald es behoben ist. Nächstes Update in {{nextUpdateMinutes}} Minuten, {{where}}. Danke für Ihre Geduld.',
    },
    resolved: {
      subject: '{{eventName}}: Das Problem ist behoben',
      body:
        'Das Problem mit {{issue}} ist behoben, {{eventName}} geht weiter. Entschuldigen Sie die Unterbrechung, und danke, dass Sie dabeigeblieben sind. ' +
        'Falls noch etwas nicht funktioniert, schreiben Sie uns im Chat: Wir antworten sofort.',
    },
    postponed: {
      subject: '{{eventName}} wird verschoben',
      body:
        'Es tut uns leid: Wegen des Problems mit {{issue}} können wir {{eventName}} nicht wie geplant fortsetzen und verschieben die Veranstaltung. ' +
        'Der neue Termin ist {{newTime}}. Ihre Anmeldung bleibt gültig, Sie müssen nichts tun. ' +
        'Wir bestätigen den neuen Termin {{where}} und schicken Ihnen vor Beginn eine Erinnerung.',
      bodyTbd:
        'Es tut uns leid: Wegen des Problems mit {{issue}} können wir {{eventName}} nicht wie geplant fortsetzen und verschieben die Veranstaltung. ' +
        'Den neuen Termin geben wir innerhalb von 24 Stunden bekannt, {{where}}. Ihre Anmeldung bleibt gültig, Sie müssen nichts tun.',
    },
  },
  audio: {
    acknowledge: {
      subject: '{{eventName}}: Wir beheben das Tonproblem',
      body:
        'Entschuldigung: Es gibt ein Problem mit {{issue}} bei {{eventName}}. Der Fehler liegt bei uns: Sie müssen weder Ihren Computer neu starten noch Ihre Lautsprecher prüfen. ' +
        'Wir arbeiten bereits daran. Nächstes Update in {{nextUpdateMinutes}} Minuten, {{where}}.',
    },
  },
  postponement: {
    acknowledge: {
      subject: '{{eventName}}: eine Änderung im Zeitplan',
      body:
        'Es tut uns leid: {{eventName}} kann nicht wie geplant beginnen. Wir organisieren gerade einen neuen Termin und halten Sie auf dem Laufenden. ' +
        'Nächstes Update in {{nextUpdateMinutes}} Minuten, {{where}}.',
    },
    update: {
      subject: '{{eventName}}: Neues zum neuen Termin',
      body:
        'Der aktuelle Stand: Wir organisieren weiter den neuen Termin für {{eventName}} und haben Sie nicht vergessen. ' +
        'Nächstes Update in {{nextUpdateMinutes}} Minuten, {{where}}. Danke für Ihre Geduld.',
    },
    resolved: {
      subject: '{{eventName}} findet wie geplant statt',
      body: 'Gute Nachrichten: {{eventName}} findet heute wie geplant statt. Entschuldigen Sie die Ungewissheit, und danke für Ihre Geduld.',
    },
    postponed: {
      subject: '{{eventName}}: der neue Termin',
      body:
        'Entschuldigen Sie die Änderung: {{eventName}} wird verschoben, der neue Termin ist {{newTime}}. Ihre Anmeldung bleibt gültig, Sie müssen nichts tun. ' +
        'Vor Beginn schicken wir Ihnen eine Erinnerung, {{where}}.',
      bodyTbd:
        'Entschuldigen Sie die Änderung: {{eventName}} wird verschoben. ' +
        'Den neuen Termin geben wir innerhalb von 24 Stunden bekannt, {{where}}. Ihre Anmeldung bleibt gültig, Sie müssen nichts tun.',
    },
  },
  'chat-flood': {
    acknowledge: {
      subject: '{{eventName}}: Wir räumen den Chat auf',
      body:
        'Der Chat wird gerade mit Spam überflutet. Wir entfernen ihn und haben den Chat für einige Minuten verlangsamt, Nachrichten erscheinen deshalb etwas später. ' +
        '{{eventName}} selbst läuft normal weiter. Nächstes Update in {{nextUpdateMinutes}} Minuten, {{where}}.',
    },
    update: {
      subject: '{{eventName}}: Der Chat ist noch verlangsamt',
      body:
        'Wir entfernen weiter den Spam, deshalb bleibt der Chat vorerst verlangsamt. Schreiben Sie Ihre Fragen gern weiter: Wir lesen sie alle. ' +
        'Nächstes Update in {{nextUpdateMinutes}} Minuten, {{where}}.',
    },
    resolved: {
      subject: '{{eventName}}: Der Chat läuft wieder normal',
      body: 'Der Spam ist entfernt und der Chat läuft wieder normal. Danke für Ihre Geduld: Schreiben Sie Ihre Fragen wie gewohnt, wir lesen mit.',
    },
  },
};

const fr: Wording = {
  issue: {
    audio: 'le son',
    video: 'la vidéo',
    stream: 'la diffusion',
    other: 'la retransmission',
    postponement: 'le programme',
    'chat-flood': 'le chat',
  },
  linkLine: 'Toutes les mises à jour : {{link}}',
  any: {
    acknowledge: {
      subject: '{{eventName}} : nous résolvons un problème',
      body:
        "Nous sommes désolés : il y a un problème avec {{issue}} pendant {{eventName}}. Le problème vient de chez nous, vous n'avez rien à faire. " +
        'Nous y travaillons dès maintenant. Prochaine mise à jour dans {{nextUpdateMinutes}} minutes, {{where}}.',
    },
    update: {
      subject: '{{eventName}} : point sur le problème avec {{issue}}',
      body:
        'Voici où nous en sommes : nous travaillons toujours sur le problème avec {{issue}}, et nous ne vous oublions pas. ' +
        'Nous vous préviendrons dès que ce sera réglé. Prochaine mise à jour dans {{nextUpdateMinutes}} minutes, {{where}}. Merci de votre patience.',
    },
    resolved: {
      subject: '{{eventName}} : le problème est résolu',
      body:
        "Le problème avec {{issue}} est résolu et {{eventName}} reprend. Pardon pour l'interruption, et merci d'être restés avec nous. " +
        'Si quelque chose ne fonctionne toujours pas, écrivez-nous dans le chat : nous vous répondrons tout de suite.',
    },
    postponed: {
      subject: '{{eventName}} est reporté',
      body:
        'Nous sommes désolés : à cause du problème avec {{issue}}, nous ne pouvons pas poursuivre {{eventName}} comme prévu et nous le reportons. ' +
        "La nouvelle date est {{newTime}}. Votre inscription reste valable et vous n'avez rien à faire. " +
        'Nous confirmerons la nouvelle date {{where}} et vous enverrons un rappel avant le début.',
      bodyTbd:
        'Nous sommes désolés : à cause du problème avec {{issue}}, nous ne pouvons pas poursuivre {{eventName}} comme prévu et nous le reportons. ' +
        "Nous annoncerons la nouvelle date d'ici 24 heures, {{where}}. Votre inscription reste valable et vous n'avez rien à faire.",
    },
  },
  audio: {
    acknowledge: {
      subject: '{{eventName}} : nous réparons le son',
      body:
        'Nous sommes désolés : il y a un problème avec {{issue}} pendant {{eventName}}. Le problème vient de chez nous : inutile de redémarrer votre ordinateur ou de vérifier vos haut-parleurs. ' +
        'Nous y travaillons dès maintenant. Prochaine mise à jour dans {{nextUpdateMinutes}} minutes, {{where}}.',
    },
  },
  postponement: {
    acknowledge: {
      subject: '{{eventName}} : un changement de programme',
      body:
        'Nous sommes désolés : {{eventName}} ne peut pas commencer comme prévu. Nous organisons une nouvelle date et nous vous tenons au courant. ' +
        'Prochaine mise à jour dans {{nextUpdateMinutes}} minutes, {{where}}.',
    },
    update: {
      subject: '{{eventName}} : point sur la nouvelle date',
      body:
        'Voici où nous en sommes : nous organisons toujours la nouvelle date de {{eventName}}, et nous ne vous oublions pas. ' +
        'Prochaine mise à jour dans {{nextUpdateMinutes}} minutes, {{where}}. Merci de votre patience.',
    },
    resolved: {
      subject: '{{eventName}} a lieu comme prévu',
      body: "Bonne nouvelle : {{eventName}} a bien lieu aujourd'hui, comme prévu. Pardon pour l'incertitude, et merci de votre patience.",
    },
    postponed: {
      subject: '{{eventName}} : la nouvelle date',
      body:
        "Pardon pour ce changement : {{eventName}} est reporté, la nouvelle date est {{newTime}}. Votre inscription reste valable et vous n'avez rien à faire. " +
        'Nous vous enverrons un rappel avant le début, {{where}}.',
      bodyTbd:
        'Pardon pour ce changement : {{eventName}} est reporté. ' +
        "Nous annoncerons la nouvelle date d'ici 24 heures, {{where}}. Votre inscription reste valable et vous n'avez rien à faire.",
    },
  },
  'chat-flood': {
    acknowledge: {
      subject: '{{eventName}} : nous nettoyons le chat',
      body:
        "Le chat est envahi par du spam. Nous le supprimons en ce moment et avons ralenti le chat pendant quelques minutes : les messages peuvent mettre un peu plus de temps à s'afficher. " +
        '{{eventName}} continue normalement. Prochaine mise à jour dans {{nextUpdateMinutes}} minutes, {{where}}.',
    },
    update: {
      subject: '{{eventName}} : le chat reste ralenti',
      body:
        'Nous supprimons toujours le spam, le chat reste donc ralenti pour le moment. Continuez à poser vos questions : nous les lisons toutes. ' +
        'Prochaine mise à jour dans {{nextUpdateMinutes}} minutes, {{where}}.',
    },
    resolved: {
      subject: '{{eventName}} : le chat est revenu à la normale',
      body: "Le spam a disparu et le chat est revenu à la normale. Merci de votre patience : posez vos questions comme d'habitude, nous les lisons.",
    },
  },
};

export const TEMPLATE_TEXT: Record<Language, Wording> = { en, it, es, de, fr };
