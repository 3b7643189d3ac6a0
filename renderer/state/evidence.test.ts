import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../shared/domain/detect/types';
import type { SourceView } from '../../shared/sources';
import { describeSampleEvidence } from './evidence';

const T0 = 1_700_000_000_000;
type Sample = Extract<Evidence, { type: 'sample' }>;
const source = (id: string, kind: SourceView['kind']): SourceView => ({
  id,
  kind,
  label: id,
  connection: { status: 'online', url: '', since: T0, attempt: 0 },
});
const sources = [source('simulator', 'simulator'), source('obs', 'obs'), source('probe', 'probe')];
const sample = (over: Partial<Sample>): Sample => ({
  type: 'sample',
  ts: T0,
  detector: 'audio-silence',
  metric: 'audioLevelDb',
  value: -95,
  ...over,
});

describe('sample evidence', () => {
  it('names the source that saw it and the encoder input, with the value in its unit', () => {
    expect(
      describeSampleEvidence(
        sample({ detector: 'input-silence', metric: 'inputLevelDb', value: -120, from: 'obs', input: 'Mic/Aux' }),
        sources,
      ),
    ).toBe('OBS Studio · Mic/Aux: −120 dBFS');
    expect(describeSampleEvidence(sample({ from: 'probe', value: -61.26 }), sources)).toBe(
      'Program probe: program level −61.3 dBFS',
    );
  });

  it("is the time line's source's when the sample names none", () => {
    expect(describeSampleEvidence(sample({}), sources)).toBe('Simulator: program level −95 dBFS');
  });

  it('reads each metric in its own words', () => {
    const say = (over: Partial<Sample>) => describeSampleEvidence(sample({ from: 'obs', ...over }), sources);
    expect(say({ detector: 'stream-reconnecting', metric: 'streamState', value: 0 })).toBe(
      'OBS Studio: stream reconnecting',
    );
    expect(say({ detector: 'stream-offline', metric: 'streamState', value: 0 })).toBe('OBS Studio: stream offline');
    expect(say({ metric: 'congestion', value: 0.42 })).toBe('OBS Studio: congestion 42%');
    expect(say({ metric: 'muted', value: 1, input: 'Mic/Aux' })).toBe('OBS Studio · Mic/Aux: muted');
    expect(say({ metric: 'frozenMs', value: 12_400, from: 'probe' })).toBe('Program probe: frozen for 12 s');
    expect(say({ metric: 'videoFps', value: 12.34, from: undefined })).toBe('Simulator: 12.3 fps');
  });
});
