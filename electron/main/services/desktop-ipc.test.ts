import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../shared/contract';
import type { Dispatcher } from './dispatch';
import { refusalOf, serveDesktopIpc, type InvokeEvent, type IpcMainLike, type WindowLike } from './desktop-ipc';
import { createEventHub } from './event-hub';

const PAGE = 'file:///opt/Onair/resources/app.asar/out/renderer/index.html';
const main = { frame: 'main', url: PAGE };
const iframe = { frame: 'iframe', url: PAGE };
const from = (senderFrame: InvokeEvent['senderFrame'], mainFrame: unknown = senderFrame): InvokeEvent => ({
  senderFrame,
  sender: { mainFrame },
});

describe('refusalOf', () => {
  it.each<[string, InvokeEvent, string, string | undefined]>([
    ['the top-level page', from(main), PAGE, undefined],
    ['the page at another route (fragment, query)', from({ url: `${PAGE}?x=1#/review` }), PAGE, undefined],
    ['an iframe of the window', from(iframe, main), PAGE, 'main frame only'],
    ['a frame already gone (Electron gives none)', from(null, main), PAGE, 'gone'],
    ['the window navigated to a web page', from({ url: 'https://evil.example/' }), PAGE, "Onair's own page only"],
    ['another local file', from({ url: 'file:///home/me/Downloads/x.html' }), PAGE, "Onair's own page only"],
    ['a file on a remote host (UNC)', from({ url: 'file://evil/opt/Onair/index.html' }), PAGE, 'own page'],
    ['a page with no URL yet', from({ url: '' }), PAGE, "Onair's own page only"],
    ['the dev server', from({ url: 'http://localhost:5173/#/live' }), 'http://localhost:5173/', undefined],
    ['another port than the dev server', from({ url: 'http://localhost:5174/' }), 'http://localhost:5173/', 'own'],
  ])('%s', (_what, event, pageUrl, refused) => {
    const why = refusalOf(event, pageUrl);
    if (refused === undefined) expect(why).toBeUndefined();
    else expect(why).toContain(refused);
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
    const served = serveDesktopIpc({
      ipcMain,
      dispatcher,
      hub,
      windows: () => [win('open'), win('closed')],
      pageUrl: PAGE,
    });
    return { handlers, calls, hub, sent, served };
  };

  it('dispatches a command from the top-level page, and refuses one from an iframe, a gone or a foreign page', async () => {
    const { handlers, calls } = setup();
    const invoke = handlers.get(INVOKE_CHANNEL)!;
    expect(await invoke(from(main), 'app.info', {})).toEqual({
      ok: true,
      value: 'done',
    });
    for (const e of [from({ url: PAGE }, main), from(null, main), from({ url: 'https://evil.example/' })]) {
      expect(await invoke(e, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
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
