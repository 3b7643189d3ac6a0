/**
 * Onair's services in the test's process on a fresh data folder, driven through the contract as the console
 * drives them. The time line is a socket.io URL nothing listens at, so nothing arrives by itself: the test says
 * hello and feeds ingest. Such a source is a live event to Onair, not a rehearsal, so posts reach the channels.
 */
import { createOnair, type Onair, type OnairOptions } from '../../electron/main/services/onair';
import type { Transport } from '../../shared/contract';
import { refusedUrl } from './http-peer';
import { inMemoryTransport } from './in-memory-transport';
import { tempDir } from './temp-dir';

export async function onairInProcess(o: Partial<OnairOptions> = {}): Promise<{ onair: Onair; t: Transport }> {
  const onair = await createOnair({
    dataDir: tempDir(),
    mode: 'web',
    version: 'test',
    log: () => {},
    source: { kind: 'url', url: await refusedUrl() },
    ...o,
  });
  return { onair, t: inMemoryTransport(onair.dispatcher, onair.hub) };
}
