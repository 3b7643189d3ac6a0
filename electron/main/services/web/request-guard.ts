/**
 * Who may talk to the web console. Threats handled:
 * - DNS rebinding: a hostile page resolves its own name to 127.0.0.1; the Host header then names that
 *   domain, so only our own host names are accepted.
 * - Cross-site requests from any page the operator has open: the Origin must be the console's own.
 * - Any other program on this machine (or, with --expose, on the LAN) commanding the console: the command
 *   socket must present the per-start token, and an Origin (every browser sends one on a WebSocket; a
 *   client without one is not our page). Loopback is no credential: every local process can reach it.
 * Pure function, table-tested.
 */
import { timingSafeEqual } from 'node:crypto';

export interface GuardPolicy {
  /** host[:port] values accepted in the Host header. */
  allowedHosts: string[];
  /** Full origins (scheme://host:port) accepted in the Origin header. */
  allowedOrigins: string[];
  /** When set, requests must carry this token. */
  token?: string;
  /** Refuse a request without an Origin header (the command socket; page loads may lack one). */
  requireOrigin?: boolean;
}

export interface GuardRequest {
  host?: string;
  origin?: string;
  token?: string;
}

export type GuardVerdict = { ok: true } | { ok: false; reason: string };

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function isRequestAllowed(req: GuardRequest, policy: GuardPolicy): GuardVerdict {
  const host = req.host?.toLowerCase();
  if (!host || !policy.allowedHosts.includes(host))
    return { ok: false, reason: `host ${host ?? '(none)'} not allowed` };
  // Browsers always send Origin on WebSocket upgrades and cross-origin requests; a missing Origin is a
  // same-origin navigation or a non-browser client, which the token (when required) still gates.
  if (req.origin === undefined && policy.requireOrigin) return { ok: false, reason: 'origin missing' };
  if (req.origin !== undefined && !policy.allowedOrigins.includes(req.origin.toLowerCase())) {
    return { ok: false, reason: `origin ${req.origin} not allowed` };
  }
  if (policy.token && !(req.token && sameSecret(req.token, policy.token)))
    return { ok: false, reason: 'missing or wrong token' };
  return { ok: true };
}

/** The policy for a console listening on `bindHost:port`, reachable under `names`. */
export function policyFor(port: number, names: string[], token?: string): GuardPolicy {
  const hosts = names.flatMap((n) => [`${n}:${port}`.toLowerCase()]);
  return {
    allowedHosts: hosts,
    allowedOrigins: hosts.map((h) => `http://${h}`),
    token,
  };
}
