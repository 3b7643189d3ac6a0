import { describe, expect, it } from 'vitest';
import type { ChannelId } from '../../../../shared/channels';
import type { OutboxDraft, OutboxEntryView } from '../../../../shared/domain/broadcast/outbox-entry';
import { createChannelPosts, type ChannelPostsDeps } from './channel-posts';

const LOOPBACK = "the link points at this computer (127.0.0.1): set the status page's public URL in Channels";
const NO_UNSUBSCRIBE = 'set the public unsubscribe address in Audience';

function setup(over: Partial<ChannelPostsDeps> = {}) {
  const queued: OutboxDraft[] = [];
  const posts = createChannelPosts({
    outbox: {
      enqueue: async (drafts) => {
        queued.push(...drafts);
        return [] as OutboxEntryView[];
      },
    },
    eventName: () => 'Spring webinar',
    ...over,
  });
  return { posts, queued };
}

const draft = {
  subject: 'Audio problem',
  body: 'We lost the audio. We are fixing it and will update you in 10 minutes.',
  link: 'https://status.example.org/',
};
const key = (c: ChannelId) => `inc-1:2:${c}`;

describe('createChannelPosts', () => {
  it('enqueues one entry per channel with its own key, the post fields and the text fitted to the channel', async () => {
    const { posts, queued } = setup({
      channelLimits: () => ({ 'webinar-chat': { maxLength: 40, label: 'YouTube chat' } }),
    });
    await posts.enqueue(
      { draft, sessionId: 's1', incidentId: 'inc-1', round: 2, phase: 'update', lang: 'en' },
      ['webinar-chat', 'email'],
      key,
    );
    expect(queued.map((q) => q.idempotencyKey)).toEqual(['inc-1:2:webinar-chat', 'inc-1:2:email']);
    for (const q of queued)
      expect(q).toMatchObject({
        sessionId: 's1',
        incidentId: 'inc-1',
        round: 2,
        phase: 'update',
        lang: 'en',
        link: draft.link,
        eventName: 'Spring webinar',
      });
    const [chat, email] = queued;
    expect(chat.text.length).toBeLessThanOrEqual(40);
    expect(email.subject).toBe('Audio problem');
    expect(email.text).toContain('We lost the audio.');
    expect(email.text.length).toBeGreaterThan(40);
  });

  it('adds the audience languages as variants on e-mail and SMS only, when the post can be rendered in them', async () => {
    const audienceLanguages = () => ({ en: 5, it: 3, de: 1 });
    const render = (lang: string) => ({ subject: `subject ${lang}`, body: `body ${lang}` });
    const { posts, queued } = setup({ audienceLanguages });
    await posts.enqueue({ draft, render, phase: 'manual', lang: 'en' }, ['email', 'sms', 'slack'], key);
    const [email, sms, slack] = queued;
    expect(Object.keys(email.variants ?? {})).toEqual(['it', 'de']);
    expect(email.variants?.it).toEqual({ subject: 'subject it', text: expect.stringContaining('body it') });
    expect(Object.keys(sms.variants ?? {})).toEqual(['it', 'de']);
    expect(slack.variants).toBeUndefined();

    const plain = setup({ audienceLanguages });
    await plain.posts.enqueue({ draft, phase: 'manual', lang: 'en' }, ['email'], key);
    expect(plain.queued[0].variants).toBeUndefined();
    expect(posts.languagesFor('en', 'email')).toEqual([
      { lang: 'it', people: 3 },
      { lang: 'de', people: 1 },
    ]);
    expect(setup().posts.languagesFor('en', 'email')).toEqual([]);
  });

  it('refuses a link to this computer first, then e-mail without a public unsubscribe address', () => {
    const { posts } = setup({ emailProblem: () => NO_UNSUBSCRIBE });
    expect(posts.problem(['email'], [undefined, 'http://127.0.0.1:4780/'])).toBe(LOOPBACK);
    expect(posts.problem(['email'], [draft.link])).toBe(NO_UNSUBSCRIBE);
    expect(posts.problem(['email'])).toBe(NO_UNSUBSCRIBE);
    expect(posts.problem(['slack'], [draft.link, undefined])).toBeUndefined();
    expect(setup().posts.problem(['email'], [draft.link])).toBeUndefined();
  });
});
