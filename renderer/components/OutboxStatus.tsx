import { CHANNEL_SPECS } from '../../shared/channels';
import { useReportError } from '../hooks/useErrorNotices';
import { useTransport } from '../transport/TransportContext';
import { mayAlreadyBePublished, type OutboxEntryView } from '../../shared/domain/broadcast/outbox-entry';

/** Every post of an incident per channel: queued, sent, failed with reason, skipped. */
export function OutboxStatus({ entries }: { entries: OutboxEntryView[] }) {
  const t = useTransport();
  const report = useReportError();
  if (!entries.length) return null;
  return (
    <table className="outbox" data-testid="outbox-status">
      <thead>
        <tr>
          <th>Round</th>
          <th>Channel</th>
          <th>Status</th>
          <th>Detail</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} data-testid="outbox-row" data-channel={e.channel} data-status={e.status}>
            <td>{e.round ?? '—'}</td>
            <td>{CHANNEL_SPECS[e.channel].label}</td>
            <td className={`st st-${e.status}${e.rehearsal ? ' st-rehearsal' : ''}`}>
              {e.rehearsal && e.status === 'sent' ? 'Rehearsal — not sent' : e.status}
              {e.attempts > 1 ? ` (${e.attempts} tries)` : ''}
            </td>
            <td className="muted">{e.lastError ?? e.skipReason ?? e.receiptDetail ?? ''}</td>
            <td className="row">
              {(e.status === 'failed' || (e.status === 'queued' && e.attempts > 0)) && (
                <button onClick={() => void t.invoke('outbox.retry', { id: e.id }).catch(report('Retrying the post'))}>
                  Retry now
                </button>
              )}
              {mayAlreadyBePublished(e) && (
                <button
                  onClick={() =>
                    void t
                      .invoke('outbox.skip', { id: e.id, reason: 'already on the platform (checked by the operator)' })
                      .catch(report('Marking the post as already there'))
                  }
                >
                  It is already there
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
