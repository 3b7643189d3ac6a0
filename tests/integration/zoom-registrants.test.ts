/**
 * A running Zoom source's registrants become the audience list: `audience.importZoom` signs in with the
 * source's Server-to-Server app, pages through "List webinar registrants" on the Zoom stand-in (127.0.0.1)
 * following next_page_token, and previews them like a file (confirmed with audience.confirmImport).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandFailed, type Transport } from '../../shared/contract';
import type { Onair } from '../../electron/main/services/onair';
import { onairInProcess } from '../support/onair-in-process';
import { startZoomStandin, type ZoomRegistrantRecord, type ZoomStandin } from '../support/zoom-standin';

const APP = { accountId: 'acc-1', clientId: 'client-1', clientSecret: 'secret-1', subscriptionId: 'sub-1' };
const WEBINAR = '81234567890';
/** 301 approved (two pages of 300 and 1), one of them with a bad address, and a pending one that is left out. */
const REGISTRANTS: ZoomRegistrantRecord[] = [
  ...Array.from({ length: 301 }, (_, i) => ({
    email: i === 149 ? 'bad@@example.com' : `person${i + 1}@example.com`,
    first_name: `First${i + 1}`,
    last_name: `Last${i + 1}`,
    ...(i === 0 ? { phone: '+39 347 123 4567', language: 'it-IT' } : {}),
  })),
  { email: 'pending@example.com', first_name: 'Pending', status: 'pending' },
];

let zoom: ZoomStandin;
let onair: Onair;
let t: Transport;

beforeAll(async () => {
  zoom = await startZoomStandin({ ...APP, webinars: { [WEBINAR]: { topic: 'Launch', registrants: REGISTRANTS } } });
  ({ onair, t } = await onairInProcess());
  await t.invoke('source.add', { settings: { kind: 'zoom', ...APP, webinarId: WEBINAR, baseUrl: zoom.baseUrl } });
});
afterAll(async () => {
  await onair.close();
  await zoom.close();
});

const registrantCalls = () => zoom.requests.filter((r) => r.path === `/v2/webinars/${WEBINAR}/registrants`);

describe('audience.importZoom', () => {
  it('reads every page without gaps or repeats, reports the bad e-mail, and imports with e-mail consent', async () => {
    const preview = await t.invoke('audience.importZoom', { sourceId: 'zoom' });
    const calls = registrantCalls();
    expect(calls.map((c) => c.query)).toEqual([
      { status: 'approved', page_size: '300' },
      { status: 'approved', page_size: '300', next_page_token: expect.any(String) },
    ]);
    for (const c of calls) expect(c.headers.authorization).toMatch(/^Bearer \S+$/);
    expect(preview).toMatchObject({
      fileName: `Zoom webinar ${WEBINAR} registrants`,
      layout: 'zoom',
      rows: 301,
      valid: 300,
      consent: { email: 'registered', sms: 'none' },
      consentCounts: { email: 300, sms: 0 },
    });
    expect(preview.problems).toEqual([{ line: 150, reason: 'bad e-mail address "bad@@example.com"' }]);
    expect(preview.sample[0]).toEqual({
      line: 1,
      name: 'First1 Last1',
      email: 'person1@example.com',
      phone: '+393471234567',
      language: 'it',
      consents: ['email'],
    });
    expect((await t.invoke('audience.counts', {})).people).toBe(0); // a preview stores nothing

    const result = await t.invoke('audience.confirmImport', { previewId: preview.previewId });
    expect(result).toEqual({ fileName: preview.fileName, added: 300, updated: 0, skipped: 1 });
    // Both pages, nobody twice, nobody missing: person1…person301 but the bad one, and no pending registrant.
    const people = await t.invoke('audience.list', { limit: 1000 });
    const emails = people.map((p) => p.email).sort();
    const expected = REGISTRANTS.slice(0, 301)
      .map((r) => r.email)
      .filter((e) => e !== 'bad@@example.com')
      .sort();
    expect(emails).toEqual(expected);
    expect(people[0]?.consents).toEqual([
      { channel: 'email', source: `zoom api: webinar ${WEBINAR}`, at: expect.any(Number) },
    ]);
  });

  it('says clearly when Zoom refuses the token, and for a source that is not a running Zoom one', async () => {
    zoom.refuseApiTokens = true;
    const before = registrantCalls().length;
    const err = await t.invoke('audience.importZoom', { sourceId: 'zoom' }).catch((e: unknown) => e);
    zoom.refuseApiTokens = false;
    expect(err).toBeInstanceOf(CommandFailed);
    expect((err as CommandFailed).error).toEqual({
      code: 'unavailable',
      message: "registrants not imported: Zoom refused the app's access token (Zoom: Invalid access token.)",
    });
    expect(registrantCalls().length).toBe(before + 1); // one refused call, no retry loop

    await expect(t.invoke('audience.importZoom', { sourceId: 'zoom-2' })).rejects.toMatchObject({
      error: { code: 'not-found' },
    });
  });
});
