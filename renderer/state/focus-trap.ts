/** Where Tab goes inside a modal dialog: around its own controls, never out of it. */

/** What can take focus by Tab inside a dialog (disabled and hidden controls are skipped by the caller's filter). */
export const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The index Tab (or Shift+Tab) should move to among `count` focusable elements, given the index focus is on
 * (-1: on none of them, e.g. the dialog itself), or null when the browser's own move stays inside.
 */
export function trappedFocusIndex(count: number, current: number, backwards: boolean): number | null {
  if (count === 0) return null;
  if (current === -1) return backwards ? count - 1 : 0;
  if (backwards && current === 0) return count - 1;
  if (!backwards && current === count - 1) return 0;
  return null;
}
