import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../shared/contract';
import type { Dispatcher } from './dispatch';
import { fromSubframe, serveDesktopIpc, type InvokeEvent, type IpcMainLike, type WindowLike } from './desktop-ipc';
import { createEventHub } from './event-hub';

const main = { frame: 'main' };

describe('fromSubframe', () => {
  it.each<[string, InvokeEvent, boolean]>([
    ['the top-level page', { senderFrame: main, sender: { mainFrame: main } }, false],
    ['an iframe of the window', { senderFrame: { frame: 'iframe' }, sender: { mainFrame: main } }, true],
    ['a frame already gone (Electron gives none)', { senderFrame: null, sender: { mainFrame: main } }, false],
  ])('%s → %s', (_what, event, refused) => {
    expect(fromSubframe(event)).toBe(refused);
  });
});

describe('serveDesktopIpc', () => {
  const setup = () => {
    const handlers = new Map<string, (e: InvokeEvent, ...args: unknown[]) => unknown>();
    const ipcMain: IpcMainLike = {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel),
    };
    const calls: unknown[][] = [];
    const dispatcher: Dispatcher = {
      dispatch: (name, args) => {
        calls.push([name, args]);
        return Promise.resolve({ ok: true, value: 'done' });
      },
    };
    const hub = createEventHub((err) => {
      throw err;
    });
    const sent: Record<string, unknown[][]> = { open: [], closed: [] };
    const win = (name: 'open' | 'closed'): WindowLike => ({
      isDestroyed: () => name === 'closed',
      webContents: { send: (...args) => void sent[name].push(args) },
    });
    const served = serveDesktopIpc({ ipcMain, dispatcher, hub, windows: () => [win('open'), win('closed')] });
    return { handlers, calls, hub, sent, served };
  };

  it('dispatches a command from the top-level page, and refuses one from an iframe', async () => {
    const { handlers, calls } = setup();
    const invoke = handlers.get(INVOKE_CHANNEL)!;
    expect(await invoke({ senderFrame: main, sender: { mainFrame: main } }, 'app.info', {})).toEqual({
      ok: true,
      value: 'done',
    });
    expect(await invoke({ senderFrame: {}, sender: { mainFrame: main } }, 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(calls).toEqual([['app.info', {}]]);
  });

  it('sends every event to each window still open, until disposed', () => {
    const { handlers, hub, sent, served } = setup();
    hub.emit('playbook.changed', { kind: 'audio' } as never);
    expect(sent.open).toEqual([[EVENT_CHANNEL, 'playbook.changed', { kind: 'audio' }]]);
    expect(sent.closed).toEqual([]);
    served.dispose();
    hub.emit('playbook.changed', { kind: 'video' } as never);
    expect(sent.open).toHaveLength(1);
    expect(handlers.has(INVOKE_CHANNEL)).toBe(false);
  });
});
