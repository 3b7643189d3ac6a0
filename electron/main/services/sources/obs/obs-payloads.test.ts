import { describe, expect, it } from 'vitest';
import { parseWith } from '../../../../../shared/schemas';
import { readMeters, streamStatusSchema } from './obs-payloads';

describe('what OBS sends, checked', () => {
  it('takes a meter event as obs-websocket 5.1 sends it (newer versions add inputUuid)', () => {
    const levels = [0.143, 0.463, 0.463];
    const r = readMeters({
      inputs: [{ inputName: 'Talk', inputUuid: 'u-1', inputLevelsMul: [levels, levels] }],
    });
    expect(r).toEqual({
      ok: true,
      value: { inputs: [{ inputName: 'Talk', inputLevelsMul: [levels, levels] }], refused: [] },
    });
  });

  it.each([
    ['NaN level', { inputName: 'Mic', inputLevelsMul: [[NaN, 0, 0]] }, /inputLevelsMul\.0\.0/],
    ['infinite level', { inputName: 'Mic', inputLevelsMul: [[0, Infinity, 0]] }, /inputLevelsMul/],
    ['negative level', { inputName: 'Mic', inputLevelsMul: [[-1, 0, 0]] }, /inputLevelsMul/],
    ['level past 1e6', { inputName: 'Mic', inputLevelsMul: [[0, 2e6, 0]] }, /inputLevelsMul/],
    ['two numbers for a channel', { inputName: 'Mic', inputLevelsMul: [[0, 0]] }, /inputLevelsMul/],
    ['no name', { inputLevelsMul: [] }, /inputName/],
  ])('refuses an input with a %s, and keeps the input beside it', (_, bad, reason) => {
    const talk = { inputName: 'Talk', inputLevelsMul: [[0.1, 0.2, 0.2]] };
    const r = readMeters({ inputs: [bad, talk] });
    expect(r.ok && r.value.inputs).toEqual([talk]);
    expect(r.ok && r.value.refused).toEqual([expect.stringMatching(/^inputs\.0: /)]);
    expect(r.ok && r.value.refused[0]).toMatch(reason);
  });

  it('refuses a meter event whose inputs are not a list', () => {
    const r = readMeters({ inputs: { Mic: [] } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/inputs/);
  });

  it('refuses a stream status with a frame count that is not a count', () => {
    const status = { outputActive: true, outputReconnecting: false, outputCongestion: 0, outputBytes: 1 };
    expect(parseWith(streamStatusSchema, { ...status, outputSkippedFrames: 3 }).ok).toBe(true);
    expect(parseWith(streamStatusSchema, { ...status, outputSkippedFrames: 1.5 }).ok).toBe(false);
  });
});
