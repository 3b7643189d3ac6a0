import { describe, expect, it } from 'vitest';
import { parseWith } from '../../../../../shared/schemas';
import { inputVolumeMetersSchema, streamStatusSchema } from './obs-payloads';

describe('what OBS sends, checked', () => {
  it('takes a meter event as obs-websocket 5.1 sends it (newer versions add inputUuid)', () => {
    const levels = [0.143, 0.463, 0.463];
    const r = parseWith(inputVolumeMetersSchema, {
      inputs: [{ inputName: 'Talk', inputUuid: 'u-1', inputLevelsMul: [levels, levels] }],
    });
    expect(r).toEqual({ ok: true, value: { inputs: [{ inputName: 'Talk', inputLevelsMul: [levels, levels] }] } });
  });

  it.each([
    ['NaN level', { inputs: [{ inputName: 'Mic', inputLevelsMul: [[NaN, 0, 0]] }] }, /inputLevelsMul\.0\.0/],
    ['infinite level', { inputs: [{ inputName: 'Mic', inputLevelsMul: [[0, Infinity, 0]] }] }, /inputLevelsMul/],
    ['negative level', { inputs: [{ inputName: 'Mic', inputLevelsMul: [[-1, 0, 0]] }] }, /inputLevelsMul/],
    ['two numbers for a channel', { inputs: [{ inputName: 'Mic', inputLevelsMul: [[0, 0]] }] }, /inputLevelsMul/],
    ['no name', { inputs: [{ inputLevelsMul: [] }] }, /inputName/],
    ['inputs not a list', { inputs: { Mic: [] } }, /inputs/],
  ])('refuses a meter event with a %s', (_, payload, reason) => {
    const r = parseWith(inputVolumeMetersSchema, payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('refuses a stream status with a frame count that is not a count', () => {
    const status = { outputActive: true, outputReconnecting: false, outputCongestion: 0, outputBytes: 1 };
    expect(parseWith(streamStatusSchema, { ...status, outputSkippedFrames: 3 }).ok).toBe(true);
    expect(parseWith(streamStatusSchema, { ...status, outputSkippedFrames: 1.5 }).ok).toBe(false);
  });
});
