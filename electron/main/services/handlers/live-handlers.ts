/** Commands of the live dashboard: what is connected, what has arrived, which scenario plays. */
import type { LiveEventsRepo } from '../db/live-events-repo';
import { sessionView } from '../db/sessions-repo';
import { fail, type NounHandlers } from '../dispatch';
import type { Ingest } from '../ingest/ingest';
import { listScenarios, loadScenarioFile } from '../simulator/server';
import type { SourceControl } from '../source-control';

const SNAPSHOT_CHAT = 500;
const SNAPSHOT_HEALTH = 600;

export function liveHandlers(x: {
  ingest: Ingest;
  live: LiveEventsRepo;
  source: SourceControl;
}): NounHandlers<'live' | 'simulator'> {
  return {
    'live.snapshot': () => {
      x.ingest.flush();
      const session = x.ingest.session();
      return {
        connection: x.ingest.connectionState(),
        session: session && sessionView(session),
        recentChat: session ? x.ingest.markOwn(x.live.recentChat(session.id, SNAPSHOT_CHAT)) : [],
        recentHealth: session ? x.live.recentHealth(session.id, SNAPSHOT_HEALTH) : [],
        stats: x.ingest.stats(),
        simulator: x.source.simulator(),
        sources: x.source.list(),
      };
    },
    'simulator.list': () =>
      listScenarios().map((name) => {
        const s = loadScenarioFile(name);
        return { name, title: s.title, durationSec: s.durationSec };
      }),
    'simulator.play': async ({ scenario, speed }) => {
      if (!listScenarios().includes(scenario)) fail('not-found', `no scenario named ${scenario}`);
      await x.source.use({ kind: 'simulator', scenario, speed, loop: true });
      return { scenario, speed };
    },
  };
}
