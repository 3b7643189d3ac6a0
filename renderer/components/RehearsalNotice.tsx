/** In the composer while rehearsing: the notice at its top, and the tag on every channel's row. */
import { useRehearsal } from '../hooks/useRehearsal';

export function RehearsalNotice() {
  if (!useRehearsal()?.rehearsal) return null;
  return (
    <div className="rehearsal-notice" role="note" data-testid="composer-rehearsal">
      <strong>Rehearsal</strong> — this update goes to the sandbox outbox. No channel receives it; nobody in the
      audience sees it.
    </div>
  );
}

export function RehearsalTag() {
  if (!useRehearsal()?.rehearsal) return null;
  return (
    <span className="rehearsal-chip" data-testid="rehearsal-tag">
      Rehearsal: not sent
    </span>
  );
}
