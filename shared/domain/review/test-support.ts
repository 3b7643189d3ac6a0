/**
 * A small hand-built recorded event with known answers, for the review tests.
 *
 * Event 0–600 s. Truth: audio lost 60–300 s. inc-1 (audio): first evidence 61 s, opened 63 s, acknowledged by
 * alice 80 s, investigating 90 s, resolved 500 s. Update 1 at 100 s: chat (sent +1 s), e-mail (sent +3 s),
 * Facebook failed, SMS skipped. Update 2 at 400 s: Facebook only (sent +2 s), webinar chat skipped.
 * Complaints: 4 between the start and 100 s, 1 between 100 s and 500 s, 1 after (not counted).
 * inc-2 (video): first evidence 515 s, opened 520 s, dismissed as a false alarm by bob 530 s.
 */
import type { ChannelId } from '../../channels';
import type { ChannelCheck } from '../broadcast/checklist';
import type { Incident, IncidentTransition } from '../incident';
import type { ChatMessage, EpochMs, HealthSample, IncidentId, SessionId } from '../../types';
import type { BroadcastRoundView } from '../broadcast/broadcast-round';
import type { OutboxEntryView } from '../broadcast/outbox-entry';
import { RECORDED_EVENT_FORMAT, type RecordedEvent } from './recorded-event';

/** Aligned to the minute, so minute buckets start at the event start. */
export const T0: EpochMs = 1_700_000_040_000;
export const at = (sec: number): EpochMs => T0 + sec * 1000;

export const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> no audio';

function health(): HealthSample[] {
  return Array.from({ length: 600 }, (_, s) => ({
    ts: at(s),
    audioLevelDb: s >= 60 && s < 300 ? -90 : -18,
    audioPacketsPerSec: s >= 60 && s < 300 ? 0 : 50,
    videoFps: 30,
    bitrateKbps: 2500,
    droppedFrames: 0,
    streamState: s >= 320 && s < 330 ? 'offline' : 'online',
    viewers: 100 + s,
  }));
}

function chat(): ChatMessage[] {
  const lines: [number, string][] = [
    [10, 'hello from Rome'],
    [58, 'no audio'],
    [62, "can't hear anything"],
    [70, 'the sound is gone'],
    [95, 'no sound??'],
    [120, 'thanks for the update, a comma, and "quotes"'],
    [150, 'still no audio'],
    [200, 'great talk'],
    [210, '=HYPERLINK("http://evil.example")'],
    [550, HOSTILE],
  ];
  return lines.map(([s, text], i) => ({ id: `m${i}`, author: `viewer${i}`, text, ts: at(s), lang: 'en' }));
}

const tr = (
  from: IncidentTransition['from'],
  to: IncidentTransition['to'],
  sec: number,
  operator: string,
  note?: string,
): IncidentTransition => ({
  from,
  to,
  at: at(sec),
  operator,
  ...(note ? { note } : {}),
});

function incidents(): Incident[] {
  const base = { signalConfidence: 0.9, chatConfidence: 0.6, confidence: 0.95, detectedBy: 'both' as const };
  return [
    {
      ...base,
      id: 'inc-1' as IncidentId,
      kind: 'audio',
      title: 'Audio lost',
      status: 'resolved',
      severity: 'high',
      openedAt: at(63),
      firstEvidenceAt: at(61),
      detectors: ['audio-silence', 'chat-complaints'],
      evidence: [
        { type: 'sample', ts: at(61), detector: 'audio-silence', metric: 'audioLevelDb', value: -90 },
        { type: 'chat', ts: at(62), detector: 'chat-complaints', messageId: 'm2', author: 'viewer2', text: HOSTILE },
      ],
      transitions: [
        tr(null, 'detected', 63, 'onair', 'Audio lost'),
        tr('detected', 'acknowledged', 80, 'alice'),
        tr('acknowledged', 'investigating', 90, 'alice', 'mixer <b>muted</b>'),
        tr('investigating', 'resolved', 500, 'alice'),
      ],
      updatedAt: at(500),
      resolvedAt: at(500),
    },
    {
      ...base,
      id: 'inc-2' as IncidentId,
      kind: 'video',
      title: 'Video degraded',
      status: 'false-alarm',
      severity: 'low',
      openedAt: at(520),
      firstEvidenceAt: at(515),
      detectors: ['video-degraded'],
      evidence: [],
      transitions: [tr(null, 'detected', 520, 'onair'), tr('detected', 'false-alarm', 530, 'bob')],
      updatedAt: at(530),
    },
  ];
}

export function round(
  n: number,
  sec: number,
  channels: Partial<Record<ChannelId, ChannelCheck>>,
  body: string,
): BroadcastRoundView {
  return {
    incidentId: 'inc-1' as IncidentId,
    round: n,
    phase: n === 1 ? 'acknowledge' : 'update',
    lang: 'en',
    body,
    operator: 'alice',
    at: at(sec),
    checklist: { round: n, channels },
    toneWarnings: 0,
  };
}

export function post(
  id: number,
  n: number,
  channel: ChannelId,
  createdSec: number,
  status: OutboxEntryView['status'],
  doneSec: number,
  text: string,
  extra: Partial<OutboxEntryView> = {},
): OutboxEntryView {
  return {
    id,
    idempotencyKey: `inc-1:${n}:${channel}`,
    sessionId: 's1',
    incidentId: 'inc-1',
    round: n,
    channel,
    phase: n === 1 ? 'acknowledge' : 'update',
    status,
    attempts: 1,
    nextAttemptAt: at(createdSec),
    createdAt: at(createdSec),
    updatedAt: at(doneSec),
    ...(status === 'sent' ? { sentAt: at(doneSec) } : {}),
    eventName: 'Launch webinar',
    text,
    lang: 'en',
    ...extra,
  };
}

export function sampleEvent(): RecordedEvent {
  const r1 = 'We know the audio is down and are fixing it.';
  const r2 = 'Still working on the audio, next update in 5 minutes.';
  return {
    format: RECORDED_EVENT_FORMAT,
    exportedAt: at(700),
    session: {
      id: 's1' as SessionId,
      eventName: 'Launch webinar',
      scenario: 'audio-dropout',
      sourceUrl: 'ws://127.0.0.1:4000',
      startedAt: T0,
      endedAt: at(600),
      speed: 1,
      truth: [{ kind: 'audio-loss', startTs: at(60), endTs: at(300), label: 'mixer muted' }],
    },
    health: health(),
    chat: chat(),
    connection: [
      { status: 'online', since: T0 },
      { status: 'offline', since: at(320), lastError: 'socket closed' },
      { status: 'online', since: at(330) },
    ],
    incidents: incidents(),
    rounds: [
      round(
        1,
        100,
        {
          'webinar-chat': { state: 'queued' },
          email: { state: 'queued' },
          sms: { state: 'skipped', reason: 'no SMS list for this event' },
          facebook: { state: 'queued' },
        },
        r1,
      ),
      round(
        2,
        400,
        { 'webinar-chat': { state: 'skipped', reason: 'chat closed by the platform' }, facebook: { state: 'queued' } },
        r2,
      ),
    ],
    posts: [
      post(1, 1, 'webinar-chat', 100, 'sent', 101, r1),
      post(2, 1, 'email', 100, 'sent', 103, r1, { subject: 'Audio problem' }),
      post(3, 1, 'facebook', 100, 'failed', 104, `${r1} =cmd|' /C calc'!A0`, {
        lastError: 'token expired',
        attempts: 3,
      }),
      post(4, 2, 'facebook', 400, 'sent', 402, `${r2}\n${HOSTILE}`),
    ],
  };
}
