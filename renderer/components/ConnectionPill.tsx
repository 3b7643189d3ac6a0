import type { ConnectionState } from '../../shared/types';

const LABEL: Record<ConnectionState['status'], string> = {
  connecting: 'Connecting…',
  online: 'Source online',
  offline: 'Source offline',
  stopped: 'Stopped',
};

export function ConnectionPill({ connection }: { connection: ConnectionState | null }) {
  const status = connection?.status ?? 'connecting';
  const retry = status === 'offline' && connection?.attempt ? ` · retry ${connection.attempt}` : '';
  return (
    <span
      className={`pill pill-${status}`}
      data-testid="connection-state"
      data-status={status}
      title={connection?.lastError ?? connection?.url}
    >
      <span className="dot" />
      {LABEL[status]}
      {retry}
    </span>
  );
}
