import { describe, expect, it } from 'vitest';
import { linearToDb, meterWindow } from './levels';

const input = (inputName: string, ...channels: [number, number, number][]) => ({ inputName, inputLevelsMul: channels });

describe('linear → dB', () => {
  it('is 20·log10, digital zero reads −120, far past full scale +20', () => {
    expect(linearToDb(1)).toBe(0);
    expect(linearToDb(0.1)).toBeCloseTo(-20, 10);
    expect(linearToDb(1 / 32768)).toBeCloseTo(-90.3, 1);
    expect(linearToDb(0)).toBe(-120);
    expect(linearToDb(1e-9)).toBe(-120);
    expect(linearToDb(100)).toBe(20);
  });
});

describe('a meter window', () => {
  it("keeps the loudest channel's magnitude and input peak over the window, per input", () => {
    const w = meterWindow();
    w.add([input('Mic', [0.01, 0.02, 0.02], [0.1, 0.2, 0.2]), input('Music', [0, 0, 0])]);
    w.add([input('Mic', [0.001, 0.002, 0.5], [0.001, 0.002, 0.002]), input('Music', [0, 0, 0])]);
    expect(w.events()).toBe(2);
    const levels = w.take();
    expect([...levels.keys()]).toEqual(['Mic', 'Music']);
    expect(levels.get('Mic')?.levelDb).toBeCloseTo(-20, 10); // the syllable of the first reading counts
    expect(levels.get('Mic')?.inputPeakDb).toBeCloseTo(linearToDb(0.5), 10);
    expect(levels.get('Music')).toEqual({ levelDb: -120, inputPeakDb: -120 });
  });

  it('starts afresh after a take', () => {
    const w = meterWindow();
    w.add([input('Mic', [1, 1, 1])]);
    w.take();
    expect(w.events()).toBe(0);
    expect(w.take().size).toBe(0);
    w.add([input('Mic', [0, 0, 0])]);
    expect(w.take().get('Mic')?.levelDb).toBe(-120);
  });

  it('reads an input without channels as silent', () => {
    const w = meterWindow();
    w.add([input('Video only')]);
    expect(w.take().get('Video only')).toEqual({ levelDb: -120, inputPeakDb: -120 });
  });
});
