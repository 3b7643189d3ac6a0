/**
 * The browser's part of Google's sign-in, played by a test: open the consent URL (the stand-in answers with a
 * 302 to Onair's loopback listener) and follow it, then wait for Onair to have the tokens.
 */
import { startGoogleSignIn, type SignedIn } from '../../electron/main/services/sources/youtube/google-sign-in';
import type { YoutubeSettings } from '../../electron/main/services/sources/source-settings';
import type { GoogleStandIn } from './google-standin';

/** Follows the consent page's redirect to the loopback listener; answers what the listener showed. */
export async function playBrowser(authUrl: string): Promise<{ status: number; page: string }> {
  const consent = await fetch(authUrl, { redirect: 'manual' });
  const back = consent.headers.get('location');
  if (!back) throw new Error(`the consent page did not redirect (HTTP ${consent.status})`);
  const res = await fetch(back);
  return { status: res.status, page: await res.text() };
}

async function signInAt(google: GoogleStandIn): Promise<SignedIn> {
  const signIn = await startGoogleSignIn(google.app);
  await playBrowser(signIn.authUrl);
  return signIn.done;
}

/** A signed-in YouTube source's settings on the stand-in's first broadcast. */
export async function youtubeSettingsAt(google: GoogleStandIn, over: Partial<YoutubeSettings> = {}) {
  const signedIn = await signInAt(google);
  const b = google.broadcasts[0]!;
  const settings: YoutubeSettings = {
    kind: 'youtube',
    clientId: google.app.clientId,
    clientSecret: google.app.clientSecret,
    baseUrl: google.app.baseUrl,
    refreshToken: signedIn.refreshToken,
    account: signedIn.account,
    broadcastId: b.id,
    broadcastTitle: b.title,
    dailyQuota: 10_000,
    watchHours: 4,
    ...over,
  };
  return settings;
}
