/**
 * On every view while the console rehearses (the simulator or a replay plays): nothing posted reaches the
 * audience, the sandbox outbox shows what would have gone out, a drill can be started, and one click leads back
 * to the live event (or, when none was watched yet, to where the Sources screen asks for its name).
 */
import type { SessionId } from '../../shared/types';
import { useCommandError } from '../hooks/useErrorNotices';
import { useBackToLive, useRehearsal } from '../hooks/useRehearsal';
import { DrillControl } from './DrillControl';
import { ErrorLine } from './ErrorNotice';
import { SandboxOutbox } from './SandboxOutbox';

export function RehearsalBanner(p: { sessionId: SessionId | undefined; onWatchRealEvent(): void }) {
  const state = useRehearsal();
  const backToLive = useBackToLive(p.onWatchRealEvent);
  const { error, fail, clear } = useCommandError();
  if (!state?.rehearsal) return null;
  const back = () => {
    clear();
    backToLive().catch(fail);
  };
  const ended = state.endedAt !== undefined;
  return (
    <section className="rehearsal-banner" aria-label="Rehearsal" data-testid="rehearsal-banner">
      <div className="rehearsal-line">
        <strong className="rehearsal-tag">Rehearsal</strong>
        <span data-testid="rehearsal-message">
          Nothing you post reaches the audience: every post goes to the sandbox outbox.
        </span>
        <span className="muted" data-testid="rehearsal-playing">
          {state.label}
        </span>
        {ended && (
          <strong className="rehearsal-ended" role="status" data-testid="rehearsal-ended">
            {state.playing === 'replay' ? 'Replay ended' : 'Rehearsal ended'}
          </strong>
        )}
        <span className="spacer" />
        <button
          className="primary"
          onClick={back}
          data-testid="back-to-live"
          title={state.lastLive ?? 'No live event watched yet: give its name on the Sources screen'}
        >
          Back to live
        </button>
      </div>
      <ErrorLine error={error} />
      <div className="rehearsal-tools">
        <DrillControl />
        <SandboxOutbox sessionId={p.sessionId} />
      </div>
    </section>
  );
}
