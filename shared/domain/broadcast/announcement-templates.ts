/**
 * The wording of scheduled announcements, per kind and language (every language Onair speaks: the table is typed,
 * so a missing language does not build). A postponement reuses the guided response's own postponement text
 * (templates.ts), so the audience reads the same words whether the move was announced ahead or decided during an
 * incident.
 * Like the other templates, the link travels beside the body (each channel places it in its own format), and the
 * shipped text passes the tone check with no warnings (announcement-templates.test.ts).
 */
import { renderTemplate } from './templates';
import type { AnnouncementKind } from './announcements';
import type { Language } from '../vocabulary';
import { whereFor } from './where';

export interface AnnouncementVars {
  eventName: string;
  /** starting-soon: minutes until the start. */
  minutes?: number;
  /** break: when the event resumes, already formatted for the reader ("10:40"). */
  backAt?: string;
  /** postponed: the new date and time, already formatted for the reader. */
  newTime?: string;
  /** Where the next updates appear (see whereFor); defaults to chat, e-mail and the status page. */
  where?: string;
}

type Text = { subject: string; body: string };
/** A postponement is not here: it is the guided response's postponement text. */
type Wording = Record<Exclude<AnnouncementKind, 'postponed'>, (v: AnnouncementVars & { where: string }) => Text>;

const WORDING: Record<Language, Wording> = {
  en: {
    'starting-soon': (v) => ({
      subject: `${v.eventName} starts in ${v.minutes ?? 10} minutes`,
      body: `${v.eventName} starts in ${v.minutes ?? 10} minutes. Join now so you do not miss the beginning: we will see you there. Updates ${v.where}.`,
    }),
    break: (v) => ({
      subject: `${v.eventName}: short break, back at ${v.backAt}`,
      body: `We are taking a short break. ${v.eventName} continues at ${v.backAt}: stay in the webinar, or come back in time. Updates ${v.where}.`,
    }),
    back: (v) => ({
      subject: `${v.eventName}: we are back`,
      body: `We are back: ${v.eventName} continues now. Thank you for waiting. Updates ${v.where}.`,
    }),
  },
  it: {
    'starting-soon': (v) => ({
      subject: `${v.eventName} inizia tra ${v.minutes ?? 10} minuti`,
      body: `${v.eventName} inizia tra ${v.minutes ?? 10} minuti. Collegatevi adesso per non perdere l'inizio: vi aspettiamo. Aggiornamenti ${v.where}.`,
    }),
    break: (v) => ({
      subject: `${v.eventName}: breve pausa, si riprende alle ${v.backAt}`,
      body: `Facciamo una breve pausa. ${v.eventName} riprende alle ${v.backAt}: restate nel webinar o tornate in tempo. Aggiornamenti ${v.where}.`,
    }),
    back: (v) => ({
      subject: `${v.eventName}: siamo tornati`,
      body: `Siamo tornati: ${v.eventName} riprende adesso. Grazie per l'attesa. Aggiornamenti ${v.where}.`,
    }),
  },
  es: {
    'starting-soon': (v) => ({
      subject: `${v.eventName} empieza en ${v.minutes ?? 10} minutos`,
      body: `${v.eventName} empieza en ${v.minutes ?? 10} minutos. Conéctense ahora para no perderse el comienzo: les esperamos. Novedades ${v.where}.`,
    }),
    break: (v) => ({
      subject: `${v.eventName}: breve pausa, volvemos a las ${v.backAt}`,
      body: `Hacemos una breve pausa. ${v.eventName} continúa a las ${v.backAt}: quédense en el webinar o vuelvan a tiempo. Novedades ${v.where}.`,
    }),
    back: (v) => ({
      subject: `${v.eventName}: ya estamos de vuelta`,
      body: `Ya estamos de vuelta: ${v.eventName} continúa ahora. Gracias por esperar. Novedades ${v.where}.`,
    }),
  },
  de: {
    'starting-soon': (v) => ({
      subject: `${v.eventName} beginnt in ${v.minutes ?? 10} Minuten`,
      body: `${v.eventName} beginnt in ${v.minutes ?? 10} Minuten. Schalten Sie sich jetzt zu, damit Sie den Anfang nicht verpassen: Wir freuen uns auf Sie. Updates ${v.where}.`,
    }),
    break: (v) => ({
      subject: `${v.eventName}: kurze Pause, weiter um ${v.backAt}`,
      body: `Wir machen eine kurze Pause. ${v.eventName} geht um ${v.backAt} weiter: Bleiben Sie im Webinar oder kommen Sie rechtzeitig zurück. Updates ${v.where}.`,
    }),
    back: (v) => ({
      subject: `${v.eventName}: Wir sind zurück`,
      body: `Wir sind zurück: ${v.eventName} geht jetzt weiter. Danke fürs Warten. Updates ${v.where}.`,
    }),
  },
  fr: {
    'starting-soon': (v) => ({
      subject: `${v.eventName} commence dans ${v.minutes ?? 10} minutes`,
      body: `${v.eventName} commence dans ${v.minutes ?? 10} minutes. Connectez-vous maintenant pour ne pas manquer le début : nous vous attendons. Mises à jour ${v.where}.`,
    }),
    break: (v) => ({
      subject: `${v.eventName} : courte pause, reprise à ${v.backAt}`,
      body: `Nous faisons une courte pause. ${v.eventName} reprend à ${v.backAt} : restez dans le webinaire ou revenez à temps. Mises à jour ${v.where}.`,
    }),
    back: (v) => ({
      subject: `${v.eventName} : nous sommes de retour`,
      body: `Nous sommes de retour : ${v.eventName} reprend maintenant. Merci de votre patience. Mises à jour ${v.where}.`,
    }),
  },
};

export function renderAnnouncement(kind: AnnouncementKind, lang: Language, given: AnnouncementVars): Text {
  const vars = {
    ...given,
    where: given.where?.trim() || (whereFor(['webinar-chat', 'email', 'status-page'], lang) ?? ''),
  };
  if (kind === 'postponed') {
    const r = renderTemplate({
      kind: 'postponement',
      phase: 'postponed',
      lang,
      vars: { eventName: vars.eventName, newTime: vars.newTime, where: vars.where },
    });
    return { subject: r.subject, body: r.body };
  }
  return WORDING[lang][kind](vars);
}
