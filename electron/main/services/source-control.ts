/**
 * Which source the console watches: the embedded simulator (default, so the app does something real on
 * first start) or an external socket.io source URL. Switching stops the old adapter first.
 */
import type { Clock } from '../../../shared/clock';
import type { Ingest } from './ingest/ingest';
import { socketIoSource } from './ingest/socketio-source';
import type { SourceAdapter } from './ingest/source-adapter';
import { startReplay, type RunningReplay } from './simulator/replay-server';
import { loadScenarioFile, startSimulator } from './simulator/server';
import type { RecordedEvent } from '../../../shared/domain/review/recorded-event';

export type SourceChoice =
  | { kind: 'simulator'; scenario: string; speed: number; loop?: boolean }
  | { kind: 'url'; url: string }
  | { kind: 'replay'; event: RecordedEvent; speed: number };

type RunningSimulator = Awaited<ReturnType<typeof startSimulator>>;

export interface SourceControl {
  use(choice: SourceChoice): Promise<void>;
  adapter(): SourceAdapter | null;
  simulator(): { scenario: string; speed: number } | null;
  stop(): Promise<void>;
}

export function createSourceControl(d: {
  ingest: Ingest;
  clock: Clock;
  simulatorPort: number;
  onUrl(url: string): void;
}): SourceControl {
  let adapter: SourceAdapter | null = null;
  let sim: RunningSimulator | null = null;
  let replay: RunningReplay | null = null;
  let simInfo: { scenario: string; speed: number } | null = null;
  let simPort = d.simulatorPort;

  async function stop() {
    await adapter?.stop();
    adapter = null;
    d.ingest.flush();
    if (sim) {
      simPort = sim.port; // keep the simulator's URL stable across scenario switches
      await sim.close();
    }
    sim = null;
    simInfo = null;
    await replay?.close();
    replay = null;
  }

  return {
    async use(choice) {
      // Load first, so a bad scenario name leaves the current source running.
      const scenario = choice.kind === 'simulator' ? loadScenarioFile(choice.scenario) : null;
      await stop();
      let url: string;
      if (choice.kind === 'simulator' && scenario) {
        sim = await startSimulator({ scenario, port: simPort, speed: choice.speed, loop: choice.loop ?? true });
        simInfo = { scenario: choice.scenario, speed: choice.speed };
        url = sim.url;
      } else if (choice.kind === 'replay') {
        replay = await startReplay({ event: choice.event, speed: choice.speed });
        url = replay.url;
      } else {
        url = (choice as { url: string }).url;
      }
      d.onUrl(url);
      adapter = socketIoSource({ url, clock: d.clock });
      adapter.start(d.ingest);
    },
    adapter: () => adapter,
    simulator: () => simInfo,
    stop,
  };
}
