/** What a rehearsal would have sent, per channel: the sandbox's posts of the session, newest first. */
import { CHANNEL_SPECS } from '../../shared/channels';
import type { SessionId } from '../../shared/types';
import { useOutbox } from '../hooks/useOutbox';

export function SandboxOutbox({ sessionId }: { sessionId: SessionId | undefined }) {
  const posts = useOutbox().filter((e) => e.rehearsal && e.sessionId === sessionId);
  return (
    <details className="sandbox-outbox" data-testid="sandbox-outbox">
      <summary>
        Sandbox outbox <span data-testid="sandbox-count">{posts.length}</span>{' '}
        <span className="muted">{posts.length === 1 ? 'post' : 'posts'} that would have gone out</span>
      </summary>
      {posts.length === 0 ? (
        <p className="muted">Nothing posted in this rehearsal yet.</p>
      ) : (
        <ul>
          {posts.map((e) => (
            <li key={e.id} data-testid="sandbox-post" data-channel={e.channel}>
              <div className="sandbox-head">
                <strong>{CHANNEL_SPECS[e.channel].label}</strong>
                <span className="muted">{e.round === undefined ? 'announcement' : `update ${e.round}`}</span>
                <span className="rehearsal-chip">Rehearsal — not sent</span>
              </div>
              <pre className="preview">
                {e.subject ? `${e.subject}\n` : ''}
                {e.text}
              </pre>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
