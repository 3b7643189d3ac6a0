/**
 * The one REST call Onair makes: "Get a webinar" (`GET /webinars/{webinarId}`), for its topic. The webinar's
 * registrants (`GET /webinars/{webinarId}/registrants`) belong here too once Onair keeps an audience list for
 * e-mail and SMS (the audience-reach work): they are that list for a Zoom webinar.
 */
import { z } from 'zod';
import { parseWith } from '../../../../../shared/schemas';
import { callZoom, jsonOf, zoomSays } from './zoom-http';

export type WebinarLookup =
  | { kind: 'found'; topic: string }
  /** No such webinar on this account: watching it would wait for events that never come. */
  | { kind: 'not-found'; reason: string }
  | { kind: 'failed'; reason: string };

const webinarSchema = z.object({ topic: z.string().max(300) });

export function readWebinarAnswer(a: { status: number; body: string }, webinarId: string): WebinarLookup {
  const said = zoomSays(a.body);
  if (a.status === 200) {
    const r = parseWith(webinarSchema, jsonOf(a.body));
    return r.ok
      ? { kind: 'found', topic: r.value.topic }
      : { kind: 'failed', reason: `Zoom's answer on webinar ${webinarId} is not understood (${r.reason})` };
  }
  if (a.status === 404)
    return {
      kind: 'not-found',
      reason: `Zoom has no webinar ${webinarId} on this account: check the webinar id${said}`,
    };
  if (a.status === 401) return { kind: 'failed', reason: `Zoom refused the app's access token${said}` };
  if (said && /scope/i.test(said))
    return {
      kind: 'failed',
      reason: `the Zoom app may not read webinars: add a webinar read scope to it in the Marketplace${said}`,
    };
  return { kind: 'failed', reason: `Zoom answered ${a.status} on webinar ${webinarId}${said}` };
}

export async function lookUpWebinar(
  apiRoot: string,
  accessToken: string,
  webinarId: string,
  signal?: AbortSignal,
): Promise<WebinarLookup> {
  const a = await callZoom(`${apiRoot}webinars/${encodeURIComponent(webinarId)}`, {
    headers: { Authorization: `Bearer ${accessToken}` },
    signal,
  });
  return a.ok ? readWebinarAnswer(a, webinarId) : { kind: 'failed', reason: a.reason };
}
