import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { PanelBoundary } from './components/PanelBoundary';
import { ErrorNoticesProvider } from './hooks/useErrorNotices';
import './styles.css';
import { ipcTransport } from './transport/ipc-transport';
import type { PreloadBridge } from '../shared/contract';
import { connectWebConsole, type ConsoleLink } from './transport/socket-transport';
import { TransportProvider } from './transport/TransportContext';

// The renderer does not care where it runs: the preload's bridge on desktop, socket.io in a browser.
const bridge = (window as unknown as { onair?: PreloadBridge }).onair;
const web = bridge ? null : connectWebConsole();
const transport = bridge ? ipcTransport(bridge) : web!.transport;

/** In a browser the console server can go away; say so, and start fresh from a snapshot when it is back. */
function Root({ link }: { link: ConsoleLink | null }) {
  const [online, setOnline] = useState(true);
  const [epoch, setEpoch] = useState(0);
  useEffect(
    () =>
      link?.onStatus((up) =>
        setOnline((was) => {
          if (up && !was) setEpoch((e) => e + 1);
          return up;
        }),
      ),
    [link],
  );
  return (
    <TransportProvider transport={transport}>
      {!online && (
        <div className="console-offline" role="alert" data-testid="console-offline">
          {link?.hasToken === false
            ? 'This page has no access token: open the link the Onair console printed when it started.'
            : 'Lost the connection to the Onair console server — reconnecting… (if it was restarted, open the new link it printed)'}
        </div>
      )}
      <ErrorNoticesProvider key={epoch}>
        <PanelBoundary name="console">
          <App />
        </PanelBoundary>
      </ErrorNoticesProvider>
    </TransportProvider>
  );
}

createRoot(document.getElementById('root')!).render(<Root link={web?.link ?? null} />);
