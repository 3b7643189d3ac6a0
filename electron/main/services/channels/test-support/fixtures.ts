import type { ChannelId } from '../../../../../shared/channels';
import type { OutgoingPost } from '../channel-adapter';

export function makePost(channel: ChannelId, over: Partial<OutgoingPost> = {}): OutgoingPost {
  return {
    idempotencyKey: `inc-42:${channel}:ack`,
    channel,
    subject: 'Audio problem on the main stage',
    text: 'We hear you: the audio dropped. Our team is on it and will update you within 5 minutes.',
    link: 'https://status.example.com/live?e=1&x=2',
    incidentId: 'inc-42',
    eventName: 'Spring Launch Webinar',
    lang: 'en',
    createdAt: 1_700_000_000_000,
    phase: 'acknowledge',
    ...over,
  };
}

export const SECRET = 'sk_live_Zq9SecretTokenValue123';
