/** The review: figures, chart series, timeline and shareable reports of a recorded event. Pure, no I/O. */
export * from './figures-types';
export {
  incidentFigures,
  eventFigures,
  defaultPlaybookFor,
  matchTruth,
  longestSilence,
  FAULT_INCIDENT_KIND,
  COMPLAINT_LEAD_MS,
  TRUTH_LAG_MS,
} from './figures';
export { bucketFor, healthSeries, chatRateSeries, NICE_BUCKETS_MS, MAX_BUCKETS, HEALTH_METRICS } from './series';
export type { HealthBucket, ChatBucket, MinMaxMean, HealthSeriesMetric } from './series';
export { timelineMarkers, incidentBands, type TimelineMarker, type MarkerType, type IncidentBand } from './timeline';
export { eventRange, incidentClosedAt, incidentEnd, roundsOf, postAt, type TimeRange } from './event-time';
export { complaintMasks, countComplaints, primeComplaintMasks } from './complaints';
export {
  lineChart,
  laneChart,
  type LineChartOptions,
  type LaneChartOptions,
  type ChartSeries,
  type ChartBand,
  type ChartMark,
} from './svg-chart';
export { reportCharts, type ChartOptions } from './report-charts';
export { renderReportHtml, type ReportOptions } from './report-html';
export { renderReportMarkdown, escapeMarkdown } from './report-markdown';
export { timelineCsv, healthCsv, chatCsv, csvCell, csvRow, toCsv, type CsvValue } from './report-csv';
export { recordedEventSchema, parseRecordedEvent, RECORDED_EVENT_LIMITS } from './recorded-event-schema';
export { escapeHtml, isoUtc, offset as formatOffset, duration as formatDuration } from './format';
