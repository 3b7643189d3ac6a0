/**
 * A generic HTTP SMS gateway: POST {endpoint}/messages with `{ from, to: [...], text }`, Bearer API key and an
 * Idempotency-Key header so a retried outbox entry is not texted twice. The gateway answers `{ id }`.
 */
import { type ChannelAdapter, type AdapterOptions, ChannelError } from './channel-adapter';
import { parseRecipients, plainText } from './format';
import { httpRequest, joinUrl, probe, requireCreds, timing } from './http';

export function createSmsAdapter(opts: AdapterOptions = {}): ChannelAdapter {
  return {
    id: 'sms',
    async send(post, creds, signal) {
      const c = requireCreds('sms', creds, ['endpoint', 'apiKey', 'sender', 'recipients']);
      const to = parseRecipients(c.recipients);
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
        const c = requireCreds('sms', creds, ['endpoint', 'apiKey', 'sender', 'recipients']);
        const res = await httpRequest({
          channel: 'sms',
          method: 'GET',
          url: joinUrl(c.endpoint, '/messages?limit=1'),
          headers: { Authorization: `Bearer ${c.apiKey}`, Accept: 'application/json' },
          ...timing(opts),
          creds,
        });
        return `gateway answered HTTP ${res.status}; ${parseRecipients(c.recipients).length} recipients configured`;
      });
    },
  };
}
