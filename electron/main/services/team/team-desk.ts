/**
 * An event's line on the team's desk: the console running the event's engine keeps it in the team database
 * (when it changes, and every few seconds so the others know it is alive), and every console reads the lines
 * of the events it does not watch itself.
 */
import type { Clock, Disposable } from '../../../../shared/clock';
import type { DeskEvent } from '../../../../shared/contract';
import type { DeskLine } from '../handlers/desk-handlers';
import type { TeamEventsStore } from '../postgres/team-events-store';
import { messageOf } from '../../../../shared/error-message';

const PUBLISH_MS = 1000;
/** A line is written at least this often while its console runs the engine. */
const HEARTBEAT_MS = 5000;
/** A line not written for this long is an event nobody runs any more: off the desk. */
const TEAM_DESK_STALE_MS = 15_000;

export function publishDeskLine(o: {
  events: TeamEventsStore;
  consoleId: string;
  eventKey: () => string;
  line: () => DeskLine;
  leads: () => boolean;
  clock: Clock;
  log: (line: string) => void;
}): Disposable {
  let last = '';
  let lastAt = 0;
  let failing = false;
  let timer: Disposable | undefined;
  let stopped = false;

  async function publish(): Promise<void> {
    if (!o.leads()) return;
    const line = o.line();
    const { updatedAt: _, ...rest } = line;
    const shown = JSON.stringify(rest);
    const now = o.clock.now();
    if (shown === last && now - lastAt < HEARTBEAT_MS) return;
    try {
      await o.events.publish({ eventKey: o.eventKey(), console: o.consoleId, line, updatedAt: now });
      [last, lastAt, failing] = [shown, now, false];
    } catch (err) {
      // The header already says the database is away: one line in the log per outage.
      if (!failing) o.log(`team desk: this event's line not written (${messageOf(err)})`);
      failing = true;
    }
  }
  const tick = () => {
    if (!stopped) timer = o.clock.setTimer(PUBLISH_MS, () => void publish().finally(tick));
  };
  tick();
  return {
    dispose() {
      stopped = true;
      timer?.dispose();
    },
  };
}

/** The team's events as desk lines, but those whose key is in `exclude` (watched on this console). */
export async function teamDeskEvents(
  events: TeamEventsStore,
  now: number,
  exclude: ReadonlySet<string>,
): Promise<DeskEvent[]> {
  return (await events.live(now - TEAM_DESK_STALE_MS))
    .filter((e) => !exclude.has(e.eventKey))
    .map(({ eventKey, console, line }) => ({ ...line, id: eventKey, where: 'team', console, engine: undefined }));
}
