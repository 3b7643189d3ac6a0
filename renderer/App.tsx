import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ErrorStrip } from './components/ErrorNotice';
import { IncidentBanner } from './components/IncidentBanner';
import { PanelBoundary } from './components/PanelBoundary';
import { ScenarioPicker } from './components/ScenarioPicker';
import { RehearsalBanner } from './components/RehearsalBanner';
import { SoundToggle } from './components/SoundToggle';
import { TeamStatus } from './components/TeamStatus';
import { SourceStates } from './components/SourceStates';
import { useReportError } from './hooks/useErrorNotices';
import { useIncidents } from './hooks/useIncidents';
import { useLiveFeed } from './hooks/useLiveFeed';
import { useOperator } from './hooks/useOperator';
import { usePlaybooks } from './hooks/usePlaybooks';
import { latestSignals, streamSummary } from './state/latest-signals';
import { tabAfterKey } from './state/tabs';
import { useTransport } from './transport/TransportContext';
import { AnnouncementsView } from './views/AnnouncementsView';
import { AudienceView } from './views/AudienceView';
import { DeskView } from './views/DeskView';
import { BroadcastComposer } from './views/BroadcastComposer';
import { IncidentPanel } from './views/IncidentPanel';
import { LiveConsole } from './views/LiveConsole';
import { ReviewView } from './views/ReviewView';
import { SettingsView } from './views/SettingsView';
import { SourcesView } from './views/SourcesView';
import type { IncidentId } from '../shared/types';

const TABS = ['live', 'desk', 'sources', 'announcements', 'audience', 'review', 'settings'] as const;
type Tab = (typeof TABS)[number];
const TAB_LABEL: Record<Tab, string> = {
  live: 'Live',
  desk: 'Desk',
  sources: 'Sources',
  announcements: 'Announcements',
  audience: 'Audience',
  review: 'Review',
  settings: 'Channels & playbooks',
};

export function App() {
  const t = useTransport();
  const report = useReportError();
  const feed = useLiveFeed();
  const [operator, setOperator] = useOperator();
  const playbooks = usePlaybooks();
  const { incidents, alarms, clearAlarm } = useIncidents(feed.session?.id);
  const [tab, setTab] = useState<Tab>('live');
  const [composing, setComposing] = useState<IncidentId | null>(null);
  const composingIncident = incidents.find((i) => i.id === composing);
  const latest = useMemo(() => latestSignals(feed.health, feed.sources), [feed.health, feed.sources]);
  const stream = useMemo(() => streamSummary(latest), [latest]);

  const acknowledge = (incidentId: IncidentId) =>
    void t
      .invoke('incident.transition', { incidentId, action: 'acknowledge', operator })
      .catch(report('Acknowledging the incident'));
  // The control that opened the composer, to give focus back to on close (the banner's button may be gone by then).
  const opener = useRef<HTMLElement | null>(null);
  const compose = (incidentId: IncidentId) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setComposing(incidentId);
  };
  const respond = (incidentId: IncidentId) => {
    clearAlarm(incidentId);
    setTab('live');
    compose(incidentId);
  };
  const onTabKey = (e: KeyboardEvent) => {
    const next = tabAfterKey(TABS, tab, e.key);
    if (!next) return;
    e.preventDefault();
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">
          <span className="onair-lamp" /> Onair
        </h1>
        <span className="event-name" data-testid="event-name" title={feed.session?.eventName}>
          {feed.session?.eventName ?? 'No event yet'}
        </span>
        <SourceStates sources={feed.sources} connection={feed.connection} stream={stream} />
        <nav className="tabs" aria-label="Views">
          <div role="tablist" aria-label="Views" onKeyDown={onTabKey}>
            {TABS.map((x) => (
              <button
                key={x}
                id={`tab-${x}`}
                role="tab"
                aria-selected={tab === x}
                aria-controls={`panel-${x}`}
                tabIndex={tab === x ? 0 : -1}
                onClick={() => setTab(x)}
                data-testid={`tab-${x}`}
              >
                {TAB_LABEL[x]}
              </button>
            ))}
          </div>
        </nav>
        <span className="spacer" />
        <label className="operator">
          Operator{' '}
          <input value={operator} onChange={(e) => setOperator(e.target.value)} size={10} data-testid="operator" />
        </label>
        <ScenarioPicker current={feed.simulator} onWatchRealEvent={() => setTab('sources')} />
        <TeamStatus />
        <SoundToggle />
      </header>
      <ErrorStrip />
      <PanelBoundary name="rehearsal">
        <RehearsalBanner sessionId={feed.session?.id} onWatchRealEvent={() => setTab('sources')} />
      </PanelBoundary>
      <PanelBoundary name="banner">
        <IncidentBanner
          incidents={incidents}
          alarms={alarms}
          clock={feed}
          onAcknowledge={acknowledge}
          onRespond={respond}
        />
      </PanelBoundary>
      {/* The composer covers the workspace only: the banners above stay in sight, undimmed, while it is open. */}
      <div className="workspace">
        <main>
          <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="tabpanel" tabIndex={-1}>
            {tab === 'live' && (
              <div className="live-layout">
                <PanelBoundary name="live">
                  <LiveConsole feed={feed} stream={stream} />
                </PanelBoundary>
                <PanelBoundary name="incidents">
                  <IncidentPanel
                    incidents={incidents}
                    playbooks={playbooks}
                    feed={feed}
                    operator={operator}
                    onCompose={compose}
                  />
                </PanelBoundary>
              </div>
            )}
            {tab === 'desk' && (
              <PanelBoundary name="desk">
                <DeskView />
              </PanelBoundary>
            )}
            {tab === 'sources' && (
              <PanelBoundary name="sources">
                <SourcesView sources={feed.sources} latest={latest} />
              </PanelBoundary>
            )}
            {tab === 'announcements' && (
              <PanelBoundary name="announcements">
                <AnnouncementsView operator={operator} />
              </PanelBoundary>
            )}
            {tab === 'audience' && (
              <PanelBoundary name="audience">
                <AudienceView operator={operator} />
              </PanelBoundary>
            )}
            {tab === 'review' && (
              <PanelBoundary name="review">
                <ReviewView initialSessionId={feed.session?.id} />
              </PanelBoundary>
            )}
            {tab === 'settings' && (
              <PanelBoundary name="settings">
                <SettingsView />
              </PanelBoundary>
            )}
          </div>
        </main>
        {composingIncident && (
          <PanelBoundary name="composer" onClose={() => setComposing(null)}>
            <BroadcastComposer
              incident={composingIncident}
              operator={operator}
              playbook={playbooks.byKind(composingIncident.kind)}
              feed={feed}
              alarm={alarms.find((a) => a.incidentId === composingIncident.id)}
              onClose={() => setComposing(null)}
              returnFocus={() =>
                opener.current?.isConnected ? opener.current : document.getElementById(`panel-${tab}`)
              }
            />
          </PanelBoundary>
        )}
      </div>
    </div>
  );
}
