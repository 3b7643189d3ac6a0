import { describe, expect, it } from 'vitest';
import type { HealthSample } from '../../types';
import { alertKind, platformHealthDetector, stepPlatformHealth, type PlatformHealthState } from './platform-health';
import { T0 } from './test-support';

const CFG = platformHealthDetector.defaults;

/** Feeds samples (or ticks, as null) at the given seconds; returns every report with its second. */
function run(inputs: [sec: number, sample: Omit<HealthSample, 'ts'> | null][]) {
  let s: PlatformHealthState = platformHealthDetector.initial;
  const out: { sec: number; type: string; kind: string; title?: string; evidence?: unknown[] }[] = [];
  for (const [sec, x] of inputs) {
    const now = T0 + sec * 1000;
    const r = stepPlatformHealth(s, x && { ts: now, ...x }, now, CFG);
    s = r.state;
    for (const rep of r.reports)
      out.push(
        rep.type === 'finding'
          ? {
              sec,
              type: 'finding',
              kind: rep.finding.kind,
              title: rep.finding.title,
              evidence: [...rep.finding.evidence],
            }
          : { sec, type: 'healthy', kind: rep.kind },
      );
  }
  return out;
}

describe('platform-health detector', () => {
  it("fires at once when YouTube grades the stream bad, with its issues as evidence, and clears on 'good'", () => {
    const issue = 'error: The video bitrate is much lower than recommended';
    const r = run([
      [0, { platformHealth: 'good', platformIssues: [] }],
      [30, { platformHealth: 'bad', platformIssues: [issue] }],
      [60, { platformHealth: 'bad', platformIssues: [issue] }],
      [90, { platformHealth: 'ok', platformIssues: [] }],
    ]);
    expect(r).toMatchObject([
      { sec: 30, type: 'finding', kind: 'stream', title: `The platform grades the stream bad: ${issue}` },
      { sec: 90, type: 'healthy', kind: 'stream' },
    ]);
    expect(r[0]!.evidence).toMatchObject([
      { type: 'sample', metric: 'platformHealth', value: 1 },
      { type: 'note', text: issue },
    ]);
  });

  it('says the platform receives no data, critical', () => {
    const r = run([[0, { platformHealth: 'noData', platformIssues: [] }]]);
    expect(r).toMatchObject([{ type: 'finding', title: 'The platform receives no data from the encoder' }]);
  });

  it("turns Zoom's alerts into findings of their kind, which stand until the platform is quiet of that kind", () => {
    const r = run([
      [0, { platformIssues: ['Unstable audio quality'] }],
      [30, { platformIssues: ['Unstable audio quality', 'Unstable screen share quality'] }],
      [100, null],
      [149, null],
      [150, null],
      [250, null],
    ]);
    expect(r).toMatchObject([
      { sec: 0, type: 'finding', kind: 'audio', title: 'The platform reports: Unstable audio quality' },
      { sec: 30, type: 'finding', kind: 'video', title: 'The platform reports: Unstable screen share quality' },
      { sec: 150, type: 'healthy', kind: 'audio' },
      { sec: 150, type: 'healthy', kind: 'video' },
    ]);
  });

  it('reads the kind from the words of the alert', () => {
    expect(
      ['Unstable audio quality', 'Unstable video quality', 'Call Reconnection', 'High CPU occupation'].map(alertKind),
    ).toEqual(['audio', 'video', 'stream', 'other']);
  });

  it('ignores samples that carry nothing from a platform', () => {
    expect(
      run([
        [0, { audioLevelDb: -20 }],
        [1, { streamState: 'offline' }],
        [500, null],
      ]),
    ).toEqual([]);
  });
});
