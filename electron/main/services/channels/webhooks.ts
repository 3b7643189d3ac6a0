/**
 * Chat-ops webhooks and the generic webhook. Webhook URLs are bearer secrets (whoever has one can post),
 * so errors and receipts only ever show their host.
 * - Slack incoming webhook: `{ text, blocks: [section mrkdwn] }`, answers 200 "ok" (errors are plain-text codes).
 * - Teams Workflows ("Post to a channel when a webhook request is received"): an Adaptive Card 1.4 message,
 *   answers 202 with an empty body.
 * - Discord: `?wait=true` makes Discord answer with the created message (its `id`); mentions are disabled.
 * - Generic: our own JSON shape, `Idempotency-Key`, and `X-Onair-Signature: sha256=<hex HMAC-SHA256 of the raw
 *   body>` when a secret is set, so the receiver can verify origin and integrity.
 */
import { createHmac } from 'node:crypto';
import type { ChannelId } from '../../../../shared/channels';
import {
  ChannelError,
  type AdapterOptions,
  type ChannelAdapter,
  type Credentials,
  type OutgoingPost,
} from './channel-adapter';
import { discordText, plainText, safeLink, slackText } from './format';
import { hostOf, httpRequest, probe, requireCreds, timing, type HttpResponse } from './http';

interface JsonWebhook {
  id: ChannelId;
  credKey: string;
  url(raw: string): string;
  body(post: OutgoingPost): unknown;
  headers?(post: OutgoingPost, body: string, creds: Credentials): Record<string, string>;
  check?(res: HttpResponse, host: string): void;
  remoteId?(res: HttpResponse): string | undefined;
  allowInsecure?: boolean;
  /** A request that checks the URL without publishing anything; absent → configuration check only. */
  probe?(url: string, creds: Credentials, opts: AdapterOptions): Promise<string>;
}

function createJsonWebhookAdapter(w: JsonWebhook, opts: AdapterOptions): ChannelAdapter {
  return {
    id: w.id,
    async send(post, creds, signal) {
      const raw = requireCreds(w.id, creds, [w.credKey])[w.credKey];
      const body = JSON.stringify(w.body(post));
      const res = await httpRequest({
        channel: w.id,
        url: w.url(raw),
        headers: { 'Content-Type': 'application/json', ...w.headers?.(post, body, creds) },
        body,
        ...timing(opts),
        signal,
        creds,
        allowInsecure: w.allowInsecure,
      });
      w.check?.(res, hostOf(raw));
      return {
        channel: w.id,
        remoteId: w.remoteId?.(res),
        detail: `HTTP ${res.status} from ${hostOf(raw)}`,
        at: Date.now(),
      };
    },
    /** Uses the platform's non-publishing probe when there is one; otherwise only the configuration is checked. */
    testConnection(creds) {
      return probe(async () => {
        const raw = requireCreds(w.id, creds, [w.credKey])[w.credKey];
        let url: URL;
        try {
          url = new URL(w.url(raw));
        } catch {
          throw new ChannelError(`${w.id}: webhook URL is not a valid URL`, false);
        }
        if (
          url.protocol !== 'https:' &&
          !w.allowInsecure &&
          !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
        ) {
          throw new ChannelError(`${w.id}: webhook URL must use https`, false);
        }
        if (w.probe) return w.probe(url.href, creds, opts);
        return `configured for ${url.host} (nothing sent)`;
      });
    },
  };
}

function slackPayload(post: OutgoingPost) {
  const text = slackText(post);
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

function teamsPayload(post: OutgoingPost) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            // The preview's text, its bold subject line included (TextBlock renders that markdown).
            { type: 'TextBlock', text: plainText(post), wrap: true },
          ],
        },
      },
    ],
  };
}

function discordPayload(post: OutgoingPost) {
  return { content: discordText(post), allowed_mentions: { parse: [] } };
}

function genericPayload(post: OutgoingPost) {
  const { idempotencyKey, channel, eventName, phase, subject, text, createdAt } = post;
  return { idempotencyKey, channel, eventName, phase, subject, text, link: safeLink(post.link), createdAt };
}

/** The signature header value for a raw body; receivers recompute it and compare in constant time. */
function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function createSlackAdapter(opts: AdapterOptions = {}): ChannelAdapter {
  return createJsonWebhookAdapter(
    {
      id: 'slack',
      credKey: 'webhookUrl',
      url: (raw) => raw,
      body: slackPayload,
      check(res, host) {
        if (res.text.trim() !== 'ok')
          throw new ChannelError(`slack: unexpected answer from ${host}`, false, res.status);
      },
      /** An empty payload is refused with 400 (no_text…) by a live webhook and 403/404/410 by a dead one. */
      async probe(url, creds, net) {
        const host = hostOf(url);
        try {
          await httpRequest({
            channel: 'slack',
            url,
            headers: { 'Content-Type': 'application/json' },
            body: '{}',
            ...timing(net),
            creds,
          });
        } catch (err) {
          if (err instanceof ChannelError && err.status === 400) return `webhook on ${host} is live (nothing posted)`;
          throw err;
        }
        throw new ChannelError(`slack: ${host} accepted an empty message; is this a Slack webhook?`, false);
      },
    },
    opts,
  );
}

export function createTeamsAdapter(opts: AdapterOptions = {}): ChannelAdapter {
  return createJsonWebhookAdapter({ id: 'teams', credKey: 'webhookUrl', url: (raw) => raw, body: teamsPayload }, opts);
}

export function createDiscordAdapter(opts: AdapterOptions = {}): ChannelAdapter {
  return createJsonWebhookAdapter(
    {
      id: 'discord',
      credKey: 'webhookUrl',
      url(raw) {
        try {
          const u = new URL(raw);
          u.searchParams.set('wait', 'true');
          return u.href;
        } catch {
          return raw; // httpRequest reports the invalid URL without echoing it
        }
      },
      body: discordPayload,
      remoteId: (res) => (res.json as { id?: string } | undefined)?.id,
      /** GET on a webhook URL returns the webhook object (name, channel_id) without posting. */
      async probe(url, creds, net) {
        const res = await httpRequest({
          channel: 'discord',
          method: 'GET',
          url: url.replace(/\?.*$/, ''),
          ...timing(net),
          creds,
        });
        const name = (res.json as { name?: string } | undefined)?.name;
        return name ? `webhook "${name}" on ${hostOf(url)}` : `webhook on ${hostOf(url)} answered HTTP ${res.status}`;
      },
    },
    opts,
  );
}

/** The generic webhook carries no credential in the request, so plain http (e.g. on a LAN) is allowed. */
export function createWebhookAdapter(opts: AdapterOptions = {}): ChannelAdapter {
  return createJsonWebhookAdapter(
    {
      id: 'webhook',
      credKey: 'url',
      url: (raw) => raw,
      body: genericPayload,
      allowInsecure: true,
      headers(post, body, creds) {
        const h: Record<string, string> = { 'Idempotency-Key': post.idempotencyKey };
        if (creds.secret) h['X-Onair-Signature'] = signBody(body, creds.secret);
        return h;
      },
    },
    opts,
  );
}
