/**
 * Composition root of the main-process services (plain Node, no Electron): database, ingest, the
 * embedded simulator, the command registry and the event hub. The Electron shell and the web console
 * both start exactly this and only differ in the transport they put in front of it.
 */
import { join } from 'node:path';
import type { Clock } from '../../../shared/clock';
import type { AppInfo, Capability } from '../../../shared/contract';
import { systemClock } from './clock';
import { liveEventsRepo } from './db/live-events-repo';
import { openDatabase, type Db } from './db/open';
import { sessionsRepo } from './db/sessions-repo';
import { createDispatcher, type Dispatcher } from './dispatch';
import { createEventHub, type EventHub } from './event-hub';
import { registerLiveHandlers } from './handlers/live-handlers';
import { createIngest, type Ingest } from './ingest/ingest';
import { createSourceControl, type SourceChoice, type SourceControl } from './source-control';

export interface OnairOptions {
  dataDir: string;
  mode: AppInfo['mode'];
  version: string;
  capabilities?: Capability[];
  clock?: Clock;
  source?: SourceChoice;
  /** Port for the embedded simulator (0 = any free port). */
  simulatorPort?: number;
  log?: (line: string) => void;
}

export interface Onair {
  db: Db;
  hub: EventHub;
  dispatcher: Dispatcher;
  ingest: Ingest;
  source: SourceControl;
  info: AppInfo;
  close(): Promise<void>;
}

export async function createOnair(o: OnairOptions): Promise<Onair> {
  const clock = o.clock ?? systemClock;
  const log = o.log ?? ((line: string) => console.log(line));
  const db = openDatabase({ file: join(o.dataDir, 'onair.sqlite'), now: clock.now });
  const hub = createEventHub((err) => log(`event listener failed: ${String(err)}`));
  const dispatcher = createDispatcher((err) => log(`command failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
  const sessions = sessionsRepo(db);
  const live = liveEventsRepo(db);
  let sourceUrl = '';
  const ingest = createIngest({ sessions, live, hub, clock, sourceUrl: () => sourceUrl });
  const source = createSourceControl({
    ingest, clock, simulatorPort: o.simulatorPort ?? 0,
    onUrl: (url) => { sourceUrl = url; },
  });
  const info: AppInfo = { version: o.version, mode: o.mode, capabilities: o.capabilities ?? [], dataDir: o.dataDir };

  registerLiveHandlers(dispatcher, { info, ingest, live, source });
  await source.use(o.source ?? { kind: 'simulator', scenario: 'audio-loss', speed: 1, loop: true });

  return {
    db, hub, dispatcher, ingest, source, info,
    async close() {
      await source.stop();
      ingest.dispose();
      db.close();
    },
  };
}
