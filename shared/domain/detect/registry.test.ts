import { describe, expect, it } from 'vitest';
import { resolveDetectionConfig, initialPipelineState } from './pipeline';
import { DETECTOR_NAMES, DETECTORS } from './registry';

describe('detector registry', () => {
  it('names every detector once, in kebab-case', () => {
    expect(new Set(DETECTOR_NAMES).size).toBe(DETECTORS.length);
    for (const name of DETECTOR_NAMES) expect(name).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('gives every detector at least one input, and its defaults and initial state to the pipeline', () => {
    const cfg = resolveDetectionConfig();
    const state = initialPipelineState(cfg);
    for (const d of DETECTORS) {
      expect(d.consumes.length).toBeGreaterThan(0);
      expect(cfg[d.name]).toEqual(d.defaults);
      expect(state.detectors[d.name]).toBe(d.initial);
    }
  });
});
