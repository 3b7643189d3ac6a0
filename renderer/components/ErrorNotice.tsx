/** How a failure looks everywhere in the console: what failed, the contract's message and its code. */
import type { ContractError } from '../../shared/contract';
import { useErrorNotices } from '../hooks/useErrorNotices';

/** A form's own failure, next to the form; `block` puts it on a line of its own. */
export function ErrorLine(p: { error: ContractError | null; testId?: string; block?: boolean }) {
  if (!p.error) return null;
  const Tag = p.block ? 'div' : 'span';
  return (
    <Tag className="error" role="alert" data-testid={p.testId} data-code={p.error.code}>
      {p.error.message} <span className="error-code">({p.error.code})</span>
    </Tag>
  );
}

/** The console-wide strip under the header: failed loads and one-click actions, until dismissed. */
export function ErrorStrip() {
  const { notices, dismiss } = useErrorNotices();
  if (!notices.length) return null;
  return (
    <div className="error-strip" data-testid="error-strip">
      {notices.map((n) => (
        <div key={n.id} className="error-strip-row" role="alert" data-testid="error-notice" data-code={n.code}>
          <strong>{n.what} failed:</strong> {n.message} <span className="error-code">({n.code})</span>
          <span className="spacer" />
          <button onClick={() => dismiss(n.id)} aria-label="Dismiss">
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
