import type { EpochMs } from '../../types';
import type { EventFigures } from './figures-types';
import type { RecordedSession } from './recorded-event';
import type { ChatBucket, HealthBucket } from './series';
import type { IncidentBand, TimelineMarker } from './timeline';

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
