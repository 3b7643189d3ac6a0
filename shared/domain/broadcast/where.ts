/**
 * "Where will you hear from us next?" in the reader's language, from the channels this update really goes
 * to, so a template never promises e-mail when e-mail is not configured. Staff-only channels (Slack,
 * Teams, Discord, webhooks) are not places the audience reads, so they are not named.
 */
import type { ChannelId } from '../../channels';
import type { Language } from '../vocabulary';

type Phrases = { parts: Partial<Record<ChannelId, string>>; and: string };

const WHERE: Record<Language, Phrases> = {
  en: {
    and: 'and',
    parts: {
      'webinar-chat': 'here in the chat',
      email: 'by e-mail',
      sms: 'by SMS',
      'status-page': 'on our status page',
      x: 'on X',
      linkedin: 'on LinkedIn',
      facebook: 'on Facebook',
    },
  },
  it: {
    and: 'e',
    parts: {
      'webinar-chat': 'qui in chat',
      email: 'via e-mail',
      sms: 'via SMS',
      'status-page': 'sulla nostra pagina di stato',
      x: 'su X',
      linkedin: 'su LinkedIn',
      facebook: 'su Facebook',
    },
  },
  es: {
    and: 'y',
    parts: {
      'webinar-chat': 'aquí en el chat',
      email: 'por e-mail',
      sms: 'por SMS',
      'status-page': 'en nuestra página de estado',
      x: 'en X',
      linkedin: 'en LinkedIn',
      facebook: 'en Facebook',
    },
  },
  de: {
    and: 'und',
    parts: {
      'webinar-chat': 'hier im Chat',
      email: 'per E-Mail',
      sms: 'per SMS',
      'status-page': 'auf unserer Statusseite',
      x: 'auf X',
      linkedin: 'auf LinkedIn',
      facebook: 'auf Facebook',
    },
  },
  fr: {
    and: 'et',
    parts: {
      'webinar-chat': 'ici dans le chat',
      email: 'par e-mail',
      sms: 'par SMS',
      'status-page': "sur notre page d'état",
      x: 'sur X',
      linkedin: 'sur LinkedIn',
      facebook: 'sur Facebook',
    },
  },
};

const ORDER: ChannelId[] = ['webinar-chat', 'email', 'sms', 'status-page', 'x', 'linkedin', 'facebook'];

/** The audience-facing channels joined as a phrase, or undefined when none is audience-facing. */
export function whereFor(channels: readonly ChannelId[], lang: Language): string | undefined {
  const p = WHERE[lang];
  const parts = ORDER.filter((c) => channels.includes(c)).map((c) => p.parts[c]!);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} ${p.and} ${parts.at(-1)}`;
}
