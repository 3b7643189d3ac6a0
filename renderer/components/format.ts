/**
 * Display formats for times, durations, ratios and failures. Every function here is total: source data is hostile (a chat
 * line stamped 8640000000000001 passes a "non-negative integer" check but is no date), and a formatter that
 * throws during render takes its whole panel down, on every reload, for as long as the row is stored. So a value
 * that is not a displayable date or number prints as a placeholder of the same shape, never as an exception.
 */
import { format } from 'date-fns';

/** The largest distance from 1970 a JavaScript Date can hold (ECMA-262 §21.4.1.1), in ms. */
const MAX_DATE_MS = 8.64e15;

/** True when `ts` is an epoch-ms value a Date can represent; false for NaN, ±Infinity, non-numbers and beyond. */
export function isValidTime(ts: unknown): ts is number {
  return typeof ts === 'number' && Number.isFinite(ts) && Math.abs(ts) <= MAX_DATE_MS;
}

/** "--:--:--" for "HH:mm:ss": the pattern's letters as dashes, so a column keeps its width. */
const placeholderOf = (pattern: string) => pattern.replace(/[A-Za-z]/g, '-');

/** `ts` in local time with a date-fns pattern; the pattern's placeholder for anything that is not a date. */
export function formatTime(ts: number, pattern = 'HH:mm:ss'): string {
  if (!isValidTime(ts)) return placeholderOf(pattern);
  try {
    return format(ts, pattern);
  } catch {
    return placeholderOf(pattern);
  }
}

/** mm:ss (or h:mm:ss) for timers; negative values clamp to zero, a non-finite one is "--:--". */
export function formatDuration(ms: number): string {
  if (typeof ms !== 'number' || Number.isNaN(ms) || ms === Infinity) return '--:--';
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h ? `${h}:${mmss}` : mmss;
}

/** "87%"; "—" for a value that is not a finite number. */
export const percent = (x: number) => (typeof x === 'number' && Number.isFinite(x) ? `${Math.round(x * 100)}%` : '—');

/** "−18.5 dBFS", with a real minus sign as meters print it; "— dBFS" for a value that is not a finite number. */
export function formatDb(db: number): string {
  if (typeof db !== 'number' || !Number.isFinite(db)) return '— dBFS';
  const r = Math.round(db * 10) / 10;
  return `${r < 0 ? '−' : ''}${Math.abs(r)} dBFS`;
}

/** A failure's message can be hostile text as long as a chat line (2,000 characters): show its start. */
const MESSAGE_MAX = 300;

/** One line for "this panel failed: …", whatever was thrown (an Error, a string, an object whose toString throws). */
export function failureMessage(error: unknown): string {
  let text: string;
  try {
    text = error instanceof Error ? error.message || error.name : String(error);
  } catch {
    text = '';
  }
  if (!text) return 'unknown error';
  return text.length > MESSAGE_MAX ? `${text.slice(0, MESSAGE_MAX)}…` : text;
}
