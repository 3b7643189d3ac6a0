/**
 * Synthetic health signals of a scenario: what the stream's encoder/ingest would report each second.
 * Pure and random-access: `healthAt(s, t)` depends only on (scenario, t), never on earlier calls.
 */
import type { EpochMs, HealthSample } from '../../../../../shared/types';
import type { Scenario, ScenarioSegment } from './scenario';
import { rngAt } from './scenario-random';

/** Segments active at scenario second `tSec` (half-open windows [fromSec, toSec)). */
function segmentsAt(scenario: Scenario, tSec: number): ScenarioSegment[] {
  return scenario.segments.filter((g) => tSec >= g.fromSec && tSec < g.toSec);
}

/** True when the source itself is dead at `tSec`: it sends neither health nor chat. */
export function isSourceSilent(scenario: Scenario, tSec: number): boolean {
  return segmentsAt(scenario, tSec).some((g) => g.effect === 'source-silent');
}

/**
 * Audience size at `tSec`: joins at joinPerMin up to the peak, a gentle drift in the last 15 %
 * of the event, ±0.5 % jitter, and viewers drifting away while the stream is offline or the picture frozen.
 */
export function viewersAt(scenario: Scenario, tSec: number): number {
  const { initialViewers, peakViewers, joinPerMin } = scenario.audience;
  const t = Math.max(0, Math.floor(tSec));
  let v = Math.min(peakViewers, initialViewers + (joinPerMin * t) / 60);
  const tail = scenario.durationSec * 0.85;
  if (t > tail) v *= 1 - (0.15 * (t - tail)) / (scenario.durationSec - tail);
  for (const g of scenario.segments) {
    if (t < g.fromSec || (g.effect !== 'stream-offline' && g.effect !== 'video-frozen')) continue;
    const inside = Math.min(t, g.toSec) - g.fromSec;
    const lost = Math.min(0.3, inside * (g.effect === 'stream-offline' ? 0.004 : 0.002));
    // Most leavers come back once the problem is over.
    v *= 1 - (t < g.toSec ? lost : lost * 0.3);
  }
  const jitter = (rngAt(scenario.seed, t, 'viewers')() * 2 - 1) * 0.005;
  return Math.max(0, Math.round(v * (1 + jitter)));
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Speech: a slow component (5 s phrases) plus per-second variation, kept within −30…−12 dBFS around
 * a −18 baseline, with occasional one-second natural gaps (breaths, slide changes) near −38 dBFS.
 */
function speechLevel(scenario: Scenario, t: number): number {
  const base = scenario.baseline.audioLevelDb;
  const slow = rngAt(scenario.seed, Math.floor(t / 5), 'speech-phrase')() * 2 - 1;
  const r = rngAt(scenario.seed, t, 'speech');
  const fast = r() * 2 - 1;
  if (r() < 0.05) return -34 - r() * 8;
  return clamp(base + slow * 4 + fast * 3, base - 12, Math.min(base + 6, -1));
}

interface Signals {
  level: number;
  packets: number;
  fps: number;
  bitrate: number;
  dropped: number;
  offline: boolean;
}

function applyEffect(s: Signals, g: ScenarioSegment, scenario: Scenario, t: number, e: () => number): void {
  const b = scenario.baseline;
  const progress = (t - g.fromSec) / (g.toSec - g.fromSec);
  switch (g.effect) {
    case 'audio-silence':
      s.level = -90 + (e() * 2 - 1) * 0.5;
      s.packets = 0;
      return;
    case 'audio-clipping':
      s.level = Math.min(0, -0.5 + (e() * 2 - 1) * 0.3);
      return;
    case 'audio-garbled':
      // Robotic, choppy voice: level stays in range, packets dip by a few percent — healthy-looking.
      s.packets = Math.round(b.audioPacketsPerSec * (0.9 + e() * 0.08));
      return;
    case 'video-frozen':
      s.fps = 0;
      s.bitrate = b.bitrateKbps * (0.02 + e() * 0.02); // keyframe trickle
      s.dropped = 0;
      return;
    case 'video-degraded':
      s.fps = 8 + e() * 4;
      s.bitrate *= 0.3;
      s.dropped = 15 + Math.floor(e() * 10);
      return;
    case 'stream-offline':
      s.offline = true;
      return;
    case 'presenter-pause':
      s.level = -55 + (e() * 2 - 1) * 2;
      return;
    case 'quiet-speaker':
      s.level = -38 + (s.level - b.audioLevelDb) * 0.5;
      return;
    case 'network-dip': {
      // Full dip for most of the window, then a linear recovery over its last 30 %.
      const depth = progress < 0.7 ? 1 : (1 - progress) / 0.3;
      s.bitrate *= 1 - 0.5 * depth;
      s.fps = b.videoFps - (b.videoFps - 20) * depth - e();
      s.dropped += Math.round(8 * depth);
      return;
    }
    case 'source-silent':
    case 'chat-flood':
      return;
  }
}

/** The health sample at scenario second `tSec`, or null while the source itself is silent. */
export function healthAt(scenario: Scenario, tSec: number, startedAt: EpochMs): HealthSample | null {
  const t = Math.max(0, Math.floor(tSec));
  if (isSourceSilent(scenario, t)) return null;
  const b = scenario.baseline;
  const r = rngAt(scenario.seed, t, 'health');
  const s: Signals = {
    level: speechLevel(scenario, t),
    packets: b.audioPacketsPerSec + Math.round((r() * 2 - 1) * 1.2),
    fps: b.videoFps - r(),
    bitrate: b.bitrateKbps * (1 + (r() * 2 - 1) * 0.05),
    dropped: r() < 0.9 ? 0 : 1 + Math.floor(r() * 3),
    offline: false,
  };
  scenario.segments.forEach((g, i) => {
    if (t >= g.fromSec && t < g.toSec) applyEffect(s, g, scenario, t, rngAt(scenario.seed, t, `fx${i}`));
  });
  if (s.offline) Object.assign(s, { level: -120, packets: 0, fps: 0, bitrate: 0, dropped: 0 });
  return {
    ts: startedAt + t * 1000,
    audioLevelDb: round1(s.level),
    audioPacketsPerSec: Math.max(0, Math.round(s.packets)),
    videoFps: round1(Math.max(0, s.fps)),
    bitrateKbps: Math.max(0, Math.round(s.bitrate)),
    droppedFrames: Math.max(0, s.dropped),
    streamState: s.offline ? 'offline' : 'online',
    viewers: viewersAt(scenario, t),
  };
}
