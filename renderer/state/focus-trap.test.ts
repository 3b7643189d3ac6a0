import { describe, expect, it } from 'vitest';
import { trappedFocusIndex } from './focus-trap';

describe('trappedFocusIndex', () => {
  it('wraps Tab from the last control to the first, and Shift+Tab from the first to the last', () => {
    expect(trappedFocusIndex(4, 3, false)).toBe(0);
    expect(trappedFocusIndex(4, 0, true)).toBe(3);
  });
  it('leaves the browser to move focus between inner controls', () => {
    expect(trappedFocusIndex(4, 1, false)).toBeNull();
    expect(trappedFocusIndex(4, 2, true)).toBeNull();
  });
  it('brings focus from outside the controls (the dialog itself) to the first or last one', () => {
    expect(trappedFocusIndex(4, -1, false)).toBe(0);
    expect(trappedFocusIndex(4, -1, true)).toBe(3);
  });
  it('does nothing in a dialog without controls', () => {
    expect(trappedFocusIndex(0, -1, false)).toBeNull();
  });
  it('keeps a single control focused either way', () => {
    expect(trappedFocusIndex(1, 0, false)).toBe(0);
    expect(trappedFocusIndex(1, 0, true)).toBe(0);
  });
});
