/**
 * The review of past (and running) events: timelines bucketed to what a chart can draw, figures, exports,
 * imports from other machines, and replays through the live console.
 */
import type { ChatMessage, SessionId } from '../../../../shared/types';
import { eventFigures } from '../../../../shared/domain/review/figures';
import { complaintMasks, primeComplaintMasks } from '../../../../shared/domain/review/complaints';
import { eventRange } from '../../../../shared/domain/review/event-time';
import { parseRecordedEvent } from '../../../../shared/domain/review/recorded-event-schema';
import { renderReportHtml } from '../../../../shared/domain/review/report-html';
import { renderReportMarkdown } from '../../../../shared/domain/review/report-markdown';
import { timelineCsv } from '../../../../shared/domain/review/report-csv';
import {
  bucketFor,
  chatRateSeries,
  healthSeries,
  incidentBands,
  timelineMarkers,
} from '../../../../shared/domain/review/series';
import type { Playbook } from '../../../../shared/domain/broadcast/playbook';
import type { ReviewRepo } from '../db/review-repo';
import { fail } from '../dispatch';
import type { IncidentKind } from '../../../../shared/domain/vocabulary';
import type { EventSummary, RecordedEvent } from '../../../../shared/domain/review/recorded-event';
import type { TimelineView } from '../../../../shared/domain/review/timeline-view';
import type { ExportedFile, ReportFormat } from '../../../../shared/domain/review/report-format';
import { messageOf } from '../../../../shared/error-message';

interface Cached {
  event: RecordedEvent;
  masks: Uint8Array;
  builtAt: number;
}

export interface ReviewServiceDeps {
  repo: ReviewRepo;
  now(): number;
  playbookFor(kind: IncidentKind): Playbook;
  /** The session being watched right now: its recording grows, so it is re-read when stale. */
  liveSessionId(): string | null;
  replay(event: RecordedEvent, speed: number): Promise<void>;
  /**
   * The event's posts, where they are not in the repo's own store: a team's outbox lives in PostgreSQL, not in
   * the console's SQLite file.
   */
  posts?: (sessionId: string) => Promise<RecordedEvent['posts']>;
  liveStaleMs?: number;
}

const HEALTH_INTERVAL_MS = 1000;
const CHAT_POINTS = 90;
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'event';

export function createReviewService(d: ReviewServiceDeps) {
  const cache = new Map<string, Cached>();
  const staleMs = d.liveStaleMs ?? 2000;

  async function load(sessionId: string): Promise<Cached> {
    const hit = cache.get(sessionId);
    const live = sessionId === d.liveSessionId();
    if (hit && (!live || d.now() - hit.builtAt < staleMs)) return hit;
    const { event: stored, complaints } =
      d.repo.recordedWithComplaints(sessionId, d.now()) ?? fail('not-found', `no recorded event ${sessionId}`);
    // An imported recording carries its own posts.
    const imported = sessionId.startsWith('imported:');
    const event = d.posts && !imported ? { ...stored, posts: await d.posts(sessionId) } : stored;
    const masks = complaints ? primeComplaintMasks(event.chat, complaints) : complaintMasks(event.chat);
    const entry = { event, masks, builtAt: d.now() };
    cache.set(sessionId, entry);
    if (cache.size > 3) cache.delete(cache.keys().next().value!); // one big event is ~100 MB in memory
    return entry;
  }

  async function timeline(a: {
    sessionId: string;
    from?: number;
    to?: number;
    maxPoints?: number;
  }): Promise<TimelineView> {
    const { event, masks } = await load(a.sessionId);
    const full = eventRange(event);
    const from = Math.max(full.from, a.from ?? full.from);
    const to = Math.min(full.to, Math.max(from + 1000, a.to ?? full.to));
    // Never finer than the one-per-second health samples, or every other bucket is empty and lines break.
    const bucketMs = Math.max(HEALTH_INTERVAL_MS, bucketFor(to - from, a.maxPoints ?? 400));
    const range = { from, to };
    return {
      session: event.session,
      full: { from: full.from, to: full.to },
      range,
      bucketMs,
      health: healthSeries(event.health, bucketMs, range),
      // Chat is sparse: coarser buckets give a readable rate instead of one-message spikes.
      chat: chatRateSeries(event.chat, Math.max(bucketMs, bucketFor(to - from, CHAT_POINTS)), range, masks),
      bands: incidentBands(event).filter((b) => b.to >= from && b.from <= to),
      markers: timelineMarkers(event).filter((m) => m.ts >= from && m.ts <= to),
      figures: eventFigures(event, d.playbookFor),
    };
  }

  async function detail(a: { sessionId: string; from: number; to: number }) {
    const { event } = await load(a.sessionId);
    const chat: ChatMessage[] = [];
    for (const m of event.chat) if (m.ts >= a.from && m.ts < a.to && chat.push(m) >= 200) break;
    const posts = event.posts.filter((p) => (p.sentAt ?? p.createdAt) >= a.from && (p.sentAt ?? p.createdAt) < a.to);
    return { chat, posts };
  }

  async function exportAs(sessionId: string, format: ReportFormat): Promise<ExportedFile> {
    const { event } = await load(sessionId);
    const base = `onair-${slug(event.session.eventName)}-${new Date(event.session.startedAt).toISOString().slice(0, 10)}`;
    switch (format) {
      case 'html':
        return {
          fileName: `${base}.html`,
          mime: 'text/html',
          content: renderReportHtml(event, eventFigures(event, d.playbookFor)),
        };
      case 'markdown':
        return {
          fileName: `${base}.md`,
          mime: 'text/markdown',
          content: renderReportMarkdown(event, eventFigures(event, d.playbookFor)),
        };
      case 'json':
        return { fileName: `${base}.json`, mime: 'application/json', content: JSON.stringify(event) };
      case 'csv':
        return { fileName: `${base}-timeline.csv`, mime: 'text/csv', content: timelineCsv(event) };
    }
  }

  function importEvent(content: string): EventSummary {
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch (err) {
      fail('bad-args', `not a JSON file: ${messageOf(err)}`);
    }
    const parsed = parseRecordedEvent(json);
    if (!parsed.ok) fail('bad-args', `not an Onair recording: ${parsed.reason}`);
    const id = d.repo.importEvent(parsed.value as RecordedEvent, d.now());
    cache.delete(id);
    return d.repo.list('', 1000).find((s) => s.sessionId === id) ?? fail('internal', 'imported event not found');
  }

  return {
    list: (query: string) => d.repo.list(query),
    timeline,
    detail,
    exportAs,
    importEvent,
    async replay(sessionId: SessionId, speed: number) {
      await d.replay((await load(sessionId)).event, speed);
      return { sessionId, speed };
    },
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;
