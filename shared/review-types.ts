/**
 * A recorded event: everything Onair knows about one watched webinar run, as plain data. It is what the
 * review computes its figures from, what "export JSON" writes and "import" reads on another machine,
 * and what a replay plays back through the console.
 */
import type { BroadcastRoundView } from './contract';
import type { Incident } from './domain/incident';
import type { OutboxEntryView } from './outbox-types';
import type { EventFigures } from './domain/review/figures-types';
import type { ChatBucket, HealthBucket } from './domain/review/series';
import type { IncidentBand, TimelineMarker } from './domain/review/timeline';
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

/** A past event in the history list. */
export interface EventSummary {
  sessionId: string;
  eventName: string;
  scenario?: string;
  startedAt: EpochMs;
  endedAt?: EpochMs;
  imported: boolean;
  chatCount: number;
  incidents: { id: string; kind: string; title: string; status: string }[];
}

/** What the timeline view draws for one visible range: bounded in size whatever the event's length. */
export interface TimelineView {
  session: RecordedSession;
  /** The whole event. */
  full: { from: EpochMs; to: EpochMs };
  /** The visible range (zoom and pan ask for another). */
  range: { from: EpochMs; to: EpochMs };
  bucketMs: number;
  health: HealthBucket[];
  chat: ChatBucket[];
  bands: IncidentBand[];
  markers: TimelineMarker[];
  figures: EventFigures;
}

export type ReportFormat = 'html' | 'markdown' | 'json' | 'csv';
export interface ExportedFile {
  fileName: string;
  mime: string;
  content: string;
}
