/**
 * Which sources feed the watched event. One carries its time line and chat: the embedded simulator (default,
 * so the app does something real on first start), an external socket.io source URL, a replay, or Onair itself
 * for a real event (`live`). Any number of signal sources (OBS, the program probe) add what they measure.
 * Switching the time line stops the old one first; the signal sources stay.
 *
 * The signal sources stamp their samples with the wall clock, so they only fit a time line that runs in real
 * time: a simulator or replay faster than 1× and a signal source refuse each other (SourceConflict).
 *
 * A time line Onair plays itself (the simulator, a replay) is a rehearsal: its sessions are marked so, and their
 * posts go to the sandbox (outbox/send-attempt.ts). The last live choice is remembered for "Back to live".
 */
import type { Clock } from '../../../shared/clock';
import { CommandFailed, type DeskSource } from '../../../shared/contract';
import type { RehearsalState } from '../../../shared/rehearsal';
import type { SourceView } from '../../../shared/sources';
import type { Ingest } from './ingest/ingest';
import { socketIoSource } from './ingest/socketio-source';
import type { SourceAdapter } from './ingest/source-adapter';
import { startReplay, type RunningReplay } from './simulator/replay-server';
import { loadScenarioFile, startSimulator } from './simulator/server';
import type { Scenario } from './simulator/scenario/scenario';
import type { RecordedEvent } from '../../../shared/domain/review/recorded-event';
import { liveEventSource } from './sources/live-event-source';
import type { SignalSources } from './sources/signal-sources';

export type SourceChoice =
  /** `script`: a scenario built in memory (a drill), played under the name `scenario`. */
  | { kind: 'simulator'; scenario: string; speed: number; loop?: boolean; script?: Scenario }
  | { kind: 'url'; url: string }
  | { kind: 'replay'; event: RecordedEvent; speed: number }
  | { kind: 'live'; eventName: string };

/** A command that would mix the two answers 'conflict' with this message. */
export class SourceConflict extends CommandFailed {
  constructor(message: string) {
    super({ code: 'conflict', message });
    this.name = 'SourceConflict';
  }
}

type RunningSimulator = Awaited<ReturnType<typeof startSimulator>>;

export interface SourceControl {
  /** Switch the time line; refuses (SourceConflict) a fast one while signal sources run. */
  use(choice: SourceChoice): Promise<void>;
  /** The time line's adapter (its chat is the webinar chat channel). */
  adapter(): SourceAdapter | null;
  simulator(): { scenario: string; speed: number } | null;
  /** What the time line watches, as the desk names it for another console to watch too; null for a replay. */
  watched(): DeskSource | null;
  /** The time line is one Onair plays itself (the simulator or a replay): nothing it posts may go out. */
  rehearsal(): boolean;
  /** Rehearsing or not, what plays, where "Back to live" leads, whether the time line ended. */
  rehearsalState(): RehearsalState;
  /** Watch the live source watched last again; false (nothing changes) when there was none. */
  backToLive(): Promise<boolean>;
  /** Why a real-time signal source cannot join now, or null. */
  realTimeConflict(): string | null;
  /** Every source, the time line's first. */
  list(): SourceView[];
  stop(): Promise<void>;
}

const TIMELINE_ID: Record<SourceChoice['kind'], SourceView['kind']> = {
  simulator: 'simulator',
  url: 'socketio',
  replay: 'replay',
  live: 'live',
};

const isRehearsal = (c: SourceChoice | null): boolean => c?.kind === 'simulator' || c?.kind === 'replay';

const speedOf = (c: SourceChoice): number => (c.kind === 'simulator' || c.kind === 'replay' ? c.speed : 1);

function labelOf(c: SourceChoice, url: string): string {
  switch (c.kind) {
    case 'simulator':
      return `Simulator · ${c.scenario}${c.speed === 1 ? '' : ` at ${c.speed}×`}`;
    case 'replay':
      return `Replay · ${c.event.session.eventName}${c.speed === 1 ? '' : ` at ${c.speed}×`}`;
    case 'live':
      return `Live event · ${c.eventName}`;
    case 'url':
      return `Source · ${url}`;
  }
}

export function createSourceControl(d: {
  ingest: Ingest;
  clock: Clock;
  simulatorPort: number;
  signals: SignalSources;
  onUrl(url: string): void;
  /** The time line changed or ended. */
  onChange?(): void;
}): SourceControl {
  let adapter: SourceAdapter | null = null;
  let choice: SourceChoice | null = null;
  let url = '';
  let sim: RunningSimulator | null = null;
  let replay: RunningReplay | null = null;
  let simPort = d.simulatorPort;
  let lastLive: Extract<SourceChoice, { kind: 'live' | 'url' }> | null = null;
  let endedAt: number | undefined;
  d.ingest.addListener({
    onSession: () => (endedAt = undefined), // a source that ended may start a new run
    onEnded: (s) => {
      endedAt = s.endedAt;
      d.onChange?.();
    },
  });

  const fastConflict = (c: SourceChoice) =>
    speedOf(c) === 1
      ? null
      : `OBS and the program probe run in real time: play the ${c.kind} at 1× to watch it with them (now ${speedOf(c)}×)`;

  async function stop() {
    await adapter?.stop();
    adapter = null;
    choice = null;
    d.ingest.flush();
    if (sim) {
      simPort = sim.port; // keep the simulator's URL stable across scenario switches
      await sim.close();
    }
    sim = null;
    await replay?.close();
    replay = null;
  }

  const control: SourceControl = {
    async use(next) {
      const conflict = d.signals.count() > 0 ? fastConflict(next) : null;
      if (conflict) throw new SourceConflict(conflict);
      // Load first, so a bad scenario name leaves the current source running.
      const scenario = next.kind === 'simulator' ? (next.script ?? loadScenarioFile(next.scenario)) : null;
      await stop();
      endedAt = undefined;
      if (next.kind === 'live') {
        adapter = liveEventSource({ eventName: next.eventName, clock: d.clock });
      } else {
        if (next.kind === 'simulator' && scenario) {
          sim = await startSimulator({ scenario, port: simPort, speed: next.speed, loop: next.loop ?? true });
          url = sim.url;
        } else if (next.kind === 'replay') {
          replay = await startReplay({ event: next.event, speed: next.speed });
          url = replay.url;
        } else {
          url = (next as { url: string }).url;
        }
        adapter = socketIoSource({ url, clock: d.clock });
      }
      choice = next;
      if (next.kind === 'live' || next.kind === 'url') lastLive = next;
      d.onUrl(adapter.url);
      adapter.start(d.ingest);
      d.onChange?.();
    },
    adapter: () => adapter,
    simulator: () => (choice?.kind === 'simulator' ? { scenario: choice.scenario, speed: choice.speed } : null),
    watched: () => {
      if (choice?.kind === 'simulator') return { kind: 'simulator', scenario: choice.scenario, speed: choice.speed };
      if (choice?.kind === 'url') return { kind: 'url', url: choice.url };
      return choice?.kind === 'live' ? { kind: 'live', eventName: choice.eventName } : null;
    },
    rehearsal: () => isRehearsal(choice),
    rehearsalState: () => ({
      rehearsal: isRehearsal(choice),
      label: choice && labelOf(choice, url),
      playing: choice?.kind ?? null,
      lastLive: lastLive && labelOf(lastLive, lastLive.kind === 'url' ? lastLive.url : ''),
      ...(endedAt === undefined ? {} : { endedAt }),
    }),
    async backToLive() {
      if (!lastLive) return false;
      await control.use(lastLive);
      return true;
    },
    realTimeConflict: () => (choice ? fastConflict(choice) : null),
    list() {
      const timeline: SourceView[] = choice
        ? [
            {
              id: TIMELINE_ID[choice.kind],
              kind: TIMELINE_ID[choice.kind],
              label: labelOf(choice, url),
              connection: d.ingest.connectionState(),
              ...(endedAt === undefined ? {} : { ended: endedAt }),
            },
          ]
        : [];
      return [...timeline, ...d.signals.views()];
    },
    async stop() {
      await stop();
      await d.signals.stop();
    },
  };
  return control;
}
