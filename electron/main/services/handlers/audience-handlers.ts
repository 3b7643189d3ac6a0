/**
 * Commands of the audience list: import with a preview first (a file, or a running Zoom source's registrants),
 * counts, people, opt-outs by hand, settings.
 */
import { CsvError } from 'csv-parse/sync';
import { AudienceError, type Audience } from '../audience/audience';
import { fail, type NounHandlers } from '../dispatch';
import type { EventHub } from '../event-hub';
import type { SignalSources } from '../sources/signal-sources';
import { listRegistrants, type ZoomRegistrant } from '../sources/zoom/zoom-api';
import { zoomEndpoints, type ZoomEndpoints } from '../sources/zoom/zoom-endpoints';
import { requestToken } from '../sources/zoom/zoom-oauth';
import { messageOf } from '../../../../shared/error-message';

/** A registrant as an import row; its line is its position in Zoom's list (1-based). */
const rowOf = (r: ZoomRegistrant, i: number) => ({
  line: i + 1,
  email: r.email,
  phone: r.phone,
  name: [r.first_name.trim(), r.last_name.trim()].filter(Boolean).join(' '),
  language: r.language,
  emailConsent: true, // registering for the webinar confirms by e-mail; SMS consent never comes from it
  smsConsent: false,
});

function endpointsOf(baseUrl: string | undefined): ZoomEndpoints {
  try {
    return zoomEndpoints(baseUrl);
  } catch (err) {
    fail('bad-args', messageOf(err));
  }
}

export function audienceHandlers(x: {
  audience: Audience;
  hub: EventHub;
  signals?: Pick<SignalSources, 'settingsOf'>;
  now?: () => number;
}): NounHandlers<'audience'> {
  const changed = () => x.hub.emit('audience.changed', x.audience.counts());
  async function importZoom(sourceId: string) {
    const s = x.signals?.settingsOf(sourceId);
    if (s?.kind !== 'zoom') fail('not-found', `no running Zoom source ${sourceId}: add it in Sources first`);
    const endpoints = endpointsOf(s.baseUrl);
    const t = await requestToken(s, endpoints.tokenUrl, { askedAt: (x.now ?? Date.now)() });
    if (!t.ok) fail('unavailable', `registrants not imported: ${t.reason}`);
    const found = await listRegistrants(endpoints.apiRoot, t.token.value, s.webinarId);
    if (found.kind === 'failed') fail('unavailable', `registrants not imported: ${found.reason}`);
    return x.audience.previewRegistrants({
      fileName: `Zoom webinar ${s.webinarId} registrants`,
      source: `zoom api: webinar ${s.webinarId}`,
      rows: found.registrants.map(rowOf),
    });
  }
  return {
    'audience.previewImport': (req) => {
      try {
        return x.audience.preview(req);
      } catch (err) {
        if (err instanceof CsvError) fail('bad-args', `not a CSV file: ${err.message}`);
        throw err;
      }
    },
    'audience.confirmImport': ({ previewId }) => {
      try {
        const result = x.audience.confirm(previewId);
        changed();
        return result;
      } catch (err) {
        if (err instanceof AudienceError) fail('not-found', err.message);
        throw err;
      }
    },
    'audience.importZoom': ({ sourceId }) => importZoom(sourceId),
    'audience.list': ({ query, limit, offset }) => x.audience.list(query ?? '', limit ?? 100, offset ?? 0),
    'audience.counts': () => x.audience.counts(),
    'audience.optOut': ({ personId, channel, operator }) => {
      if (!x.audience.optOut(personId, channel, `operator: ${operator}`)) fail('not-found', `no person ${personId}`);
      changed();
      return x.audience.person(personId) ?? fail('not-found', `no person ${personId}`);
    },
    'audience.settings': () => x.audience.settings(),
    'audience.saveSettings': (s) => x.audience.saveSettings({ ...s, defaultCountry: s.defaultCountry?.toUpperCase() }),
  };
}
