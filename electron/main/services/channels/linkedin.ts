/**
 * LinkedIn Posts API (versioned REST): POST {endpoint}/rest/posts. Answers 201 with an empty body and the new
 * post's URN in the `x-restli-id` header. The commentary is "little text", so reserved characters are escaped.
 * testConnection uses GET /v2/userinfo (OpenID Connect, scope `openid profile`): it is the one identity endpoint
 * open to every app with "Sign In with LinkedIn"; /rest/me needs the restricted r_liteprofile/r_basicprofile.
 */
import { ChannelError, type AdapterOptions, type ChannelAdapter } from './channel-adapter';
import { littleTextEscape, plainText } from './format';
import { httpRequest, joinUrl, probe, requireCreds, timing } from './http';

const LINKEDIN_DEFAULT_ENDPOINT = 'https://api.linkedin.com';
/** YYYYMM; LinkedIn sunsets a version about a year after release, so this is an option. */
const LINKEDIN_VERSION = '202405';

export interface LinkedInOptions extends AdapterOptions {
  version?: string;
}

export function linkedInPostBody(author: string, commentary: string) {
  return {
    author,
    commentary,
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: false,
  };
}

export function createLinkedInAdapter(opts: LinkedInOptions = {}): ChannelAdapter {
  const base = (creds: Record<string, string>) => creds.endpoint?.trim() || LINKEDIN_DEFAULT_ENDPOINT;
  return {
    id: 'linkedin',
    async send(post, creds, signal) {
      const c = requireCreds('linkedin', creds, ['accessToken', 'author']);
      const res = await httpRequest({
        channel: 'linkedin',
        url: joinUrl(base(creds), '/rest/posts'),
        headers: {
          Authorization: `Bearer ${c.accessToken}`,
          'LinkedIn-Version': opts.version ?? LINKEDIN_VERSION,
          'X-Restli-Protocol-Version': '2.0.0',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(linkedInPostBody(c.author, littleTextEscape(plainText(post)))),
        ...timing(opts),
        signal,
        creds,
      });
      const id = res.headers.get('x-restli-id') ?? undefined;
      return { channel: 'linkedin', remoteId: id, detail: `HTTP ${res.status}`, at: Date.now() };
    },
    testConnection(creds) {
      return probe(async () => {
        const c = requireCreds('linkedin', creds, ['accessToken', 'author']);
        const res = await httpRequest({
          channel: 'linkedin',
          method: 'GET',
          url: joinUrl(base(creds), '/v2/userinfo'),
          headers: { Authorization: `Bearer ${c.accessToken}` },
          ...timing(opts),
          creds,
        });
        const me = (res.json ?? {}) as { sub?: string; name?: string };
        const who = me.name ?? me.sub ?? 'token valid';
        // A person author must be the token's own member; an organization author is checked only on post.
        if (me.sub && c.author.startsWith('urn:li:person:') && c.author !== `urn:li:person:${me.sub}`) {
          throw new ChannelError(`linkedin: token belongs to ${who}, not to author ${c.author}`, false);
        }
        return `signed in as ${who}`;
      });
    },
  };
}
