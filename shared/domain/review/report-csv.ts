/**
 * CSV exports for spreadsheets: the timeline, the health samples and the chat.
 * RFC 4180: CRLF line ends, a field containing a comma, a quote or a line break is quoted and its
 * quotes doubled. CSV injection: a text cell starting with = + - @ (or a tab / carriage return, which
 * some spreadsheets skip before the formula) is prefixed with a single quote, so a chat line like
 * `=HYPERLINK(...)` stays text. Numbers are written as numbers and never prefixed (-18 dB is data).
 */
import type { ChatMessage, HealthSample } from '../../types';
import { complaintMasks } from './complaints';
import { CATEGORY_BIT } from '../detect/chat-classify';
import { COMPLAINT_CATEGORIES } from '../detect/chat-phrases';
import { isoUtc } from './format';
import { timelineMarkers } from './timeline';
import type { RecordedEvent } from './recorded-event';

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: injection-guarded (text only), then quoted when needed. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}

/** Header + rows, CRLF-terminated lines. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [csvRow(header)];
  for (const r of rows) lines.push(csvRow(r));
  return lines.join('\r\n') + '\r\n';
}

/** One row per timeline item (see timelineMarkers): detections, operator actions, posts, connection changes. */
export function timelineCsv(event: RecordedEvent): string {
  return toCsv(
    ['ts', 'type', 'incident', 'channel', 'status', 'author', 'text'],
    timelineMarkers(event).map((m) => [
      isoUtc(m.ts),
      m.type,
      m.incidentId,
      m.channel,
      m.status,
      m.author,
      m.detail ? `${m.label}\n${m.detail}` : m.label,
    ]),
  );
}

export function healthCsv(health: readonly HealthSample[]): string {
  return toCsv(
    ['ts', 'audioLevelDb', 'audioPacketsPerSec', 'videoFps', 'bitrateKbps', 'droppedFrames', 'streamState', 'viewers'],
    health.map((h) => [
      isoUtc(h.ts),
      h.audioLevelDb,
      h.audioPacketsPerSec,
      h.videoFps,
      h.bitrateKbps,
      h.droppedFrames,
      h.streamState,
      h.viewers,
    ]),
  );
}

/** Chat with the live classifier's verdict: `complaint` lists the categories (audio;video…), empty when none. */
export function chatCsv(chat: readonly ChatMessage[]): string {
  const masks = complaintMasks(chat);
  const categories = (m: number) => COMPLAINT_CATEGORIES.filter((c) => (m & CATEGORY_BIT[c]) !== 0).join(';');
  return toCsv(
    ['ts', 'id', 'author', 'lang', 'text', 'complaint'],
    chat.map((c, i) => [isoUtc(c.ts), c.id, c.author, c.lang, c.text, categories(masks[i])]),
  );
}
