/**
 * Zoom's REST calls: "Get a webinar" (`GET /webinars/{webinarId}`), for its topic, and "List webinar
 * registrants" (`GET /webinars/{webinarId}/registrants`), the audience list of a Zoom webinar.
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

/** A registrant as "List webinar registrants" returns one (the fields the audience list takes). */
export interface ZoomRegistrant {
  email: string;
  first_name: string;
  last_name: string;
  phone: string;
  language: string;
  create_time?: string;
  status?: string;
}

export type RegistrantsLookup = { kind: 'found'; registrants: ZoomRegistrant[] } | { kind: 'failed'; reason: string };

/** Zoom's largest page; its documented default is 30. */
const REGISTRANTS_PAGE_SIZE = 300;
/** 3,000 pages of 300: far past any webinar's registrations, short of a paging loop that never ends. */
const MAX_REGISTRANT_PAGES = 3000;

const text = z
  .string()
  .nullish()
  .transform((v) => v ?? '');
const registrantsPageSchema = z.object({
  next_page_token: z.string().nullish(),
  registrants: z
    .array(
      z.object({
        email: text,
        first_name: text,
        last_name: text,
        phone: text,
        language: text,
        create_time: z.string().optional(),
        status: z.string().optional(),
      }),
    )
    .default([]),
});

function registrantsRefusal(a: { status: number; body: string }, webinarId: string): string {
  const said = zoomSays(a.body);
  if (a.status === 401) return `Zoom refused the app's access token${said}`;
  if (a.status === 404) return `Zoom has no webinar ${webinarId} on this account: check the webinar id${said}`;
  if (said && /scope/i.test(said))
    return `the Zoom app may not read registrants: add a webinar read scope to it in the Marketplace${said}`;
  return `Zoom answered ${a.status} on the registrants of webinar ${webinarId}${said}`;
}

/**
 * Every approved registrant of the webinar, page after page (`page_size=300`, following `next_page_token`
 * until Zoom sends none). One failed page fails the whole list: half a list is never imported.
 */
export async function listRegistrants(
  apiRoot: string,
  accessToken: string,
  webinarId: string,
  signal?: AbortSignal,
): Promise<RegistrantsLookup> {
  const registrants: ZoomRegistrant[] = [];
  const seenTokens = new Set<string>();
  let token = '';
  for (let page = 0; page < MAX_REGISTRANT_PAGES; page++) {
    const url = new URL(`${apiRoot}webinars/${encodeURIComponent(webinarId)}/registrants`);
    url.searchParams.set('status', 'approved');
    url.searchParams.set('page_size', String(REGISTRANTS_PAGE_SIZE));
    if (token) url.searchParams.set('next_page_token', token);
    const a = await callZoom(url.href, { headers: { Authorization: `Bearer ${accessToken}` }, signal });
    if (!a.ok) return { kind: 'failed', reason: a.reason };
    if (a.status !== 200) return { kind: 'failed', reason: registrantsRefusal(a, webinarId) };
    const r = parseWith(registrantsPageSchema, jsonOf(a.body));
    if (!r.ok)
      return {
        kind: 'failed',
        reason: `Zoom's registrants of webinar ${webinarId} are not understood (${r.reason})`,
      };
    registrants.push(...r.value.registrants);
    token = r.value.next_page_token ?? '';
    if (!token) return { kind: 'found', registrants };
    if (seenTokens.has(token))
      return { kind: 'failed', reason: `Zoom repeated a page of webinar ${webinarId}'s registrants: try again` };
    seenTokens.add(token);
  }
  return { kind: 'failed', reason: `webinar ${webinarId} has more registrant pages than Onair reads` };
}
