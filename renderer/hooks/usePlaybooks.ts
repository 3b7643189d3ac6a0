import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_PLAYBOOKS, type Playbook } from '../../shared/domain/broadcast/playbook';
import { useTransport } from '../transport/TransportContext';
import { useReportError } from './useErrorNotices';
import type { PlaybookKind } from '../../shared/domain/vocabulary';

export function usePlaybooks() {
  const t = useTransport();
  const report = useReportError();
  const [list, setList] = useState<Playbook[]>(Object.values(DEFAULT_PLAYBOOKS));
  const reload = useCallback(
    () => void t.invoke('playbook.list', {}).then(setList, report('Loading the playbooks')),
    [t, report],
  );
  useEffect(() => {
    reload();
    return t.on('playbook.changed', (p) => setList((prev) => prev.map((x) => (x.kind === p.kind ? p : x))));
  }, [t, reload]);
  const byKind = (kind: PlaybookKind): Playbook => list.find((p) => p.kind === kind) ?? DEFAULT_PLAYBOOKS[kind];
  return { list, byKind, reload };
}
