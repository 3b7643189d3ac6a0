import { useState } from 'react';
import { ConnectionPill } from './components/ConnectionPill';
import { IncidentBanner } from './components/IncidentBanner';
import { ScenarioPicker } from './components/ScenarioPicker';
import { useIncidents } from './hooks/useIncidents';
import { useLiveFeed } from './hooks/useLiveFeed';
import { useOperator } from './hooks/useOperator';
import { usePlaybooks } from './hooks/usePlaybooks';
import { useSessionNow } from './hooks/useSessionNow';
import { useTransport } from './transport/TransportContext';
import { BroadcastComposer } from './views/BroadcastComposer';
import { IncidentPanel } from './views/IncidentPanel';
import { LiveConsole } from './views/LiveConsole';
import { SettingsView } from './views/SettingsView';

type Tab = 'live' | 'settings';

export function App() {
  const t = useTransport();
  const feed = useLiveFeed();
  const now = useSessionNow(feed);
  const [operator, setOperator] = useOperator();
  const playbooks = usePlaybooks();
  const { incidents, alarms, clearAlarm } = useIncidents(feed.session?.id);
  const [tab, setTab] = useState<Tab>('live');
  const [composing, setComposing] = useState<string | null>(null);
  const composingIncident = incidents.find((i) => i.id === composing);

  const acknowledge = (incidentId: string) => void t.invoke('incident.transition', { incidentId, action: 'acknowledge', operator }).catch(() => {});
  const respond = (incidentId: string) => {
    clearAlarm(incidentId);
    setTab('live');
    setComposing(incidentId);
  };

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">
          <span className="onair-lamp" /> Onair
        </span>
        <span className="event-name" data-testid="event-name">
          {feed.session?.eventName ?? 'No event yet'}
        </span>
        <ConnectionPill connection={feed.connection} />
        <nav className="tabs">
          {(['live', 'settings'] as const).map((x) => (
            <button key={x} aria-selected={tab === x} onClick={() => setTab(x)} data-testid={`tab-${x}`}>
              {x === 'live' ? 'Live' : 'Channels & playbooks'}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        <label className="operator">
          Operator <input value={operator} onChange={(e) => setOperator(e.target.value)} size={10} data-testid="operator" />
        </label>
        <ScenarioPicker current={feed.simulator} />
      </header>
      <IncidentBanner incidents={incidents} alarms={alarms} onAcknowledge={acknowledge} onRespond={respond} />
      <main>
        {tab === 'live' && (
          <div className="live-layout">
            <LiveConsole feed={feed} />
            <IncidentPanel incidents={incidents} playbooks={playbooks} now={now} operator={operator} onCompose={setComposing} />
          </div>
        )}
        {tab === 'settings' && <SettingsView />}
      </main>
      {composingIncident && <BroadcastComposer incident={composingIncident} operator={operator} onClose={() => setComposing(null)} />}
    </div>
  );
}
