/** The preload: exposes the bridge (bridge.ts) to the renderer as `window.onair`, and nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import { onairBridge } from './bridge';

contextBridge.exposeInMainWorld('onair', onairBridge(ipcRenderer));
