/**
 * Google's OAuth client and the YouTube Data API client, pointed at Google or, when a base URL is given,
 * at one origin that serves the same paths (the tests' stand-in on 127.0.0.1). The OAuth client refreshes
 * the access token by itself shortly before it expires. Both libraries load with the first YouTube source or
 * sign-in (together over 100 ms), not at every start.
 */
import type { youtube_v3 } from '@googleapis/youtube';
import type { OAuth2Client } from 'google-auth-library';

export interface GoogleEndpoints {
  /** Where the browser signs in (the consent screen). */
  authUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  /** Root of the Data API: `${apiRoot}youtube/v3/…`. */
  apiRoot: string;
}

const GOOGLE: GoogleEndpoints = {
  authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
  apiRoot: 'https://youtube.googleapis.com/',
};

/** Google, or one origin serving Google's paths (`/o/oauth2/v2/auth`, `/token`, `/revoke`, `/youtube/v3/…`). */
export function googleEndpoints(baseUrl?: string): GoogleEndpoints {
  if (!baseUrl) return GOOGLE;
  const base = baseUrl.replace(/\/+$/, '');
  return {
    authUrl: `${base}/o/oauth2/v2/auth`,
    tokenUrl: `${base}/token`,
    revokeUrl: `${base}/revoke`,
    apiRoot: `${base}/`,
  };
}

/** The installed app's OAuth client (the producer's Google Cloud project, "Desktop app" type). */
export interface GoogleApp {
  clientId: string;
  /** Google issues one to desktop clients too; it is not secret there, but it is kept sealed all the same. */
  clientSecret?: string;
  baseUrl?: string;
}

/** Refreshed this long before the access token expires, so no call goes out with a token about to lapse. */
const REFRESH_AHEAD_MS = 5 * 60_000;

export interface GoogleClients {
  auth: OAuth2Client;
  /** The Data API with `auth`'s tokens; every call it makes goes to `apiRoot`. */
  api: youtube_v3.Youtube;
}

/** The installed app's OAuth client and the Data API on it, with the account's refresh token when signed in. */
export async function googleClients(
  app: GoogleApp,
  o: { redirectUri?: string; refreshToken?: string } = {},
): Promise<GoogleClients> {
  const [{ youtube }, { OAuth2Client }] = await Promise.all([
    import('@googleapis/youtube'),
    import('google-auth-library'),
  ]);
  const e = googleEndpoints(app.baseUrl);
  const auth = new OAuth2Client({
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: o.redirectUri,
    eagerRefreshThresholdMillis: REFRESH_AHEAD_MS,
    // A token Google stopped taking before its time (revoked access token, clock skew): refresh once and retry.
    forceRefreshOnFailure: true,
    endpoints: { oauth2AuthBaseUrl: e.authUrl, oauth2TokenUrl: e.tokenUrl, oauth2RevokeUrl: e.revokeUrl },
  });
  if (o.refreshToken) auth.setCredentials({ refresh_token: o.refreshToken });
  return { auth, api: youtube({ version: 'v3', auth, rootUrl: e.apiRoot, retry: false }) };
}
