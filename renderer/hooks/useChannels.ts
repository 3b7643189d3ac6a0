import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChannelSettingsView } from '../../shared/outbox-types';
import { useTransport } from '../transport/TransportContext';

export function useChannels() {
  const t = useTransport();
  const [channels, setChannels] = useState<ChannelSettingsView[]>([]);
  const reload = useCallback(() => void t.invoke('channel.list', {}).then(setChannels, () => {}), [t]);
  useEffect(() => {
    reload();
    return t.on('channel.changed', (c) => setChannels((prev) => prev.map((p) => (p.channel === c.channel ? c : p))));
  }, [t, reload]);
  // Stable between renders: the composer's preview and checklist effects key on it.
  const enabled = useMemo(() => channels.filter((c) => c.enabled), [channels]);
  return { channels, enabled, reload };
}
