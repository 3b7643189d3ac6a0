/**
 * Escaping and display formats shared by the reports. Times print in UTC (ISO 8601) and as offsets
 * from the event start, so a report reads the same on every machine; nothing here reads a clock.
 */
import type { EpochMs } from '../../types';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element content and in quoted attribute values. Chat and posts are hostile text. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

export function isoUtc(ts: EpochMs): string {
  const d = new Date(ts);
  return Number.isNaN(d.getTime()) ? String(ts) : d.toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "+1:02:03" from the event start (negative before it). */
export function offset(ts: EpochMs, start: EpochMs): string {
  const ms = ts - start;
  const s = Math.round(Math.abs(ms) / 1000);
  return `${ms < 0 ? '−' : '+'}${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** "3 s", "5 min 07 s", "1 h 02 min"; "—" for null. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${pad(Math.floor(s / 60) % 60)} min`;
}

export function rate(perMin: number | null): string {
  return perMin === null ? '—' : `${perMin.toFixed(perMin < 1 ? 2 : 1)}/min`;
}
