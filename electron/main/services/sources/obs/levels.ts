/** OBS's volume meters, folded into one reading per input per sample window. */
import type { MeterInput } from './obs-payloads';

/** What digital zero reads. */
const FLOOR_DB = -120;
/** The sample schema's ceiling; only a boosted input clipping far past full scale reaches it. */
const CEILING_DB = 20;

export function linearToDb(x: number): number {
  if (!(x > 0)) return FLOOR_DB;
  return Math.min(CEILING_DB, Math.max(FLOOR_DB, 20 * Math.log10(x)));
}

export interface WindowLevel {
  /** The loudest channel's magnitude (post-fader, post-mute), the loudest of the window. */
  levelDb: number;
  /** The loudest channel's input peak (pre-fader, pre-mute), the loudest of the window. */
  inputPeakDb: number;
}

/**
 * The maximum over the window rather than the last reading: meters arrive every ~50 ms and a sample goes out
 * every 250 ms, so a syllable between two samples still counts as sound.
 */
export function meterWindow() {
  let events = 0;
  let loudest = new Map<string, { magnitude: number; inputPeak: number }>();
  return {
    add(inputs: readonly MeterInput[]): void {
      events++;
      for (const input of inputs) {
        const seen = loudest.get(input.inputName) ?? { magnitude: 0, inputPeak: 0 };
        for (const [magnitude, , inputPeak] of input.inputLevelsMul) {
          seen.magnitude = Math.max(seen.magnitude, magnitude);
          seen.inputPeak = Math.max(seen.inputPeak, inputPeak);
        }
        loudest.set(input.inputName, seen);
      }
    },
    /** Meter events since the last take. */
    events: () => events,
    /** The window's levels per input (in the order OBS first listed them); starts a new window. */
    take(): Map<string, WindowLevel> {
      const levels = new Map<string, WindowLevel>();
      for (const [name, l] of loudest)
        levels.set(name, { levelDb: linearToDb(l.magnitude), inputPeakDb: linearToDb(l.inputPeak) });
      events = 0;
      loudest = new Map();
      return levels;
    },
  };
}
