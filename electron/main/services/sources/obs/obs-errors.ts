/** What the operator reads when OBS cannot be reached or goes away: what happened, in OBS's terms. */
import { messageOf } from '../../../../../shared/error-message';

/** obs-websocket 5 close codes (WebSocketCloseCode in its protocol). */
const AUTHENTICATION_FAILED = 4009;
const UNSUPPORTED_RPC_VERSION = 4010;
const SESSION_INVALIDATED = 4011;
/** The socket went away without a close frame: OBS quit, crashed or the network dropped. */
const ABNORMAL = 1006;

const codeOf = (err: unknown): number | undefined =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'number'
    ? (err as { code: number }).code
    : undefined;

/** Why a connection attempt to `url` failed (obs-websocket-js rejects with the socket error or the close). */
export function describeConnectError(err: unknown, url: string, hasPassword: boolean): string {
  const code = codeOf(err);
  const message = messageOf(err);
  if (code === AUTHENTICATION_FAILED)
    return hasPassword
      ? 'OBS refused the password (obs-websocket: authentication failed)'
      : 'OBS asks for a password and none is set';
  if (code === UNSUPPORTED_RPC_VERSION) return `OBS at ${url} speaks another obs-websocket protocol version`;
  if (message.includes('ECONNREFUSED')) return `nothing listens at ${url}`;
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return `no such host: ${new URL(url).hostname}`;
  if (/EHOSTUNREACH|ENETUNREACH|ETIMEDOUT/.test(message)) return `${url} is unreachable (${message})`;
  if (/subprotocol|Unexpected server response/.test(message))
    return `something answers at ${url}, but not obs-websocket 5 (OBS 28 or later): ${message}`;
  if (code !== undefined && code >= 1000) return describeClose(err);
  return `cannot connect to ${url}: ${message}`;
}

/** Why an open connection ended. */
export function describeClose(err: unknown): string {
  const code = codeOf(err);
  const reason = messageOf(err);
  if (code === ABNORMAL) return 'OBS closed the connection (OBS quit or crashed, or the network dropped)';
  if (code === SESSION_INVALIDATED) return `OBS ended the session${reason ? `: ${reason}` : ''}`;
  return `OBS closed the connection${reason ? `: ${reason}` : ''}${code === undefined ? '' : ` (code ${code})`}`;
}

export const noAnswer = (url: string, ms: number): string => `no answer from ${url} within ${ms / 1000} s`;

export const countOf = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

export const obsDetail = (v: { obsVersion: string; obsWebSocketVersion: string }, scenes: number): string =>
  `OBS ${v.obsVersion}, obs-websocket ${v.obsWebSocketVersion}, ${countOf(scenes, 'scene')}`;
