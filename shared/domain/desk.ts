/**
 * The desk of an agency's control room: one line per live event, with what an operator scans a wall of
 * events for: is an incident open, how long has its audience waited for a word (the silence timer's colour),
 * which channels fail. Pure: the consoles compute it from what they hold, the UI only draws it.
 */
import type { ChannelId } from '../channels';
import type { EpochMs } from '../types';
import { silenceStatus, type IncidentTiming, type Playbook } from './broadcast/playbook';
import type { ChannelHealth } from './broadcast/channel-health';
import { severityRank } from './detect/types';
import type { Incident } from './incident';
import { isClosedStatus } from './vocabulary';

/** What the desk reads of an incident: the engine's fields and its public-update times. */
type DeskInput = Pick<Incident, 'id' | 'kind' | 'severity' | 'title' | 'status'> & IncidentTiming;

type DeskTimer = 'none' | 'ok' | 'amber' | 'red';

type DeskIncident = Pick<Incident, 'id' | 'kind' | 'severity' | 'title'>;

export interface DeskState {
  openIncidents: number;
  /** The open incident that needs the operator first: the reddest timer, then the most severe, then the newest. */
  top?: DeskIncident;
  /** The silence timer of `top`; 'none' without an open incident. */
  timer: DeskTimer;
  /** When `top`'s next public update is due; null without one. */
  nextDeadlineAt: EpochMs | null;
  /** Channels whose last attempts failed (a channel never used is not failing). */
  failingChannels: ChannelId[];
}

const TIMER_RANK: Record<DeskTimer, number> = { red: 0, amber: 1, ok: 2, none: 3 };

export function deskState(
  incidents: readonly DeskInput[],
  playbookFor: (kind: Incident['kind']) => Playbook,
  health: readonly ChannelHealth[],
  now: EpochMs,
): DeskState {
  const open = incidents
    .filter((i) => !isClosedStatus(i.status))
    .map((i) => ({ i, s: silenceStatus(playbookFor(i.kind), i, now) }))
    .sort(
      (a, b) =>
        TIMER_RANK[a.s.level] - TIMER_RANK[b.s.level] ||
        severityRank(b.i.severity) - severityRank(a.i.severity) ||
        b.i.openedAt - a.i.openedAt,
    );
  const first = open[0];
  return {
    openIncidents: open.length,
    ...(first && {
      top: { id: first.i.id, kind: first.i.kind, severity: first.i.severity, title: first.i.title },
    }),
    timer: first ? first.s.level : 'none',
    nextDeadlineAt: first ? first.s.nextDeadlineAt : null,
    failingChannels: health.filter((h) => h.failingSince !== undefined).map((h) => h.channel),
  };
}

/** The desk's order: events that need someone first (reddest timer, most open incidents), then by name. */
export const inDeskOrder = <T extends DeskState & { eventName: string }>(events: readonly T[]): T[] =>
  [...events].sort(
    (a, b) =>
      TIMER_RANK[a.timer] - TIMER_RANK[b.timer] ||
      b.failingChannels.length - a.failingChannels.length ||
      b.openIncidents - a.openIncidents ||
      a.eventName.localeCompare(b.eventName),
  );
