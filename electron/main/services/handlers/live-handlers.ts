/** Commands of the live dashboard: what is connected, what has arrived, which scenario plays. */
import type { AppInfo } from '../../../../shared/contract';
import type { LiveEventsRepo } from '../db/live-events-repo';
import { fail, type Dispatcher } from '../dispatch';
import type { Ingest } from '../ingest/ingest';
import { listScenarios, loadScenarioFile } from '../simulator/server';
import type { SourceControl } from '../source-control';

export const SNAPSHOT_CHAT = 500;
export const SNAPSHOT_HEALTH = 600;

export function registerLiveHandlers(
  d: Dispatcher,
  x: { info: AppInfo; ingest: Ingest; live: LiveEventsRepo; source: SourceControl },
): void {
  d.register('app.info', () => x.info);
  d.register('live.snapshot', () => {
    x.ingest.flush();
    const session = x.ingest.session();
    return {
      connection: x.ingest.connectionState(),
      session: session && {
        id: session.id,
        eventName: session.eventName,
        scenario: session.scenario,
        sourceUrl: session.sourceUrl,
        startedAt: session.startedAt,
        endedAt: session.endedAt,
        speed: session.speed,
      },
      recentChat: session ? x.live.recentChat(session.id, SNAPSHOT_CHAT) : [],
      recentHealth: session ? x.live.recentHealth(session.id, SNAPSHOT_HEALTH) : [],
      stats: x.ingest.stats(),
      simulator: x.source.simulator(),
    };
  });
  d.register('simulator.list', () =>
    listScenarios().map((name) => {
      const s = loadScenarioFile(name);
      return { name, title: s.title, durationSec: s.durationSec };
    }),
  );
  d.register('simulator.play', async ({ scenario, speed }) => {
    if (!listScenarios().includes(scenario)) fail('not-found', `no scenario named ${scenario}`);
    await x.source.use({ kind: 'simulator', scenario, speed, loop: true });
    return { scenario, speed };
  });
  d.register('source.connect', async ({ url }) => {
    await x.source.use({ kind: 'url', url });
    return x.ingest.connectionState();
  });
}
