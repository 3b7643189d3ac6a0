import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';
import { ipcTransport, type PreloadBridge } from './transport/ipc-transport';
import { connectWebConsole } from './transport/socket-transport';
import { TransportProvider } from './transport/TransportContext';

// The renderer does not care where it runs: the preload's bridge on desktop, socket.io in a browser.
const bridge = (window as unknown as { onair?: PreloadBridge }).onair;
const transport = bridge ? ipcTransport(bridge) : connectWebConsole().transport;

createRoot(document.getElementById('root')!).render(
  <TransportProvider transport={transport}>
    <App />
  </TransportProvider>,
);
