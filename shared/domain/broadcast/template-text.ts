/**
 * The wording of the guided response, as i18next resources. Every message is calm and transparent. It takes
 * responsibility, says what we know and what we are doing, and says when the next update comes and where:
 * always more than one place, never "on Facebook" alone (seeds-summary §1).
 * `any.<phase>` is the general wording; `<kind>.<phase>` overrides it where a kind deserves its own words.
 * `issue.<kind>` is the default for {{issue}}, a noun phrase that follows "a problem with".
 * The shipped text must pass the tone check with zero findings (see templates.test.ts).
 */

const en = {
  issue: {
    audio: 'the audio',
    video: 'the video',
    stream: 'the live stream',
    other: 'the broadcast',
    postponement: 'the schedule',
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
};

const it = {
  issue: {
    audio: "l'audio",
    video: 'il video',
    stream: 'la diretta',
    other: 'la trasmissione',
    postponement: 'il programma',
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
};

/** Acknowledgement only; other phases fall back to English. */
const es = {
  issue: {
    audio: 'el audio',
    video: 'el vídeo',
    stream: 'la transmisión',
    other: 'la emisión',
    postponement: 'el programa',
  },
  linkLine: 'Todas las novedades: {{link}}',
  any: {
    acknowledge: {
      subject: '{{eventName}}: estamos resolviendo un problema',
      body:
        'Lo sentimos: hay un problema con {{issue}} en {{eventName}}. El problema es nuestro y no tiene que hacer nada. Ya estamos trabajando en ello. ' +
        'Próxima actualización en {{nextUpdateMinutes}} minutos, {{where}}.',
    },
  },
};

const de = {
  issue: {
    audio: 'dem Ton',
    video: 'dem Video',
    stream: 'dem Livestream',
    other: 'der Übertragung',
    postponement: 'dem Zeitplan',
  },
  linkLine: 'Alle Updates: {{link}}',
  any: {
    acknowledge: {
      subject: '{{eventName}}: Wir beheben ein Problem',
      body:
        'Entschuldigung: Es gibt ein Problem mit {{issue}} bei {{eventName}}. Der Fehler liegt bei uns, Sie müssen nichts tun. Wir arbeiten bereits daran. ' +
        'Nächstes Update in {{nextUpdateMinutes}} Minuten, {{where}}.',
    },
  },
};

const fr = {
  issue: {
    audio: 'le son',
    video: 'la vidéo',
    stream: 'la diffusion',
    other: 'la retransmission',
    postponement: 'le programme',
  },
  linkLine: 'Toutes les mises à jour : {{link}}',
  any: {
    acknowledge: {
      subject: '{{eventName}} : nous résolvons un problème',
      body:
        "Nous sommes désolés : il y a un problème avec {{issue}} pendant {{eventName}}. Le problème vient de chez nous, vous n'avez rien à faire. " +
        'Nous y travaillons dès maintenant. Prochaine mise à jour dans {{nextUpdateMinutes}} minutes, {{where}}.',
    },
  },
};

export const TEMPLATE_RESOURCES = {
  en: { translation: en },
  it: { translation: it },
  es: { translation: es },
  de: { translation: de },
  fr: { translation: fr },
};
