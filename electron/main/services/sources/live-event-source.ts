/**
 * The time line of a real event watched without a simulator or a socket.io source: Onair itself opens the
 * session (now, in real time) and ends it when the producer stops watching. The signal sources (OBS, the
 * program probe) feed it; the audience's chat comes with the platform sources.
 */
import type { Clock } from '../../../../shared/clock';
import { NO_CHAT, type SourceAdapter, type SourceSink } from '../ingest/source-adapter';

const LIVE_EVENT_URL = 'this machine';

export function liveEventSource(o: { eventName: string; clock: Clock }): SourceAdapter {
  let sink: SourceSink | null = null;
  return {
    url: LIVE_EVENT_URL,
    start(to) {
      sink = to;
      const now = o.clock.now();
      to.connection({ status: 'online', url: LIVE_EVENT_URL, since: now, attempt: 0, detail: 'a real event' });
      to.hello({ source: 'onair', eventName: o.eventName, startedAt: now, speed: 1, now });
    },
    async stop() {
      sink?.ended(o.clock.now());
      sink?.connection({ status: 'stopped', url: LIVE_EVENT_URL, since: o.clock.now(), attempt: 0 });
      sink = null;
    },
    isConnected: () => sink !== null,
    postToChat: NO_CHAT('This event (no platform source yet)'),
  };
}
