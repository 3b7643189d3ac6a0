/** The alarm strip: a channel whose posts keep failing, or that missed its playbook's deadline, never stays quiet. */
import { CHANNEL_SPECS } from '../../shared/channels';
import type { ChannelHealth } from '../../shared/domain/broadcast/channel-health';
import { formatTime } from './format';

export function ChannelAlarms({ health, incidentId }: { health: ChannelHealth[]; incidentId?: string }) {
  const alarming = health.filter(
    (h) => h.alarm && (incidentId === undefined || !h.alarm.incidentId || h.alarm.incidentId === incidentId),
  );
  if (!alarming.length) return null;
  return (
    <div className="error channel-alarms" role="alert" data-testid={incidentId ? 'checklist-alarms' : 'channel-alarms'}>
      {alarming.map((h) => (
        <div key={h.channel} data-testid={`channel-alarm-${h.channel}`}>
          <strong>{CHANNEL_SPECS[h.channel].label}</strong> {h.alarm!.kind === 'failing' ? 'is failing' : 'is late'}{' '}
          since {formatTime(h.alarm!.since)}: {h.alarm!.reason}. <span className="muted">{h.alarm!.advice}</span>
        </div>
      ))}
    </div>
  );
}

/** Settings: what a channel really did, beside "configured". */
export function deliveryState(h: ChannelHealth | undefined): { text: string; bad: boolean } {
  if (!h || (h.lastSuccessAt === undefined && h.lastFailureAt === undefined))
    return { text: 'no posts yet', bad: false };
  const ok = h.lastSuccessAt !== undefined ? `last delivered ${formatTime(h.lastSuccessAt)}` : 'never delivered';
  const bad =
    h.lastFailureAt !== undefined ? `; last failure ${formatTime(h.lastFailureAt)}: ${h.lastFailureReason ?? ''}` : '';
  return { text: `${ok}${bad}`, bad: !!h.alarm || h.failuresInARow > 0 };
}
