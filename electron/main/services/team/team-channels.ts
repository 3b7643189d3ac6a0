/**
 * In a team, an event's channel checklist is the team's: a channel that another console of the event can post
 * on (enabled and set up there) is on this console's checklist too, so an update sent here covers every
 * channel the team reaches, and its post goes out from that console (the outbox's `canSend`). Credentials never
 * leave the console where they were entered.
 *
 * Each console tells the team its own channels (postgres/team-channels-store.ts) when they change and every
 * HEARTBEAT_MS, and reads the others' then and whenever the team announces a change; a console not seen for
 * GONE_MS is taken for gone, and its channels leave the checklists (their posts wait in the outbox for a console
 * that has them).
 */
import type { ChannelId } from '../../../../shared/channels';
import type { Clock, Disposable } from '../../../../shared/clock';
import { messageOf } from '../../../../shared/error-message';
import type { TeamChannelsStore } from '../postgres/team-channels-store';

const HEARTBEAT_MS = 5_000;
const GONE_MS = 20_000;

export interface TeamChannels {
  /** Whether another console of the event can post on `channel`, as last read. */
  elsewhere(channel: ChannelId): boolean;
  /** Tells the team this console's channels and reads the others' (after a change here, or announced). */
  refresh(): Promise<void>;
  /** Stops the heartbeat and takes this console's channels off the event. */
  close(): Promise<void>;
}

export function shareTeamChannels(d: {
  store: TeamChannelsStore;
  /** The event the channels are for, read at each refresh (the workspace may switch sources). */
  eventKey(): string;
  consoleId: string;
  /** The channels this console can post on: enabled and set up. */
  mine(): ChannelId[];
  clock: Clock;
  /** The channels that came onto or left the other consoles' list. */
  onChange(channels: ChannelId[]): void;
  log(line: string): void;
}): TeamChannels {
  let theirs = new Set<ChannelId>();
  let lastProblem: string | undefined;
  let timer: Disposable | undefined;
  let closed = false;
  /** The event this console last told the team of, to leave it when it watches another or closes. */
  let told: string | undefined;
  let running: Promise<void> = Promise.resolve();

  async function once(): Promise<void> {
    const key = d.eventKey();
    const now = d.clock.now();
    try {
      if (told !== undefined && told !== key) await d.store.leave(told, d.consoleId);
      await d.store.report(key, d.consoleId, d.mine(), now);
      told = key;
      const next = await d.store.elsewhere(key, d.consoleId, now - GONE_MS);
      const moved = [...new Set([...theirs, ...next])].filter((c) => theirs.has(c) !== next.has(c));
      theirs = next;
      lastProblem = undefined;
      if (moved.length) d.onChange(moved);
    } catch (err) {
      const why = messageOf(err);
      if (why !== lastProblem) d.log(`team: channels not shared with the team (${why}); again in a few seconds`);
      lastProblem = why;
    }
  }
  /** One refresh at a time, in the order asked. */
  const refresh = () => (running = running.then(() => (closed ? undefined : once())));

  const beat = () => {
    timer = d.clock.setTimer(HEARTBEAT_MS, () => void refresh().finally(() => !closed && beat()));
  };
  void refresh();
  beat();

  return {
    elsewhere: (channel) => theirs.has(channel),
    refresh,
    async close() {
      closed = true;
      timer?.dispose();
      await running;
      // Unreachable: the row ages out, as a dead console's does.
      if (told !== undefined) await d.store.leave(told, d.consoleId).catch(() => undefined);
    },
  };
}
