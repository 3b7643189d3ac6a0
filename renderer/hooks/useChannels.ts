import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTransport } from '../transport/TransportContext';
import { useReportError } from './useErrorNotices';
import type { ChannelSettingsView } from '../../shared/channels';

export function useChannels() {
  const t = useTransport();
  const report = useReportError();
  const [channels, setChannels] = useState<ChannelSettingsView[]>([]);
  const reload = useCallback(
    () => void t.invoke('channel.list', {}).then(setChannels, report('Loading the channels')),
    [t, report],
  );
  useEffect(() => {
    reload();
    return t.on('channel.changed', (c) => setChannels((prev) => prev.map((p) => (p.channel === c.channel ? c : p))));
  }, [t, reload]);
  // Stable between renders: the composer's preview and checklist effects key on it.
  const enabled = useMemo(() => channels.filter((c) => c.enabled), [channels]);
  // An update's checklist: in a team, also the channels another console of the event posts on (from there).
  const updateChannels = useMemo(
    () =>
      channels
        .filter((c) => c.enabled || c.onOtherConsole)
        .map((c) => (c.onOtherConsole && !c.configured ? { ...c, configured: true } : c)),
    [channels],
  );
  return { channels, enabled, updateChannels, reload };
}
