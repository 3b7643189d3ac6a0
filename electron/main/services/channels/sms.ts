/**
 * A generic HTTP SMS gateway: POST {endpoint}/messages with `{ from, to: [...], text }`, Bearer API key and an
 * Idempotency-Key header so a retried outbox entry is not texted twice. The gateway answers `{ id }`.
 *
 * With an audience list (`audience` option) the numbers are the people's with SMS consent and no opt-out
 * (fixed per post, so a retry carries the same list and the gateway's key de-duplicates it), plus the typed
 * `recipients` as extra numbers; nobody without SMS consent is ever texted.
 */
import { type ChannelAdapter, type AdapterOptions, ChannelError } from './channel-adapter';
import { parseRecipients, plainText } from './format';
import { httpRequest, joinUrl, probe, requireCreds, timing } from './http';

/** Where the SMS adapter finds its numbers (services/audience implements it). */
export interface SmsAudience {
  /** E.164 numbers of the post's recipients, the same on every call for one key; opted-out ones already left out. */
  numbers(postKey: string): string[];
}

export function createSmsAdapter(opts: AdapterOptions & { audience?: SmsAudience } = {}): ChannelAdapter {
  const required = opts.audience ? ['endpoint', 'apiKey', 'sender'] : ['endpoint', 'apiKey', 'sender', 'recipients'];
  return {
    id: 'sms',
    async send(post, creds, signal) {
      const c = requireCreds('sms', creds, required);
      const extra = parseRecipients(creds.recipients);
      const to = opts.audience ? [...new Set([...opts.audience.numbers(post.idempotencyKey), ...extra])] : extra;
      if (to.length === 0) throw new ChannelError('sms: no recipients configured', false);
      const res = await httpRequest({
        channel: 'sms',
        url: joinUrl(c.endpoint, '/messages'),
        headers: {
          Authorization: `Bearer ${c.apiKey}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'Idempotency-Key': post.idempotencyKey,
        },
        body: JSON.stringify({ from: c.sender, to, text: plainText(post) }),
        ...timing(opts),
        signal,
        creds,
      });
      const id = (res.json as { id?: unknown } | undefined)?.id;
      return {
        channel: 'sms',
        remoteId: id === undefined || id === null ? undefined : String(id),
        detail: `HTTP ${res.status}; ${to.length} recipient${to.length === 1 ? '' : 's'}`,
        at: Date.now(),
      };
    },
    /** GET {endpoint}/messages?limit=1 with the key: an authenticated read that texts nobody. */
    testConnection(creds) {
      return probe(async () => {
        const c = requireCreds('sms', creds, required);
        const res = await httpRequest({
          channel: 'sms',
          method: 'GET',
          url: joinUrl(c.endpoint, '/messages?limit=1'),
          headers: { Authorization: `Bearer ${c.apiKey}`, Accept: 'application/json' },
          ...timing(opts),
          creds,
        });
        const extra = parseRecipients(creds.recipients).length;
        const who = opts.audience
          ? `the audience list${extra ? ` plus ${extra} extra numbers` : ''}`
          : `${extra} recipients configured`;
        return `gateway answered HTTP ${res.status}; ${who}`;
      });
    },
  };
}
