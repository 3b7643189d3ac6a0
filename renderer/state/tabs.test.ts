import { describe, expect, it } from 'vitest';
import { tabAfterKey } from './tabs';

const TABS = ['live', 'sources', 'review'] as const;

describe('tabAfterKey', () => {
  it('moves right and left, wrapping at both ends', () => {
    expect(tabAfterKey(TABS, 'live', 'ArrowRight')).toBe('sources');
    expect(tabAfterKey(TABS, 'review', 'ArrowRight')).toBe('live');
    expect(tabAfterKey(TABS, 'live', 'ArrowLeft')).toBe('review');
    expect(tabAfterKey(TABS, 'sources', 'ArrowLeft')).toBe('live');
  });
  it('jumps to the first and the last tab', () => {
    expect(tabAfterKey(TABS, 'sources', 'Home')).toBe('live');
    expect(tabAfterKey(TABS, 'sources', 'End')).toBe('review');
  });
  it('ignores every other key', () => {
    expect(tabAfterKey(TABS, 'sources', 'Enter')).toBeNull();
    expect(tabAfterKey(TABS, 'sources', 'ArrowDown')).toBeNull();
  });
});
