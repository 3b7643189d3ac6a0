import { describe, expect, it } from 'vitest';
import { initialSourceQuiet, SOURCE_QUIET_DEFAULTS, stepSourceQuiet } from './source-quiet';
import { sample, T0 } from './test-support';

/** Drives the detector with explicit ticks and samples; returns "type@second" of every report. */
function drive(script: Array<['tick' | 'sample', number]>, cfg = SOURCE_QUIET_DEFAULTS, source?: string): string[] {
  let s = initialSourceQuiet;
  const seen: string[] = [];
  for (const [what, sec] of script) {
    const input =
      what === 'tick' ? ({ type: 'tick' } as const) : ({ type: 'sample', sample: sample(sec, { source }) } as const);
    const r = stepSourceQuiet(s, input, T0 + sec * 1000, cfg);
    s = r.state;
    r.reports.forEach((x) => seen.push(`${x.type}@${sec}`));
  }
  return seen;
}

describe('source-quiet detector (driven by ticks)', () => {
  it('fires once when no sample arrives for 5 s, and reports healthy on the next sample', () => {
    const script: Array<['tick' | 'sample', number]> = [];
    for (let t = 0; t < 10; t++) script.push(['tick', t], ['sample', t]);
    for (let t = 10; t < 30; t++) script.push(['tick', t]); // the source goes silent after second 9
    script.push(['sample', 30]);
    expect(drive(script)).toEqual(['finding@14', 'healthy@30']);
  });

  it('stays silent before the first sample (a session that never started is not an outage)', () => {
    const script: Array<['tick' | 'sample', number]> = Array.from({ length: 60 }, (_, t) => ['tick', t]);
    expect(drive(script)).toEqual([]);
  });

  it("leaves a platform's samples alone: YouTube every 30 s and Zoom on events have no cadence to miss", () => {
    const script: Array<['tick' | 'sample', number]> = [['sample', 0]];
    for (let t = 1; t < 95; t++) script.push(['tick', t]);
    script.push(['sample', 95]);
    for (let t = 96; t < 200; t++) script.push(['tick', t]);
    expect(drive(script, SOURCE_QUIET_DEFAULTS, 'youtube')).toEqual([]);
    expect(drive(script, SOURCE_QUIET_DEFAULTS, 'zoom-2')).toEqual([]);
    expect(drive(script, SOURCE_QUIET_DEFAULTS, 'obs')).toEqual(['finding@5', 'healthy@95', 'finding@100']);
  });

  it('quiet time is tunable', () => {
    const script: Array<['tick' | 'sample', number]> = [
      ['sample', 0],
      ['tick', 5],
      ['tick', 10],
      ['tick', 11],
    ];
    expect(drive(script, { quietMs: 10_000 })).toEqual(['finding@10']);
  });

  it('judges quiet on the clock it is fed, not on the stamp: a sample stamped a day ahead changes nothing', () => {
    let s = initialSourceQuiet;
    const seen: string[] = [];
    for (let t = 0; t < 30; t++) {
      const now = T0 + t * 1000;
      // Samples for ten seconds, one of them stamped a day ahead; then silence.
      if (t < 10) s = stepSourceQuiet(s, { type: 'sample', sample: sample(t === 9 ? t + 86_400 : t) }, now).state;
      const r = stepSourceQuiet(s, { type: 'tick' }, now);
      s = r.state;
      r.reports.forEach((x) => seen.push(`${x.type}@${t}`));
    }
    expect(seen).toEqual(['finding@14']);
  });
});
