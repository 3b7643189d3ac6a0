/** The alarm strip: a channel whose posts keep failing, or that missed its playbook's deadline, never stays quiet. */
import { CHANNEL_SPECS } from '../../shared/channels';
import type { ChannelHealth } from '../../shared/domain/broadcast/channel-health';
import { useChannels } from '../hooks/useChannels';
import { formatTime } from './format';

export function ChannelAlarms({ health, incidentId }: { health: ChannelHealth[]; incidentId?: string }) {
  // A channel the team does not use (switched off) never raises the alarm, whatever it did before.
  const { enabled } = useChannels();
  const alarming = health.filter(
    (h) =>
      h.alarm &&
      enabled.some((c) => c.channel === h.channel) &&
      (incidentId === undefined || !h.alarm.incidentId || h.alarm.incidentId === incidentId),
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

/** Settings: what a channel really did, beside "configured"; only a channel in use can look bad. */
export function deliveryState(h: ChannelHealth | undefined, inUse: boolean): { text: string; bad: boolean } {
  if (!h || (h.lastSuccessAt === undefined && h.lastFailureAt === undefined))
    return { text: 'no posts yet', bad: false };
  const ok = h.lastSuccessAt !== undefined ? `last delivered ${formatTime(h.lastSuccessAt)}` : 'never delivered';
  const bad =
    h.lastFailureAt !== undefined ? `; last failure ${formatTime(h.lastFailureAt)}: ${h.lastFailureReason ?? ''}` : '';
  return { text: `${ok}${bad}`, bad: inUse && (!!h.alarm || h.failuresInARow > 0) };
}
