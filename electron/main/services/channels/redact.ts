/**
 * Keeping secrets out of errors and receipts. Error text ends up in the outbox table, the UI and logs, so
 * adapters only ever name a host, and anything a peer echoes back is scrubbed of every sensitive credential value.
 */
import type { Credentials } from './channel-adapter';

/** The host of a URL (never its path or query, where webhook tokens live), or a placeholder. */
export function hostOf(url: string | undefined): string {
  if (!url) return '(no URL)';
  try {
    return new URL(url).host || '(no host)';
  } catch {
    return '(invalid URL)';
  }
}

/** Keys whose values may be or contain a secret (tokens, passwords, token-bearing URLs, user names). */
const SENSITIVE_KEY = /pass|key|token|secret|url|endpoint|user/i;

/**
 * Replace every sensitive credential value long enough to be a secret (and its URL-encoded form) with "[redacted]".
 * Short, non-secret values such as a port or "true" are left alone (and a host name in a network error) so messages stay readable.
 */
export function scrub(text: string, creds: Credentials): string {
  let out = text;
  const values = Object.entries(creds)
    .filter(([k, v]) => SENSITIVE_KEY.test(k) && typeof v === 'string' && v.length >= 6)
    .map(([, v]) => v)
    .sort((a, b) => b.length - a.length);
  for (const v of values) {
    for (const form of new Set([v, encodeURIComponent(v)])) out = out.split(form).join('[redacted]');
  }
  return out;
}

/** A peer's error text, scrubbed and cut to a length fit for a one-line status. */
export function peerMessage(text: string | undefined, creds: Credentials, max = 200): string {
  if (!text) return '';
  const flat = scrub(text, creds).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
