/** Commands of the Sources screen: which sources feed the event, adding, removing and testing them. */
import { fail, type NounHandlers } from '../dispatch';
import type { Ingest } from '../ingest/ingest';
import { SourceConflict, type SourceControl } from '../source-control';
import type { SignalSources } from '../sources/signal-sources';
import type { SignIns } from '../sources/youtube/sign-ins';

export function sourceHandlers(x: {
  ingest: Ingest;
  source: SourceControl;
  signals: SignalSources;
  signIns: SignIns;
}): NounHandlers<'source'> {
  return {
    'source.connect': async ({ url }) => {
      await x.source.use({ kind: 'url', url });
      return x.ingest.connectionState();
    },
    'source.watchEvent': async ({ eventName }) => {
      await x.source.use({ kind: 'live', eventName });
      return x.source.list();
    },
    'source.list': () => x.source.list(),
    'source.add': ({ settings }) => {
      const conflict = x.source.realTimeConflict();
      if (conflict) throw new SourceConflict(conflict);
      return x.signals.add(settings);
    },
    'source.remove': async ({ id }) => {
      if (!(await x.signals.remove(id))) fail('not-found', `no source ${id} to remove`);
      return x.source.list();
    },
    'source.signIn': (app) => x.signIns.start(app),
    'source.signInResult': ({ flowId }) => x.signIns.result(flowId),
    'source.signInCancel': ({ flowId }) => x.signIns.cancel(flowId),
    'source.test': (a) => {
      if (!('id' in a)) return x.signals.test(a.settings);
      return x.signals.testStored(a.id) ?? fail('not-found', `no source ${a.id} to test`);
    },
  };
}
