/**
 * Facebook Page feed via the Graph API: POST {endpoint}/{pageId}/feed, form-encoded `message`, optional `link`,
 * `access_token` (a Page token with pages_manage_posts). Answers `{ id: "<page>_<post>" }`.
 * The token travels in the POST body, never in a URL, so it cannot leak through proxies or logs; only the
 * read-only testConnection puts it in a query string, as the Graph API requires for GET.
 * Graph errors are `{ error: { message, type, code, is_transient } }`; the code decides retryability.
 */
import type { AdapterOptions, ChannelAdapter } from './channel-adapter';
import { safeLink } from './format';
import { httpRequest, joinUrl, probe, requireCreds, timing } from './http';

const FACEBOOK_DEFAULT_ENDPOINT = 'https://graph.facebook.com/v21.0';

/** Throttling (4, 17, 32, 613) and "unknown/service" (1, 2) are transient; 190 (token) and the rest are not. */
const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 341, 613]);

function classifyGraphError(status: number, json: unknown) {
  const e = (json as { error?: { message?: string; code?: number; is_transient?: boolean } } | undefined)?.error;
  if (!e || typeof e.code !== 'number') return undefined;
  const message = `${e.message ?? 'Graph API error'} (code ${e.code})`;
  if (e.code === 190) return { retryable: false, message };
  if (TRANSIENT_CODES.has(e.code) || e.is_transient === true) return { retryable: true, message };
  return { retryable: status >= 500, message };
}

export function createFacebookAdapter(opts: AdapterOptions = {}): ChannelAdapter {
  const base = (creds: Record<string, string>) => creds.endpoint?.trim() || FACEBOOK_DEFAULT_ENDPOINT;
  return {
    id: 'facebook',
    async send(post, creds, signal) {
      const c = requireCreds('facebook', creds, ['pageId', 'pageAccessToken']);
      const form = new URLSearchParams({ message: post.text });
      const link = safeLink(post.link);
      if (link) form.set('link', link);
      form.set('access_token', c.pageAccessToken);
      const res = await httpRequest({
        channel: 'facebook',
        url: joinUrl(base(creds), `/${encodeURIComponent(c.pageId)}/feed`),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        ...timing(opts),
        signal,
        creds,
        classify: classifyGraphError,
      });
      const id = (res.json as { id?: string } | undefined)?.id;
      return { channel: 'facebook', remoteId: id, detail: `HTTP ${res.status}`, at: Date.now() };
    },
    testConnection(creds) {
      return probe(async () => {
        const c = requireCreds('facebook', creds, ['pageId', 'pageAccessToken']);
        const q = new URLSearchParams({ fields: 'name', access_token: c.pageAccessToken });
        const res = await httpRequest({
          channel: 'facebook',
          method: 'GET',
          url: joinUrl(base(creds), `/${encodeURIComponent(c.pageId)}?${q}`),
          ...timing(opts),
          creds,
          classify: classifyGraphError,
        });
        const name = (res.json as { name?: string } | undefined)?.name;
        return name ? `page "${name}"` : `HTTP ${res.status}`;
      });
    },
  };
}
