/**
 * One incident: what, how sure, the evidence, the silence timer and the next lifecycle steps. It asks what only
 * the operator can answer: whether an incident carried over from an earlier session is still happening, and
 * whether to close it once the "resolved" message went out. A false alarm is kept away from Resolve, behind
 * "More", and asks for its reason.
 */
import { useState } from 'react';
import type { IncidentView } from '../../shared/contract';
import type { Playbook } from '../../shared/domain/broadcast/playbook';
import type { SourceView } from '../../shared/sources';
import { describeSampleEvidence } from '../state/evidence';
import { sourceName } from '../state/sources';
import { awaitsCarryOverAnswer, LIFECYCLE } from '../../shared/domain/incident';
import { formatTime, percent } from './format';
import { SilenceTimer } from './SilenceTimer';
import { ChannelAlarms } from './ChannelAlarms';
import { useChannelHealth } from '../hooks/useChannelHealth';
import { isClosedStatus, type OperatorAction } from '../../shared/domain/vocabulary';
import {
  actionLabel,
  carriedWhy,
  detectedByLabel,
  FALSE_ALARM_REASONS,
  sessionLabel,
  severityLabel,
  statusLabel,
} from './incident-labels';

interface IncidentCardActions {
  onAction(action: OperatorAction, note?: string): void;
  onKeepOpen(): void;
  onCompose(): void;
}

export function IncidentCard(
  p: {
    incident: IncidentView;
    /** Names the source that saw each sample of the evidence. */
    sources: readonly SourceView[];
    playbook: Playbook;
    now: number;
  } & IncidentCardActions,
) {
  const i = p.incident;
  const can = (a: OperatorAction) => LIFECYCLE[a].from.includes(i.status);
  const actions = (Object.keys(LIFECYCLE) as OperatorAction[]).filter((a) => a !== 'false-alarm' && can(a));
  const closed = isClosedStatus(i.status);
  const channelHealth = useChannelHealth();
  const [askingReason, setAskingReason] = useState(false);
  const falseAlarm = () => setAskingReason(true);
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
        {i.carriedOver && (
          <span data-testid="carried-from"> · carried over from {sessionLabel(i.carriedOver.from)}</span>
        )}
        {i.recoveryProposedAt && !closed && <span className="recovered"> · signals healthy again: resolve?</span>}
        {i.status === 'false-alarm' && (
          <span data-testid="false-alarm-reason">
            {' '}
            · false alarm: {i.transitions.at(-1)?.note ?? 'no reason given'}
          </span>
        )}
      </div>
      {awaitsCarryOverAnswer(i) && !askingReason && (
        <div className="incident-question" role="group" aria-label="Still happening?" data-testid="carry-over">
          <p>
            <strong>Still happening?</strong> {carriedWhy(i.carriedOver!)}.
          </p>
          <button className="primary" data-testid="carry-keep" onClick={p.onKeepOpen}>
            Keep open
          </button>
          <button data-testid="carry-resolve" onClick={() => p.onAction('resolve')}>
            Resolve
          </button>
          {can('false-alarm') && (
            <button data-testid="carry-false-alarm" onClick={falseAlarm}>
              False alarm…
            </button>
          )}
        </div>
      )}
      {!closed && i.lastPhase === 'resolved' && (
        <div className="incident-question" data-testid="resolve-offer">
          <p>
            The “resolved” message went out: the next-update countdown stopped.{' '}
            <strong>Mark the incident resolved?</strong>
          </p>
          <button className="primary" data-testid="offer-resolve" onClick={() => p.onAction('resolve')}>
            Mark resolved
          </button>
        </div>
      )}
      {askingReason && (
        <FalseAlarmReason
          onCancel={() => setAskingReason(false)}
          onConfirm={(reason) => {
            setAskingReason(false);
            p.onAction('false-alarm', reason);
          }}
        />
      )}
      {!closed && <SilenceTimer incident={i} playbook={p.playbook} now={p.now} />}
      {!closed && <ChannelAlarms health={channelHealth} incidentId={i.id} />}
      <div className="incident-actions">
        {!closed && (
          <button className="primary" data-testid="compose-update" onClick={p.onCompose}>
            {i.rounds ? 'Post an update' : 'Post first update'}
          </button>
        )}
        {actions.map((a) => (
          <button key={a} data-testid={`action-${a}`} onClick={() => p.onAction(a)}>
            {actionLabel(a)}
          </button>
        ))}
        {can('false-alarm') && !askingReason && (
          <details className="more-actions">
            <summary data-testid="more-actions">More</summary>
            <button data-testid="action-false-alarm" onClick={falseAlarm}>
              {actionLabel('false-alarm')}…
            </button>
          </details>
        )}
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

const OTHER = 'other';

/** Why it was a false alarm: one of the usual reasons, or a few words; the review shows it. */
function FalseAlarmReason(p: { onConfirm(reason: string): void; onCancel(): void }) {
  const [pick, setPick] = useState<string>(FALSE_ALARM_REASONS[0]);
  const [text, setText] = useState('');
  const reason = pick === OTHER ? text.trim() : pick;
  return (
    <form
      className="incident-question"
      data-testid="false-alarm-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason) p.onConfirm(reason);
      }}
    >
      <fieldset>
        <legend>Why is it a false alarm?</legend>
        {[...FALSE_ALARM_REASONS, OTHER].map((r) => (
          <label key={r} className="reason">
            <input
              type="radio"
              name="false-alarm-reason"
              value={r}
              checked={pick === r}
              onChange={() => setPick(r)}
              data-testid={`reason-${r.replace(/ /g, '-')}`}
            />{' '}
            {r === OTHER ? 'Other:' : r}
          </label>
        ))}
        {pick === OTHER && (
          <input
            autoFocus
            aria-label="Reason"
            className="reason-text"
            maxLength={200}
            placeholder="In a few words"
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="reason-text"
          />
        )}
      </fieldset>
      <button type="submit" disabled={!reason} data-testid="false-alarm-confirm">
        Mark as false alarm
      </button>
      <button type="button" onClick={p.onCancel}>
        Cancel
      </button>
    </form>
  );
}
