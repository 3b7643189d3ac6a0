/**
 * The sources feeding the event as the console names them: which one carries the time line, what each is
 * called (in a pill, in evidence, in a chart's legend), and how its connection reads in the top bar.
 */
import { TIMELINE_SOURCE_KINDS, type SourceKind, type SourceView } from '../../shared/sources';
import type { ConnectionState, HealthSample } from '../../shared/types';

const NAME: Record<SourceKind, string> = {
  simulator: 'Simulator',
  socketio: 'Source',
  replay: 'Replay',
  live: 'Live event',
  obs: 'OBS Studio',
  probe: 'Program probe',
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

/** "OBS connected", "Probe offline · retry 3", "Simulator online". */
export function sourcePill(s: Pick<SourceView, 'id' | 'kind' | 'label' | 'connection'>): SourcePillView {
  const c = s.connection;
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
