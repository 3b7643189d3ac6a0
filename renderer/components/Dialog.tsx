/**
 * A modal dialog as keyboard and screen-reader users expect it (WAI-ARIA dialog pattern): focus moves in on
 * open (to the control marked data-autofocus, else the first one), Tab and Shift+Tab stay inside, Esc closes,
 * and focus goes back to the control that opened it.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { FOCUSABLE, trappedFocusIndex } from '../state/focus-trap';

const focusables = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => e.getClientRects().length > 0);

export function Dialog(p: {
  labelledBy: string;
  onClose(): void;
  /** Where focus goes back to on close; the element focused at open when not given or no longer on the page. */
  returnFocus?: () => HTMLElement | null;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const returnFocus = useRef(p.returnFocus);
  const onClose = useRef(p.onClose);
  useEffect(() => {
    onClose.current = p.onClose;
  });
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = ref.current!;
    const getBack = returnFocus.current;
    (el.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(el)[0] ?? el).focus();
    // On the document, not the dialog: when the focused control goes away (Send turns disabled), focus falls
    // to the body, and Esc and Tab must still work.
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const list = focusables(el);
      const to = trappedFocusIndex(list.length, list.indexOf(document.activeElement as HTMLElement), e.shiftKey);
      if (to === null) return;
      e.preventDefault();
      list[to].focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      const back = getBack?.() ?? opener;
      if (back?.isConnected) back.focus();
    };
  }, []);
  return (
    <div className="modal-backdrop">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={p.labelledBy}
        tabIndex={-1}
        className={`modal ${p.className ?? ''}`}
        data-testid={p.testId}
      >
        {p.children}
      </div>
    </div>
  );
}
