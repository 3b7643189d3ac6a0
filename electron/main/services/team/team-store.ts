/**
 * One event's part of a console's link to its team's PostgreSQL database (team-link.ts): the shared outbox (claims with a lease, so a console
 * that dies mid-send leaves its post to another), the feed that tells this console what the others changed,
 * and whether the database can be reached right now, for the console's header.
 *
 * Each start of a console is a new owner of claims (`consoleId`: host, process and a random part), so a
 * restarted console never mistakes its predecessor's claims for its own: they expire and are treated as cut off.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../../../../shared/clock';
import type { TeamState } from '../../../../shared/contract';
import type { OutboxStore } from '../outbox/outbox-store';
import { postgresOutboxStore } from '../postgres/outbox-store-postgres';
import { teamCommandsStore, type TeamCommandsStore } from '../postgres/team-commands-store';
import { teamEventsStore, type TeamEventsStore } from '../postgres/team-events-store';
import { teamIncidentsStore, type TeamIncidentsStore } from '../postgres/team-incidents-store';
import { redactedUrl } from './team-database-setting';
import type { TeamLink } from './team-link';

/**
 * How long a claim outlives its console. Its sender renews it every third of this; another console takes over a
 * dead one's send once it has passed. Short, for a quick fail-over, and long against consoles' clocks drifting
 * apart (they compare their own times; team-link.ts tells a console whose clock is off).
 */
export const TEAM_CLAIM_LEASE_MS = 3000;
/** How often each console looks for claims that expired: with the lease, a dead console's send resumes within ~4 s. */
export const TEAM_SWEEP_MS = 1000;

export interface TeamStore {
  /** The team database's connection string (with its password: never for display). */
  url: string;
  consoleId: string;
  outbox: OutboxStore;
  state(): TeamState;
  /** Where the event's engine runs, and how many of its writes wait: for the header. */
  setEngine(engine: NonNullable<TeamState['engine']>, waiting: number): void;
  /** How many posts wait on this console for the database (team/waiting-outbox-store.ts). */
  setPostsWaiting(count: number): void;
  /** How many ingested rows wait to be copied to the database (team/team-ingest.ts). */
  setIngestWaiting(count: number): void;
  /** The team's copy of the incidents and updates, for the engine's lease holder and the standby consoles. */
  incidents: TeamIncidentsStore;
  /** Operator commands handed from standby consoles to the engine's console. */
  commands: TeamCommandsStore;
  /** The team's desk: each event's line, kept by the console running its engine. */
  events: TeamEventsStore;
  /**
   * Tells the listeners what another console changed: an outbox entry's id, an incident's `incident:<id>` or
   * `round:<id>`; each without an argument after a reconnect (re-read what you show).
   */
  watch(listeners: { outbox(id?: number): void; team(change?: string): void }): void;
  /** Stops listening; the link stays open for the console's other events. */
  close(): void;
}

export function openTeamStore(o: {
  link: TeamLink;
  clock: Clock;
  /** The event this console's outbox sends for (desk/event-key.ts), given this console's id. */
  eventKey: (consoleId: string) => string;
  onState(state: TeamState): void;
}): TeamStore {
  const consoleId = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  const { pool, url } = o.link;
  let state: TeamState = { database: redactedUrl(url), consoleId, reachable: true, since: o.clock.now() };
  const update = (next: TeamState) => {
    if (JSON.stringify(next) === JSON.stringify(state)) return;
    state = next;
    o.onState(state);
  };
  const setReachable = (reachable: boolean, problem?: string) =>
    update({
      ...state,
      reachable,
      since: state.reachable === reachable ? state.since : o.clock.now(),
      ...(problem ? { problem } : { problem: undefined }),
    });
  let unsubscribe: (() => void) | undefined;
  return {
    url,
    consoleId,
    outbox: postgresOutboxStore(pool, {
      owner: consoleId,
      leaseMs: TEAM_CLAIM_LEASE_MS,
      eventKey: () => o.eventKey(consoleId),
    }),
    state: () => state,
    setEngine: (engine, waiting) => update({ ...state, engine, waiting }),
    setPostsWaiting: (postsWaiting) => update({ ...state, postsWaiting }),
    setIngestWaiting: (ingestWaiting) => update({ ...state, ingestWaiting }),
    incidents: teamIncidentsStore(pool),
    commands: teamCommandsStore(pool),
    events: teamEventsStore(pool),
    watch(listeners) {
      unsubscribe = o.link.subscribe({
        ...listeners,
        onListening: () => {
          setReachable(true);
          // What changed while nobody listened was announced to nobody.
          listeners.outbox();
          listeners.team();
        },
        onLost: (why) => setReachable(false, why),
        onClockOff: (clockOffMs) => update({ ...state, clockOffMs }),
      });
    },
    close: () => unsubscribe?.(),
  };
}
