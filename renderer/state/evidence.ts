/**
 * A sample in an incident's evidence as the producer reads it: which source saw it, on which encoder input,
 * and the value in its own unit: "OBS Studio · Mic/Aux: −120 dBFS", "Program probe: black for 12 s".
 */
import type { Evidence, HealthMetric } from '../../shared/domain/detect/types';
import type { SourceView } from '../../shared/sources';
import { formatDb as db, percent } from '../components/format';
import { sourceName } from './sources';

type SampleEvidence = Extract<Evidence, { type: 'sample' }>;

const round = (v: number, digits = 0) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
const seconds = (ms: number) => `${round(ms / 1000)} s`;

const METRIC: Record<HealthMetric, (v: number, e: SampleEvidence) => string> = {
  audioLevelDb: (v) => `program level ${db(v)}`,
  audioPacketsPerSec: (v) => `${round(v)} audio packets/s`,
  videoFps: (v) => `${round(v, 1)} fps`,
  bitrateKbps: (v) => `${round(v)} kbps`,
  // The detector says which: the value only marks "not online".
  streamState: (_v, e) => (e.detector === 'stream-reconnecting' ? 'stream reconnecting' : 'stream offline'),
  sampleGapMs: (v) => `no sample for ${seconds(v)}`,
  inputLevelDb: db,
  inputPeakDb: (v) => `input peak ${db(v)}`,
  muted: (v) => (v ? 'muted' : 'not muted'),
  congestion: (v) => `congestion ${percent(v)}`,
  droppedFrames: (v) => `${round(v)} dropped frames`,
  skippedFrames: (v) => `${round(v)} skipped frames`,
  blackMs: (v) => `black for ${seconds(v)}`,
  frozenMs: (v) => `frozen for ${seconds(v)}`,
  platformHealth: (v) => (v === 0 ? 'the platform receives no data' : 'the platform grades the stream bad'),
};

export function describeSampleEvidence(e: SampleEvidence, sources: readonly SourceView[]): string {
  const where = [sourceName(e.from, sources), ...(e.input === undefined ? [] : [e.input])].join(' · ');
  const describe = METRIC[e.metric] as ((v: number, e: SampleEvidence) => string) | undefined;
  const what = describe && Number.isFinite(e.value) ? describe(e.value, e) : `${String(e.metric)} = ${String(e.value)}`;
  return `${where}: ${what}`;
}
