/**
 * The sources feeding the event as the console names them: which one carries the time line, what each is
 * called (in a pill, in evidence, in a chart's legend), and how its connection reads in the top bar.
 */
import {
  TIMELINE_SOURCE_KINDS,
  type BroadcastChoice,
  type QuotaView,
  type SignalSourceSettings,
  type SourceKind,
  type SourceView,
} from '../../shared/sources';
import type { ConnectionState, HealthSample } from '../../shared/types';

const NAME: Record<SourceKind, string> = {
  simulator: 'Simulator',
  socketio: 'Source',
  replay: 'Replay',
  live: 'Live event',
  obs: 'OBS Studio',
  probe: 'Program probe',
  youtube: 'YouTube',
  zoom: 'Zoom',
};
/** In the top bar's pills, where room is short. */
const SHORT: Record<SourceKind, string> = { ...NAME, obs: 'OBS', probe: 'Probe' };

/** The key samples of the time line go under when no time line source is known. */
const TIMELINE_KEY = 'timeline';

export const isTimelineSource = (s: Pick<SourceView, 'kind'>): boolean =>
  (TIMELINE_SOURCE_KINDS as readonly string[]).includes(s.kind);

/** The id the time line's samples (those without `source`) are filed under. */
export const timelineIdOf = (sources: readonly SourceView[]): string =>
  sources.find(isTimelineSource)?.id ?? TIMELINE_KEY;

/** Which source measured a sample: its own, or the time line's when it names none. */
export const sourceOfSample = (h: HealthSample, timelineId: string): string => h.source ?? timelineId;

/** Ids are the kind, then "-2", "-3"… for a second and third of a kind ("obs-2"). */
function parseId(id: string): { kind: SourceKind; n?: string } | null {
  const m = /^([a-z]+)(?:-(\d+))?$/.exec(id);
  return m && m[1] in NAME ? { kind: m[1] as SourceKind, n: m[2] } : null;
}

function nameOf(id: string, names: Record<SourceKind, string>, sources: readonly SourceView[]): string {
  const parsed = parseId(id);
  const kind = sources.find((s) => s.id === id)?.kind ?? parsed?.kind;
  if (!kind) return id;
  return parsed?.n ? `${names[kind]} ${parsed.n}` : names[kind];
}

/**
 * "OBS Studio", "Program probe 2", "Simulator": the source with this id, or without one the time line's.
 * A source no longer in the list (removed) is still named by its id.
 */
export function sourceName(id: string | undefined, sources: readonly SourceView[]): string {
  if (id !== undefined && id !== TIMELINE_KEY) return nameOf(id, NAME, sources);
  const timeline = sources.find(isTimelineSource);
  return timeline ? nameOf(timeline.id, NAME, sources) : 'Time line';
}

const ONLINE_WORD: Partial<Record<SourceKind, string>> = { obs: 'connected', probe: 'running' };

export interface SourcePillView {
  status: ConnectionState['status'];
  text: string;
  /** The hover title: why it is offline, or what is on the other end. */
  title: string;
}

/** What a time line that ended says instead of "online" (the connection stays, nothing more comes). */
const ENDED_TEXT: Partial<Record<SourceKind, string>> = {
  simulator: 'Rehearsal ended',
  replay: 'Replay ended',
  socketio: 'Source ended',
};

/** "OBS connected", "Probe offline · retry 3", "Simulator online", "Replay ended". */
export function sourcePill(s: Pick<SourceView, 'id' | 'kind' | 'label' | 'connection' | 'ended'>): SourcePillView {
  const c = s.connection;
  if (s.ended !== undefined)
    return {
      status: 'stopped',
      text: ENDED_TEXT[s.kind] ?? `${nameOf(s.id, SHORT, [s])} ended`,
      title: `${s.label}: it ended`,
    };
  const word =
    c.status === 'online'
      ? (ONLINE_WORD[s.kind] ?? 'online')
      : c.status === 'offline'
        ? `offline${c.attempt ? ` · retry ${c.attempt}` : ''}`
        : c.status === 'connecting'
          ? 'connecting…'
          : 'stopped';
  const why = c.lastError ?? c.detail;
  return { status: c.status, text: `${nameOf(s.id, SHORT, [s])} ${word}`, title: why ? `${s.label}: ${why}` : s.label };
}

/** The Remove button's words: removing a YouTube source also signs Onair out of the Google account. */
export const removeLabel = (s: Pick<SourceView, 'kind'>): string =>
  s.kind === 'youtube' ? 'Sign out and remove' : 'Remove';

/** "0.5 s", "7 s", "3 min", "2 h": how often something happens, as a person says it. */
function everyText(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 10_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

/** "1,234 / 10,000 units today · chat read every 2 s · resets 09:00"; `clock` formats the reset time. */
export function quotaLine(q: QuotaView, clock: (ts: number) => string): string {
  const units = `${q.used.toLocaleString('en-US')} / ${q.limit.toLocaleString('en-US')} units today`;
  return `${units} · chat read every ${everyText(q.pollEveryMs)} · resets ${clock(q.resetsAt)}`;
}

/** The broadcast a new sign-in offers first: the one on air, else the next one (the list comes live first). */
export const preferredBroadcast = (bs: readonly BroadcastChoice[]): BroadcastChoice | undefined =>
  bs.find((b) => b.status === 'live') ?? bs[0];

/**
 * Signing a YouTube source in again: a finished sign-in's tokens take the place of the source's, for the same
 * broadcast and pacing. Null for a source that is not YouTube.
 */
export function signInAgainSettings(s: SourceView, flowId: string): SignalSourceSettings | null {
  const st = s.settings;
  if (st?.kind !== 'youtube') return null;
  return {
    kind: 'youtube',
    signIn: flowId,
    broadcastId: st.broadcastId,
    dailyQuota: st.dailyQuota,
    watchHours: st.watchHours,
    replaces: s.id,
  };
}
