import { OBSWebSocketError } from 'obs-websocket-js';
import { describe, expect, it } from 'vitest';
import { countOf, describeClose, describeConnectError, obsDetail } from './obs-errors';

const URL = 'ws://127.0.0.1:4455';

describe("what the operator reads when OBS can't be reached", () => {
  it('says the password was refused, or that OBS wants one (obs-websocket closes with 4009)', () => {
    const refused = new OBSWebSocketError(4009, 'Authentication failed.');
    expect(describeConnectError(refused, URL, true)).toMatch(/^OBS refused the password/);
    const missing = new OBSWebSocketError(4009, "Your payload's data is missing an `authentication` string");
    expect(describeConnectError(missing, URL, false)).toBe('OBS asks for a password and none is set');
  });

  it('names the address nothing listens at, or the host that does not exist', () => {
    const refused = new OBSWebSocketError(-1, 'connect ECONNREFUSED 127.0.0.1:4455');
    expect(describeConnectError(refused, URL, false)).toBe('nothing listens at ws://127.0.0.1:4455');
    const unknown = new OBSWebSocketError(-1, 'getaddrinfo ENOTFOUND obs.invalid');
    expect(describeConnectError(unknown, 'ws://obs.invalid:4455', false)).toBe('no such host: obs.invalid');
  });

  it('tells a server that is not obs-websocket 5 (obs-websocket 4 speaks no subprotocol)', () => {
    const old = new OBSWebSocketError(-1, 'Server sent no subprotocol');
    expect(describeConnectError(old, URL, false)).toMatch(/^something answers at ws:\/\/127\.0\.0\.1:4455, but not/);
  });

  it('describes a close: OBS gone without a goodbye, or with its reason', () => {
    expect(describeClose(new OBSWebSocketError(1006, ''))).toMatch(/^OBS closed the connection \(OBS quit/);
    expect(describeClose(new OBSWebSocketError(1001, 'Server stopping.'))).toBe(
      'OBS closed the connection: Server stopping. (code 1001)',
    );
    expect(describeClose(new OBSWebSocketError(4011, 'Kicked.'))).toBe('OBS ended the session: Kicked.');
  });

  it('sums up what is on the other end', () => {
    expect(obsDetail({ obsVersion: '29.0.2', obsWebSocketVersion: '5.1.0' }, 3)).toBe(
      'OBS 29.0.2, obs-websocket 5.1.0, 3 scenes',
    );
    expect(countOf(1, 'scene')).toBe('1 scene');
  });
});
