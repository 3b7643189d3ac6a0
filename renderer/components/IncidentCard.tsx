/** One incident: what, how sure, the evidence, the silence timer and the next lifecycle steps. */
import type { IncidentView } from '../../shared/contract';
import type { Playbook } from '../../shared/domain/broadcast/playbook';
import type { SourceView } from '../../shared/sources';
import { describeSampleEvidence } from '../state/evidence';
import { sourceName } from '../state/sources';
import { LIFECYCLE } from '../../shared/domain/incident';
import { formatTime, percent } from './format';
import { SilenceTimer } from './SilenceTimer';
import { ChannelAlarms } from './ChannelAlarms';
import { useChannelHealth } from '../hooks/useChannelHealth';
import { isClosedStatus, type OperatorAction } from '../../shared/domain/vocabulary';
import { actionLabel, detectedByLabel, severityLabel, statusLabel } from './incident-labels';

export function IncidentCard(p: {
  incident: IncidentView;
  /** Names the source that saw each sample of the evidence. */
  sources: readonly SourceView[];
  playbook: Playbook;
  now: number;
  onAction(action: OperatorAction): void;
  onCompose(): void;
}) {
  const i = p.incident;
  const actions = (Object.keys(LIFECYCLE) as OperatorAction[]).filter((a) => LIFECYCLE[a].from.includes(i.status));
  const closed = isClosedStatus(i.status);
  const channelHealth = useChannelHealth();
  return (
    <article
      className={`incident incident-${i.severity} ${closed ? 'incident-closed' : ''}`}
      data-testid="incident-card"
      data-status={i.status}
      data-kind={i.kind}
    >
      <header className="incident-head">
        <span className={`sev sev-${i.severity}`}>{severityLabel(i.severity)}</span>
        <strong className="incident-title">{i.title}</strong>
        <span className="incident-status" data-testid="incident-status">
          {statusLabel(i.status)}
        </span>
      </header>
      <div className="incident-meta muted">
        opened {formatTime(i.openedAt)} · {percent(i.confidence)} confident · by {detectedByLabel(i.detectedBy)} ·{' '}
        {i.rounds} public update{i.rounds === 1 ? '' : 's'}
        {i.recoveryProposedAt && !closed && <span className="recovered"> · signals healthy again: resolve?</span>}
      </div>
      {!closed && <SilenceTimer incident={i} playbook={p.playbook} now={p.now} />}
      {!closed && <ChannelAlarms health={channelHealth} incidentId={i.id} />}
      <div className="incident-actions">
        {!closed && (
          <button className="primary" data-testid="compose-update" onClick={p.onCompose}>
            {i.rounds ? 'Post an update' : 'Post first update'}
          </button>
        )}
        {actions.map((a) => (
          <button
            key={a}
            data-testid={`action-${a}`}
            className={a === 'false-alarm' ? 'danger' : undefined}
            onClick={() => p.onAction(a)}
          >
            {actionLabel(a)}
          </button>
        ))}
      </div>
      <details className="evidence">
        <summary>Evidence ({i.evidence.length})</summary>
        <ul>
          {i.evidence.slice(-12).map((e, n) => (
            <li key={n}>
              <span className="chat-time">{formatTime(e.ts)}</span>{' '}
              {e.type === 'chat' ? (
                <>
                  {e.from && <span className="chat-platform">{sourceName(e.from, p.sources)}</span>}{' '}
                  <span className="chat-author">{e.author}</span> “{e.text}”
                </>
              ) : e.type === 'sample' ? (
                describeSampleEvidence(e, p.sources)
              ) : (
                e.text
              )}
            </li>
          ))}
        </ul>
      </details>
    </article>
  );
}
