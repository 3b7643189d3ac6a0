/**
 * The import check for a recorded event coming from another machine (review-types.ts).
 * The file is untrusted: every array and string has a size limit, so a hostile or corrupt file is
 * rejected with a readable reason instead of exhausting memory or drawing megabytes into the report.
 * Objects are rebuilt from their known keys only (zod strips the rest), so keys such as `__proto__` or
 * `constructor` in the file never reach the app. Chat, health and ground truth reuse the ingest schemas.
 * Callers should also cap the file size before JSON.parse (RECORDED_EVENT_LIMITS.fileBytes).
 */
import { z } from 'zod';
import { CHANNEL_IDS, DELIVERY_STATUSES, type ChannelId } from '../../channels';
import { CHANNEL_CHECK_STATES } from '../broadcast/checklist';
import { DETECTED_BY } from '../incident';
import { DETECTOR_NAMES } from '../detect/registry';
import type { HealthMetric } from '../detect/types';
import { chatMessageSchema, faultTruthSchema, healthSampleSchema, parseWith, type ParseResult } from '../../schemas';
import { CONNECTION_STATUSES } from '../../types';
import { INCIDENT_KINDS, INCIDENT_STATUSES, POST_PHASES, TEMPLATE_PHASES } from '../vocabulary';
import { RECORDED_EVENT_FORMAT, type RecordedEvent } from './recorded-event';

const RECORDED_EVENT_LIMITS = {
  fileBytes: 1024 * 1024 * 1024,
  chat: 2_000_000,
  health: 2_000_000,
  connection: 100_000,
  incidents: 10_000,
  evidence: 1_000,
  transitions: 1_000,
  rounds: 100_000,
  posts: 1_000_000,
  truth: 1_000,
  shortText: 300,
  note: 2_000,
  body: 100_000,
} as const;
const L = RECORDED_EVENT_LIMITS;

const HEALTH_METRICS = [
  'audioLevelDb',
  'audioPacketsPerSec',
  'videoFps',
  'bitrateKbps',
  'streamState',
  'sampleGapMs',
  'inputLevelDb',
  'inputPeakDb',
  'muted',
  'congestion',
  'droppedFrames',
  'skippedFrames',
  'blackMs',
  'frozenMs',
  'platformHealth',
] as const;
// Compile-time: the list above names every metric (a new one must be added here). Detector names come
// from the detector registry.
type Exhaustive<A, B> = [Exclude<A, B>] extends [never] ? true : never;
const exhaustive: Exhaustive<HealthMetric, (typeof HEALTH_METRICS)[number]> = true;
void exhaustive;

const epochMs = z.number().int().nonnegative();
const str = (max: number) => z.string().max(max);
const name = z.string().min(1).max(L.shortText);
const incidentId = z.string().min(1).max(200).brand<'IncidentId'>();
const detector = z.enum(DETECTOR_NAMES);
const status = z.enum(INCIDENT_STATUSES);
const channel = z.enum(CHANNEL_IDS);

const evidenceSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sample'),
    ts: epochMs,
    detector,
    metric: z.enum(HEALTH_METRICS),
    value: z.number(),
    from: str(L.shortText).optional(),
    input: str(L.shortText).optional(),
  }),
  z.object({
    type: z.literal('chat'),
    ts: epochMs,
    detector,
    messageId: str(200),
    author: str(100),
    text: chatMessageSchema.shape.text,
    from: str(L.shortText).optional(),
  }),
  z.object({
    type: z.literal('note'),
    ts: epochMs,
    detector: z.union([detector, z.literal('operator')]),
    text: str(L.note),
  }),
]);

const transitionSchema = z.object({
  from: status.nullable(),
  to: status,
  at: epochMs,
  operator: name,
  note: str(L.note).optional(),
});

const incidentSchema = z.object({
  id: incidentId,
  kind: z.enum(INCIDENT_KINDS),
  title: str(L.shortText),
  status,
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  confidence: z.number().min(0).max(1),
  signalConfidence: z.number().min(0).max(1),
  chatConfidence: z.number().min(0).max(1),
  openedAt: epochMs,
  firstEvidenceAt: epochMs,
  detectedBy: z.enum(DETECTED_BY),
  detectors: z.array(detector).max(DETECTOR_NAMES.length * 2),
  evidence: z.array(evidenceSchema).max(L.evidence),
  transitions: z.array(transitionSchema).min(1, 'an incident has at least its opening transition').max(L.transitions),
  updatedAt: epochMs,
  recoveryProposedAt: epochMs.optional(),
  resolvedAt: epochMs.optional(),
});

const channelCheckSchema = z.object({
  state: z.enum(CHANNEL_CHECK_STATES),
  reason: str(L.note).optional(),
});
const checklistChannels = z.object(
  Object.fromEntries(CHANNEL_IDS.map((c) => [c, channelCheckSchema.optional()])) as {
    [K in ChannelId]: z.ZodOptional<typeof channelCheckSchema>;
  },
);

const roundSchema = z.object({
  incidentId,
  round: z.number().int().min(1).max(100_000),
  phase: z.enum(TEMPLATE_PHASES),
  lang: str(16),
  subject: str(L.note).optional(),
  body: str(L.body),
  link: str(L.note).optional(),
  operator: name,
  at: epochMs,
  checklist: z.object({ round: z.number().int().min(0), channels: checklistChannels }),
  toneWarnings: z.number().int().min(0).max(10_000),
});

const postSchema = z.object({
  id: z.number().int(),
  idempotencyKey: str(500),
  sessionId: str(200).optional(),
  incidentId: str(200).optional(),
  round: z.number().int().min(0).max(100_000).optional(),
  channel,
  phase: z.enum(POST_PHASES),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int().min(0).max(1_000_000),
  nextAttemptAt: epochMs,
  lastError: str(L.note).optional(),
  skipReason: str(L.note).optional(),
  remoteId: str(500).optional(),
  receiptDetail: str(L.note).optional(),
  createdAt: epochMs,
  updatedAt: epochMs,
  sentAt: epochMs.optional(),
  eventName: str(L.shortText),
  text: str(L.body),
  subject: str(L.note).optional(),
  link: str(L.note).optional(),
  lang: str(16),
  rehearsal: z.literal(true).optional(),
});

const sessionSchema = z
  .object({
    id: z.string().min(1).max(200).brand<'SessionId'>(),
    eventName: name,
    scenario: str(100).optional(),
    sourceUrl: str(L.note),
    startedAt: epochMs,
    endedAt: epochMs.optional(),
    speed: z.number().positive().max(10_000),
    truth: z
      .array(faultTruthSchema.refine((f) => f.endTs >= f.startTs, 'a fault cannot end before it starts'))
      .max(L.truth),
    rehearsal: z.boolean().optional(),
  })
  .refine((s) => s.endedAt === undefined || s.endedAt >= s.startedAt, {
    message: 'the session ends before it starts',
    path: ['endedAt'],
  });

const recordedEventSchema = z.object({
  format: z.literal(RECORDED_EVENT_FORMAT, {
    error: `not an Onair event file (format must be "${RECORDED_EVENT_FORMAT}")`,
  }),
  exportedAt: epochMs,
  session: sessionSchema,
  health: z.array(healthSampleSchema).max(L.health),
  // A platform's line keeps its platform (`source`, which the source protocol's schema leaves out).
  chat: z.array(chatMessageSchema.extend({ source: str(L.shortText).optional() })).max(L.chat),
  connection: z
    .array(
      z.object({
        status: z.enum(CONNECTION_STATUSES),
        since: epochMs,
        lastError: str(L.note).optional(),
      }),
    )
    .max(L.connection),
  incidents: z.array(incidentSchema).max(L.incidents),
  rounds: z.array(roundSchema).max(L.rounds),
  posts: z.array(postSchema).max(L.posts),
});

/** Validate an imported event (already JSON.parse'd); the reason names the bad fields. */
export function parseRecordedEvent(json: unknown): ParseResult<RecordedEvent> {
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return { ok: false, reason: '(root): not an Onair event file (expected a JSON object)' };
  const r = parseWith(recordedEventSchema, json);
  return r.ok ? { ok: true, value: r.value satisfies RecordedEvent } : r;
}
