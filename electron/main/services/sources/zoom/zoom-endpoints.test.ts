import { describe, expect, it } from 'vitest';
import { zoomEndpoints } from './zoom-endpoints';

describe('where Zoom is', () => {
  it('is Zoom by default: OAuth on zoom.us, the API on api.zoom.us, events on ws.zoom.us', () => {
    const real = {
      tokenUrl: 'https://zoom.us/oauth/token',
      apiRoot: 'https://api.zoom.us/v2/',
      wsUrl: 'wss://ws.zoom.us/ws',
    };
    expect(zoomEndpoints()).toEqual(real);
    expect(zoomEndpoints('https://zoom.us/')).toEqual(real);
  });

  it('puts everything on one origin for a stand-in, the WebSocket as ws:// (or wss:// under https)', () => {
    expect(zoomEndpoints('http://127.0.0.1:4321/ignored/path')).toEqual({
      tokenUrl: 'http://127.0.0.1:4321/oauth/token',
      apiRoot: 'http://127.0.0.1:4321/v2/',
      wsUrl: 'ws://127.0.0.1:4321/ws',
    });
    expect(zoomEndpoints('https://zoom.example:8443').wsUrl).toBe('wss://zoom.example:8443/ws');
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => zoomEndpoints('ftp://127.0.0.1')).toThrow(/http or https/);
    expect(() => zoomEndpoints('not a url')).toThrow();
  });
});
