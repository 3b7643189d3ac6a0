/**
 * A public message must link where the audience can go. The locally served status page (127.0.0.1) is only a
 * preview on the producer's machine: a message linking there sends every attendee to their own computer. So a
 * message whose link points at a loopback or unspecified address is refused.
 */

/** Shown to the operator when a public message would link to this computer. */
const LOOPBACK_REASON = "the link points at this computer (127.0.0.1): set the status page's public URL in Channels";

function isLoopbackHost(hostname: string): boolean {
  const h = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (/^127\.\d+\.\d+\.\d+$/.test(h) || h === '0.0.0.0') return true;
  // IPv6 loopback and unspecified, also as IPv4-mapped (the URL parser writes them compressed, e.g. ::ffff:7f00:1).
  return h === '::1' || h === '::' || /^::ffff:(7f[0-9a-f]{2}:[0-9a-f]{1,4}|0:0)$/.test(h);
}

/** True for an http(s) URL whose host is this computer (127.0.0.0/8, localhost, ::1, 0.0.0.0). */
function isLoopbackUrl(url: string): boolean {
  try {
    const u = new URL(url.trim());
    return (u.protocol === 'http:' || u.protocol === 'https:') && isLoopbackHost(u.hostname);
  } catch {
    return false;
  }
}

/**
 * Why a public message with this link cannot go out, or null when the link is fine (or there is none). Only the
 * link beside the text is checked: it is the one Onair supplies (the status page); what the operator writes into
 * the text is theirs.
 */
export function loopbackLinkProblem(draft: { link?: string }): string | null {
  return draft.link && isLoopbackUrl(draft.link) ? LOOPBACK_REASON : null;
}

/** Shown when e-mail to the audience list would carry an unsubscribe link no recipient can open. */
export const UNSUBSCRIBE_REASON =
  'set the public unsubscribe address in Audience: without it no attendee can unsubscribe';

/**
 * Why e-mail to the audience list cannot go out with this unsubscribe base URL (the audience setting), or null
 * when recipients can reach it. Empty falls back to the local unsubscribe server on 127.0.0.1, which is as
 * unreachable for them as a loopback address typed in; so is anything that is not an http(s) URL.
 */
export function unsubscribeBaseProblem(baseUrl: string): string | null {
  const url = baseUrl.trim();
  if (!url || isLoopbackUrl(url)) return UNSUBSCRIBE_REASON;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? null : UNSUBSCRIBE_REASON;
  } catch {
    return UNSUBSCRIBE_REASON;
  }
}
