/**
 * A recorded event: everything Onair knows about one watched webinar run, as plain data. It is what the
 * review computes its figures from, what "export JSON" writes and "import" reads on another machine,
 * and what a replay plays back through the console.
 */
import type {
  ChatMessage,
  ConnectionState,
  EpochMs,
  FaultTruth,
  HealthSample,
  IncidentId,
  SessionId,
} from '../../types';
import type { BroadcastRoundView } from '../broadcast/broadcast-round';
import type { OutboxEntryView } from '../broadcast/outbox-entry';
import type { Incident } from '../incident';
import type { IncidentKind, IncidentStatus } from '../vocabulary';

export const RECORDED_EVENT_FORMAT = 'onair.event/v1';

export interface RecordedSession {
  id: SessionId;
  eventName: string;
  scenario?: string;
  sourceUrl: string;
  startedAt: EpochMs;
  endedAt?: EpochMs;
  /**
   * Playback speed of the source (its hello says so): 1 for a live event, more for a fast simulator run or a
   * replay, whose timestamps are compressed to match. The consoles run their timers on this session time line.
   */
  speed: number;
  /** Ground truth of scripted faults (simulator scenarios only). */
  truth: FaultTruth[];
  /** Onair played this time line itself (the simulator, a replay): its posts went to the sandbox. */
  rehearsal?: boolean;
}

export interface RecordedEvent {
  format: typeof RECORDED_EVENT_FORMAT;
  exportedAt: EpochMs;
  session: RecordedSession;
  health: HealthSample[];
  chat: ChatMessage[];
  connection: Pick<ConnectionState, 'status' | 'since' | 'lastError'>[];
  incidents: Incident[];
  rounds: BroadcastRoundView[];
  posts: OutboxEntryView[];
}

/** A past event in the history list. */
export interface EventSummary {
  sessionId: SessionId;
  eventName: string;
  scenario?: string;
  startedAt: EpochMs;
  endedAt?: EpochMs;
  imported: boolean;
  chatCount: number;
  incidents: { id: IncidentId; kind: IncidentKind; title: string; status: IncidentStatus }[];
  /** A search matched the event's chat: its first matching line (events recorded here; not imported ones). */
  chatMatch?: { author: string; text: string };
}
