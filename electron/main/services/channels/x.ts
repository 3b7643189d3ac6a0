/**
 * X API v2: POST {endpoint}/2/tweets `{ text }` with a user-context Bearer token (OAuth 2.0 PKCE user token;
 * an app-only token is rejected with 403). Answers 201 `{ data: { id, text } }`. X has no idempotency key;
 * it rejects an identical repeat with 403 "duplicate content", which is correctly non-retryable.
 */
import type { AdapterOptions, ChannelAdapter } from './channel-adapter';
import { plainText } from './format';
import { httpRequest, joinUrl, probe, requireCreds, timing } from './http';

const X_DEFAULT_ENDPOINT = 'https://api.x.com';

export function createXAdapter(opts: AdapterOptions = {}): ChannelAdapter {
  const base = (creds: Record<string, string>) => creds.endpoint?.trim() || X_DEFAULT_ENDPOINT;
  return {
    id: 'x',
    async send(post, creds, signal) {
      const c = requireCreds('x', creds, ['bearerToken']);
      const res = await httpRequest({
        channel: 'x',
        url: joinUrl(base(creds), '/2/tweets'),
        headers: { Authorization: `Bearer ${c.bearerToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: plainText(post) }),
        ...timing(opts),
        signal,
        creds,
      });
      const id = (res.json as { data?: { id?: string } } | undefined)?.data?.id;
      return { channel: 'x', remoteId: id, detail: `HTTP ${res.status}`, at: Date.now() };
    },
    /** GET /2/users/me: proves the token is a valid user token and names the account it posts as. */
    testConnection(creds) {
      return probe(async () => {
        const c = requireCreds('x', creds, ['bearerToken']);
        const res = await httpRequest({
          channel: 'x',
          method: 'GET',
          url: joinUrl(base(creds), '/2/users/me'),
          headers: { Authorization: `Bearer ${c.bearerToken}` },
          ...timing(opts),
          creds,
        });
        const user = (res.json as { data?: { username?: string } } | undefined)?.data;
        return user?.username ? `posting as @${user.username}` : `HTTP ${res.status}`;
      });
    },
  };
}
