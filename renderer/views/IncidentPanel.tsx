/**
 * Live incidents with their silence timers, open ones first (the hook sorts them); opens the composer; lets an
 * operator open one by hand.
 */
import { useState } from 'react';
import type { IncidentView } from '../../shared/contract';
import { ErrorLine } from '../components/ErrorNotice';
import { IncidentCard } from '../components/IncidentCard';
import { kindLabel } from '../components/incident-labels';
import { useCommandError } from '../hooks/useErrorNotices';
import type { usePlaybooks } from '../hooks/usePlaybooks';
import type { LiveFeed } from '../hooks/useLiveFeed';
import { useSessionNow } from '../hooks/useSessionNow';
import { useTransport } from '../transport/TransportContext';
import { INCIDENT_KINDS, type IncidentKind, type OperatorAction } from '../../shared/domain/vocabulary';
import type { IncidentId } from '../../shared/types';

export function IncidentPanel(p: {
  incidents: IncidentView[];
  playbooks: ReturnType<typeof usePlaybooks>;
  feed: LiveFeed;
  operator: string;
  onCompose(id: IncidentId): void;
}) {
  const t = useTransport();
  // Only this panel ticks four times a second (the silence timers), not the whole console.
  const now = useSessionNow(p.feed);
  const { error, fail, clear } = useCommandError();
  const [manualKind, setManualKind] = useState<IncidentKind>('other');
  const act = (incidentId: IncidentId, action: OperatorAction, note?: string) => {
    clear();
    t.invoke('incident.transition', { incidentId, action, operator: p.operator, note }).catch(fail);
  };
  const keepOpen = (incidentId: IncidentId) => {
    clear();
    t.invoke('incident.keepOpen', { incidentId, operator: p.operator }).catch(fail);
  };
  // An inline field, not window.prompt: Electron does not implement prompt().
  const [manualTitle, setManualTitle] = useState('');
  const openManual = () => {
    if (!manualTitle.trim()) return;
    clear();
    t.invoke('incident.open', { kind: manualKind, title: manualTitle.trim(), operator: p.operator }).then(
      () => setManualTitle(''),
      fail,
    );
  };
  return (
    <section className="panel panel-incidents">
      <h2>
        Incidents <span className="muted">{p.incidents.length ? '' : 'none: all quiet'}</span>
      </h2>
      <ErrorLine error={error} testId="incident-error" block />
      <div className="incident-list">
        {p.incidents.map((i) => (
          <IncidentCard
            key={i.id}
            incident={i}
            sources={p.feed.sources}
            playbook={p.playbooks.byKind(i.kind)}
            now={now}
            onAction={(a, note) => act(i.id, a, note)}
            onKeepOpen={() => keepOpen(i.id)}
            onCompose={() => p.onCompose(i.id)}
          />
        ))}
      </div>
      <form
        className="manual-open"
        onSubmit={(e) => {
          e.preventDefault();
          openManual();
        }}
      >
        <input
          placeholder="Something else wrong? Describe it"
          value={manualTitle}
          onChange={(e) => setManualTitle(e.target.value)}
          data-testid="manual-title"
        />
        <select
          value={manualKind}
          onChange={(e) => setManualKind(e.target.value as IncidentKind)}
          aria-label="What kind of problem"
          data-testid="manual-kind"
        >
          {INCIDENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!manualTitle.trim()} data-testid="open-manual">
          Open incident
        </button>
      </form>
    </section>
  );
}
