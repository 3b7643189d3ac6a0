/**
 * Which links the desktop window may hand to the operating system. shell.openExternal gives a URL to
 * whatever the OS registered for its scheme: file:, smb: or an installed program's own scheme can open or
 * run local things, and a link can arrive in text we do not control (a chat message, a peer's answer). So
 * only https to a host on the list passes, plus the exact origins of the app's own local pages (the status
 * page, served on 127.0.0.1 over http). Everything else stays closed, in the window and outside it.
 */

/**
 * The sites of the broadcast channels, where the operator opens a published post, and Google's sign-in page,
 * which the YouTube source opens in the system browser (OAuth for installed apps forbids an embedded view).
 */
export const LINK_HOSTS: readonly string[] = [
  'x.com',
  'www.linkedin.com',
  'www.facebook.com',
  'app.slack.com',
  'teams.microsoft.com',
  'discord.com',
  'accounts.google.com',
];

export interface LinkPolicy {
  /** Host names reachable over https on the default port. */
  httpsHosts: readonly string[];
  /** Full origins (scheme://host:port) of the app's own pages, e.g. the local status page. */
  ownOrigins: readonly string[];
}

export function isExternalLinkAllowed(url: string, policy: LinkPolicy): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false; // https://x.com@evil.example/ reads as x.com to a person
  if (policy.ownOrigins.includes(u.origin)) return true;
  return u.protocol === 'https:' && u.port === '' && policy.httpsHosts.includes(u.hostname);
}
