/**
 * What Zoom's event WebSocket sends, checked before use. Every frame is `{module, …}`: `build_connection`
 * (Zoom's verdict on the connection, `success` true or false), `heartbeat` (the answer to ours) and `message`,
 * whose `content` is the event as a JSON string, shaped as Zoom's webhooks: `{event, event_ts, payload:
 * {account_id, object}}`. A subscription carries the events of the whole account, so only the configured
 * webinar's count (`payload.object.id`); the others are ignored, not quarantined.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { chatMessageSchema, healthSampleSchema, parseWith, type ParseResult } from '../../../../../shared/schemas';
import type { ChatMessage, EpochMs, HealthSample } from '../../../../../shared/types';
import type { ParticipantRef } from './participants';
import { jsonOf } from './zoom-http';

export type Frame =
  | { kind: 'connected' }
  | { kind: 'connection-refused'; reason: string }
  | { kind: 'heartbeat' }
  | { kind: 'message'; content: string }
  /** A module Onair does not know: Zoom may add some. */
  | { kind: 'other'; module: string }
  | { kind: 'malformed'; reason: string };

const frameSchema = z.object({ module: z.string().min(1).max(100) });
const buildConnectionSchema = z.object({ success: z.boolean(), content: z.string().max(1000).optional() });
const messageSchema = z.object({ content: z.string() });

export function readFrame(raw: string): Frame {
  const json = jsonOf(raw);
  const frame = parseWith(frameSchema, json);
  if (!frame.ok) return { kind: 'malformed', reason: json === undefined ? 'not JSON' : frame.reason };
  switch (frame.value.module) {
    case 'build_connection': {
      const r = parseWith(buildConnectionSchema, json);
      if (!r.ok) return { kind: 'malformed', reason: `build_connection: ${r.reason}` };
      return r.value.success
        ? { kind: 'connected' }
        : { kind: 'connection-refused', reason: r.value.content || 'no reason given' };
    }
    case 'heartbeat':
      return { kind: 'heartbeat' };
    case 'message': {
      const r = parseWith(messageSchema, json);
      return r.ok
        ? { kind: 'message', content: r.value.content }
        : { kind: 'malformed', reason: `message: ${r.reason}` };
    }
    default:
      return { kind: 'other', module: frame.value.module };
  }
}

type WebinarEvent =
  | { kind: 'started' | 'ended'; at: EpochMs; topic: string }
  | { kind: 'joined' | 'left'; at: EpochMs; participant: ParticipantRef }
  | { kind: 'chat'; message: ChatMessage }
  /** webinar.alert: Zoom's own words on the webinar's quality ("Unstable audio quality"). */
  | { kind: 'alert'; sample: HealthSample };

export type EventReading =
  | { kind: 'event'; event: WebinarEvent }
  | { kind: 'ignored'; name: string; why: string }
  | { kind: 'malformed'; name: string; reason: string; payload: unknown };

const envelopeSchema = z.object({
  event: z.string().min(1).max(200),
  // Past this a Date is invalid: every time shown of it would read NaN.
  event_ts: z.number().int().nonnegative().max(8_640_000_000_000_000),
  payload: z.unknown(),
});
const webinarIdSchema = z.object({ object: z.object({ id: z.union([z.string(), z.number()]) }) });

const webinarSchema = z.object({ object: z.object({ topic: z.string().max(300) }) });
const participantSchema = z.object({
  object: z.object({
    participant: z
      .object({ user_id: z.string(), participant_uuid: z.string().optional() })
      .refine((q) => q.user_id || q.participant_uuid, 'neither user_id nor participant_uuid')
      .transform((q): ParticipantRef => {
        const person = q.participant_uuid || q.user_id;
        return { person, session: q.user_id || person };
      }),
  }),
});
const chatSchema = z.object({
  object: z.object({
    chat_message: z.object({
      message_id: z.string().optional(),
      sender_name: z.string(),
      message_content: z.string(),
      date_time: z.string().optional(),
    }),
  }),
});
const alertSchema = z.object({ object: z.object({ issues: z.array(z.string()).min(1) }) });

type Reader = (payload: unknown, at: EpochMs) => ParseResult<WebinarEvent>;

/** Where a refused event went wrong: in Zoom's payload, or as what Onair would have delivered. */
const checked = <T>(schema: z.ZodType<T>, value: unknown, where: string): ParseResult<T> => {
  const r = parseWith(schema, value);
  return r.ok ? r : { ok: false, reason: `${where}: ${r.reason}` };
};
const map = <T, U>(r: ParseResult<T>, f: (v: T) => ParseResult<U>): ParseResult<U> => (r.ok ? f(r.value) : r);
const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });

const webinar =
  (kind: 'started' | 'ended'): Reader =>
  (p, at) =>
    map(checked(webinarSchema, p, 'payload'), (v) => ok({ kind, at, topic: v.object.topic }));

const participant =
  (kind: 'joined' | 'left'): Reader =>
  (p, at) =>
    map(checked(participantSchema, p, 'payload'), ({ object: { participant: q } }) => ok({ kind, at, participant: q }));

/** Zoom names each message; should one come without, the same message always gets the same id. */
const derivedId = (at: EpochMs, sender: string, text: string) =>
  `zoom-${at}-${createHash('sha256').update(`${sender}\u0000${text}`).digest('hex').slice(0, 16)}`;

const chat: Reader = (p, at) =>
  map(checked(chatSchema, p, 'payload'), ({ object: { chat_message: m } }) => {
    const sent = m.date_time === undefined ? NaN : Date.parse(m.date_time);
    const message = checked(
      chatMessageSchema,
      {
        id: m.message_id || derivedId(at, m.sender_name, m.message_content),
        author: m.sender_name,
        text: m.message_content,
        ts: Number.isFinite(sent) && sent >= 0 ? sent : at,
      },
      'as a chat message',
    );
    return map(message, (value) => ok({ kind: 'chat', message: value }));
  });

const alert: Reader = (p, at) =>
  map(checked(alertSchema, p, 'payload'), (v) =>
    map(checked(healthSampleSchema, { ts: at, platformIssues: v.object.issues }, 'as a health sample'), (sample) =>
      ok({ kind: 'alert', sample }),
    ),
  );

const READERS = new Map<string, Reader>([
  ['webinar.started', webinar('started')],
  ['webinar.ended', webinar('ended')],
  ['webinar.participant_joined', participant('joined')],
  ['webinar.participant_left', participant('left')],
  ['webinar.chat_message_sent', chat],
  ['webinar.alert', alert],
]);

/** The `content` of a message frame: an event of the configured webinar, one to ignore, or a malformed one. */
export function readEvent(content: string, webinarId: string): EventReading {
  const json = jsonOf(content);
  const envelope = parseWith(envelopeSchema, json);
  if (!envelope.ok)
    return {
      kind: 'malformed',
      name: 'message',
      reason: json === undefined ? 'the event is not JSON' : envelope.reason,
      payload: json ?? content,
    };
  const { event: name, event_ts: at, payload } = envelope.value;
  const read = READERS.get(name);
  if (!read) return { kind: 'ignored', name, why: 'not an event Onair reads' };
  const id = checked(webinarIdSchema, payload, 'payload');
  if (!id.ok) return { kind: 'malformed', name, reason: id.reason, payload: json };
  const of = String(id.value.object.id);
  if (of !== webinarId) return { kind: 'ignored', name, why: `of webinar ${of}, not ${webinarId}` };
  const r = read(payload, at);
  return r.ok ? { kind: 'event', event: r.value } : { kind: 'malformed', name, reason: r.reason, payload: json };
}
