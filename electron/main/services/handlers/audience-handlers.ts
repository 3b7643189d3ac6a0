/** Commands of the audience list: import with a preview first, counts, people, opt-outs by hand, settings. */
import { CsvError } from 'csv-parse/sync';
import { AudienceError, type Audience } from '../audience/audience';
import { fail, type NounHandlers } from '../dispatch';
import type { EventHub } from '../event-hub';

export function audienceHandlers(x: { audience: Audience; hub: EventHub }): NounHandlers<'audience'> {
  const changed = () => x.hub.emit('audience.changed', x.audience.counts());
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
