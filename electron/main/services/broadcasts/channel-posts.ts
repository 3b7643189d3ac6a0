/**
 * How one public post (an incident update or an announcement) becomes one outbox entry per channel, so both
 * follow the same rules: refused when its link points at this computer or when it would e-mail the audience
 * list without a public unsubscribe address; each channel's text fitted to that channel's limits (the webinar
 * chat's tightest one where it posts now); e-mail and SMS also in the other languages their people read; one
 * idempotency key per channel, made by the caller.
 */
import type { ChannelId } from '../../../../shared/channels';
import type { DraftInput } from '../../../../shared/domain/broadcast/broadcast-round';
import { previewForChannel, type ChannelLimit } from '../../../../shared/domain/broadcast/channel-preview';
import {
  isVariantChannel,
  languageVariants,
  variantLanguages,
  type VariantChannel,
  type VariantLanguage,
} from '../../../../shared/domain/broadcast/language-variants';
import type { OutboxDraft } from '../../../../shared/domain/broadcast/outbox-entry';
import { languageOr, type Language } from '../../../../shared/domain/vocabulary';
import type { Outbox } from '../outbox/outbox';
import { loopbackLinkProblem } from './public-link';

export interface ChannelPostsDeps {
  outbox: Pick<Outbox, 'enqueue'>;
  eventName(): string;
  /** Tighter limits from where channels post now (the webinar chat of a YouTube broadcast: 200 characters). */
  channelLimits?(): Partial<Record<ChannelId, ChannelLimit>>;
  /** Why e-mail cannot go to the audience list now (no public unsubscribe address), or undefined. */
  emailProblem?(): string | undefined;
  /** Language → how many of the channel's reachable people read it (the audience list); absent: no variants. */
  audienceLanguages?(channel: VariantChannel): Record<string, number>;
}

/** One post as it goes to every channel: what each entry carries besides its channel's text. */
interface ChannelPost extends Pick<
  OutboxDraft,
  'sessionId' | 'incidentId' | 'round' | 'phase' | 'lang' | 'attachments'
> {
  draft: DraftInput;
  /** The post's template in another language, with the same facts; absent: it goes in its one language. */
  render?: (lang: Language) => Omit<DraftInput, 'link'>;
}

export function createChannelPosts(d: ChannelPostsDeps) {
  /** The other languages a post in `lang` also goes out in on an e-mail or SMS channel, with their readers. */
  function languagesFor(lang: string, channel: VariantChannel): VariantLanguage[] {
    if (!d.audienceLanguages) return [];
    return variantLanguages(languageOr(lang), d.audienceLanguages(channel));
  }

  /** Why a post carrying these links cannot go to these channels now, or undefined when it can. */
  function problem(channels: readonly ChannelId[], links: readonly (string | undefined)[] = []): string | undefined {
    return (
      links.map((link) => loopbackLinkProblem({ link })).find(Boolean) ??
      (channels.includes('email') ? d.emailProblem?.() : undefined)
    );
  }

  /**
   * Enqueues the post on each channel; call it inside the transaction that records the post, and await what it
   * returns once that transaction is over (a shared store confirms the rows then).
   */
  function enqueue(
    post: ChannelPost,
    channels: readonly ChannelId[],
    keyOf: (channel: ChannelId) => string,
  ): Promise<unknown> {
    const { draft, render, ...fields } = post;
    const limits = d.channelLimits?.() ?? {};
    const variantsFor = (channel: ChannelId) => {
      if (!render || !isVariantChannel(channel)) return undefined;
      const langs = languagesFor(post.lang, channel).map((l) => l.lang);
      if (!langs.length) return undefined;
      return { variants: languageVariants(langs, render, draft.link, channel, limits[channel]) };
    };
    return d.outbox.enqueue(
      channels.map((channel) => {
        const p = previewForChannel(draft, channel, limits[channel]);
        return {
          ...fields,
          idempotencyKey: keyOf(channel),
          channel,
          subject: p.subject ?? draft.subject,
          text: p.text,
          link: draft.link,
          eventName: d.eventName(),
          ...variantsFor(channel),
        };
      }),
    );
  }

  return { languagesFor, problem, enqueue };
}
