import { ConnectionPill } from './components/ConnectionPill';
import { ScenarioPicker } from './components/ScenarioPicker';
import { useLiveFeed } from './hooks/useLiveFeed';
import { LiveConsole } from './views/LiveConsole';

export function App() {
  const feed = useLiveFeed();
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
        <span className="spacer" />
        <ScenarioPicker current={feed.simulator} />
      </header>
      <main>
        <LiveConsole feed={feed} />
      </main>
    </div>
  );
}
