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
 * Where a URL may carry a token: its path segments, query values and user info (webhook URLs put the key in the
 * path, signed URLs in `sig=`). A part is token-shaped when it is at least 6 characters and not a plain
 * lower-case word (`services`, `webhooks`, `invoke` stay readable; `T0ABCDEF`, `a1b2c3`, `2016-06-01` do not).
 */
function tokenParts(url: string): string[] {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!m) return [];
  const [, authority, rest] = m;
  const parts = rest.split(/[/?&=#;,]/);
  const at = authority.lastIndexOf('@');
  if (at >= 0) parts.push(...authority.slice(0, at).split(':'));
  return parts.filter((p) => p.length >= 6 && !/^[a-z_-]+$/.test(p));
}

const decoded = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
/** A value with a lone surrogate has no URL-encoded form (encodeURIComponent throws): its plain form stays. */
const encoded = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Every URL written in a text (whatever a peer or a library put in an error), without a sentence's last stop. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>()[\]{}]*[^\s"'<>()[\]{}.,;:!?]/gi;

const redactAll = (text: string, secrets: Iterable<string>) => {
  let out = text;
  const forms = new Set<string>();
  for (const v of secrets) for (const form of [v, encoded(v), decoded(v)]) if (form.length >= 6) forms.add(form);
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join('[redacted]');
  return out;
};

/**
 * Replace every sensitive credential value long enough to be a secret (and its URL-encoded form) with "[redacted]",
 * and the token-shaped parts of URLs: of the credential URLs (a peer may echo only the key from a webhook's path)
 * and of any URL in the text. Short, non-secret values such as a port or "true" are left alone (and a host name
 * in a network error) so messages stay readable.
 */
export function scrub(text: string, creds: Credentials): string {
  const values = Object.entries(creds)
    .filter(([k, v]) => SENSITIVE_KEY.test(k) && typeof v === 'string' && v.length >= 6)
    .map(([, v]) => v);
  const out = redactAll(text, [...values, ...values.flatMap(tokenParts)]);
  return out.replace(URL_IN_TEXT, (url) => redactAll(url, tokenParts(url)));
}

/** A peer's error text, scrubbed and cut to a length fit for a one-line status. */
export function peerMessage(text: string | undefined, creds: Credentials, max = 200): string {
  if (!text) return '';
  const flat = scrub(text, creds).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
