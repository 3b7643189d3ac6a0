/**
 * Where Zoom is: its OAuth host, its REST API and its WebSocket host, or one origin that serves the same
 * paths (the tests' stand-in on 127.0.0.1).
 */
export interface ZoomEndpoints {
  tokenUrl: string;
  /** Root of the REST API: `${apiRoot}webinars/{id}`. */
  apiRoot: string;
  /** The event subscriptions' WebSocket; the subscription id and access token go in its query. */
  wsUrl: string;
}

const ZOOM: ZoomEndpoints = {
  tokenUrl: 'https://zoom.us/oauth/token',
  apiRoot: 'https://api.zoom.us/v2/',
  wsUrl: 'wss://ws.zoom.us/ws',
};

/** Zoom itself, or everything on `baseUrl`'s origin. Throws on a base URL that is not an http(s) URL. */
export function zoomEndpoints(baseUrl?: string): ZoomEndpoints {
  if (!baseUrl) return ZOOM;
  const base = new URL(baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new Error(`Zoom's base URL must be http or https, not ${base.protocol}`);
  // Someone who types Zoom's own address means Zoom, whose API and WebSocket live on other hosts.
  if (base.origin === 'https://zoom.us') return ZOOM;
  const wsOrigin = `${base.protocol === 'https:' ? 'wss' : 'ws'}://${base.host}`;
  return { tokenUrl: `${base.origin}/oauth/token`, apiRoot: `${base.origin}/v2/`, wsUrl: `${wsOrigin}/ws` };
}
