/**
 * A recorded event: everything Onair knows about one watched webinar run, as plain data. It is what the
 * review computes its figures from, what "export JSON" writes and "import" reads on another machine,
 * and what a replay plays back through the console.
 */
import type { BroadcastRoundView } from './contract';
import type { Incident } from './domain/incident';
import type { OutboxEntryView } from './outbox-types';
import type { ChatMessage, ConnectionState, EpochMs, FaultTruth, HealthSample } from './types';

export const RECORDED_EVENT_FORMAT = 'onair.event/v1';

export interface RecordedSession {
  id: string;
  eventName: string;
  scenario?: string;
  sourceUrl: string;
  startedAt: EpochMs;
  endedAt?: EpochMs;
  speed: number;
  /** Ground truth of scripted faults (simulator scenarios only). */
  truth: FaultTruth[];
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
