/** Time since the last public update, big enough to read across a control room; amber, then red. */
import type { IncidentView } from '../../shared/contract';
import { silenceStatus, type Playbook } from '../../shared/domain/broadcast/playbook';
import { formatDuration } from './format';

export function SilenceTimer({
  incident,
  playbook,
  now,
  compact,
}: {
  incident: IncidentView;
  playbook: Playbook;
  now: number;
  /** One line, for the composer's header. */
  compact?: boolean;
}) {
  const s = silenceStatus(playbook, incident, now);
  const label = incident.firstUpdateAt ? 'since last public update' : 'without a public word';
  const due =
    s.nextDeadlineAt === null
      ? incident.lastPhase === 'resolved' && !incident.resolvedAt
        ? 'no update due: the resolved message went out'
        : 'no deadline: closed'
      : s.missed
        ? `${s.deadlineKind === 'first-update' ? 'first update' : 'next update'} overdue by ${formatDuration(s.overdueMs)}`
        : `${s.deadlineKind === 'first-update' ? 'first update' : 'next update'} due in ${formatDuration(s.nextDeadlineAt - now)}`;
  return (
    <div
      className={`silence silence-${s.level}${compact ? ' silence-compact' : ''}`}
      data-testid="silence-timer"
      data-level={s.level}
    >
      <div className="silence-value" data-testid="silence-value">
        {formatDuration(s.silenceMs)}
      </div>
      <div className="silence-label">{label}</div>
      <div className="silence-due">{due}</div>
    </div>
  );
}
