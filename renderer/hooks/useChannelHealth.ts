import { useEffect, useState } from 'react';
import type { ChannelHealth } from '../../shared/domain/broadcast/channel-health';
import { useTransport } from '../transport/TransportContext';
import { useReportError } from './useErrorNotices';

/** Every channel's real delivery state (last success, last failure, alarm), kept current by `channel.healthChanged`. */
export function useChannelHealth(): ChannelHealth[] {
  const t = useTransport();
  const report = useReportError();
  const [health, setHealth] = useState<ChannelHealth[]>([]);
  useEffect(() => {
    let pushed = false;
    const off = t.on('channel.healthChanged', (h) => {
      pushed = true;
      setHealth(h);
    });
    void t.invoke('channel.health', {}).then((h) => {
      if (!pushed) setHealth(h);
    }, report('Loading the channels’ delivery state'));
    return off;
  }, [t, report]);
  return health;
}
