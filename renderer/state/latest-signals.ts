/**
 * What each source delivers now: the newest value of every signal its samples carry (OBS sends the stream's
 * state once a second and its meters four times, so one sample rarely holds them all), and from that the
 * stream's state over all sources, the worst one winning: one source saying the stream is offline must
 * never be hidden by another that still says online.
 */
import type { SourceView } from '../../shared/sources';
import type { EpochMs, HealthSample, StreamState } from '../../shared/types';
import { sourceName, sourceOfSample, timelineIdOf } from './sources';

export type LatestSignals = Omit<HealthSample, 'source'> & { ts: EpochMs };

/**
 * Not carried over from older samples: the source (the map's key), and what samples carry only while the
 * picture is black or frozen, so the newest sample alone says whether it is.
 */
const NOT_CARRIED = new Set<keyof HealthSample>(['source', 'blackSince', 'frozenSince']);

/**
 * Per source id (the time line's under its own), in the sources' order, the newest value of each signal. Samples of a source no
 * longer in `sources` are left out: a removed source says nothing about the program any more.
 */
export function latestSignals(
  health: readonly HealthSample[],
  sources: readonly SourceView[],
): Map<string, LatestSignals> {
  const timelineId = timelineIdOf(sources);
  const current = new Set(sources.map((s) => s.id));
  const latest = new Map<string, LatestSignals>();
  for (let i = health.length - 1; i >= 0; i--) {
    const h = health[i];
    const id = sourceOfSample(h, timelineId);
    if (h.source !== undefined && !current.has(id)) continue;
    const known = latest.get(id);
    if (!known) {
      const { source: _source, ...signals } = h;
      latest.set(id, signals);
      continue;
    }
    for (const key of Object.keys(h) as (keyof HealthSample)[])
      if (!NOT_CARRIED.has(key) && known[key as keyof LatestSignals] === undefined && h[key] !== undefined)
        (known as Record<string, unknown>)[key] = h[key];
  }
  const inOrder = [...new Set([timelineId, ...current])].flatMap((id) => {
    const signals = latest.get(id);
    return signals ? [[id, signals] as const] : [];
  });
  return new Map(inOrder);
}

const STREAM_RANK: Record<StreamState, number> = { online: 0, reconnecting: 1, offline: 2 };

export interface StreamSummary {
  state: StreamState;
  /** Each source that reports the stream, with what it says. */
  by: { id: string; state: StreamState }[];
}

/** The stream's state as the worst of the sources' newest; null while no source reports one. */
export function streamSummary(latest: ReadonlyMap<string, LatestSignals>): StreamSummary | null {
  const by = [...latest].flatMap(([id, s]) => (s.streamState ? [{ id, state: s.streamState }] : []));
  if (!by.length) return null;
  const state = by.reduce<StreamState>((w, x) => (STREAM_RANK[x.state] > STREAM_RANK[w] ? x.state : w), 'online');
  return { state, by };
}

/** "OBS Studio: reconnecting · Simulator: online", for a hover title. */
export const streamBySource = (stream: StreamSummary, sources: readonly SourceView[]): string =>
  stream.by.map((x) => `${sourceName(x.id, sources)}: ${x.state}`).join(' · ');
