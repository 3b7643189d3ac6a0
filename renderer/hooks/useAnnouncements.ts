import { useCallback, useEffect, useState } from 'react';
import { useTransport } from '../transport/TransportContext';
import { useReportError } from './useErrorNotices';
import type { AnnouncementView } from '../../shared/domain/broadcast/announcements';

/** The announcement queue, live: refreshed on its own event and when one of its posts changes in the outbox. */
export function useAnnouncements() {
  const t = useTransport();
  const report = useReportError();
  const [queue, setQueue] = useState<AnnouncementView[]>([]);
  const reload = useCallback(
    () => void t.invoke('announcement.list', {}).then(setQueue, report('Loading the announcements')),
    [t, report],
  );
  useEffect(() => {
    reload();
    const offQueue = t.on('announcements.changed', setQueue);
    const offOutbox = t.on('outbox.changed', (e) => {
      if (e.idempotencyKey.startsWith('announcement:')) reload();
    });
    return () => {
      offQueue();
      offOutbox();
    };
  }, [t, reload]);
  return queue;
}
