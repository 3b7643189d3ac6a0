/**
 * Several sources feed one watched event: a real OBS Studio (its microphone plays speech, then digital
 * silence), the program probe on a local HLS stream of the program (speech, silence, speech) and the event's
 * own socket.io source with the audience's chat. Added through the contract as a producer would, with two
 * broken ones beside them (a wrong OBS password, a playlist that 404s): one audio incident comes out, with
 * evidence from each working source, and the broken ones only say what is wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandArgs, CommandName, CommandResult, IncidentView } from '../../shared/contract';
import type { SourceView } from '../../shared/sources';
import type { ChatMessage } from '../../shared/types';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { avFile } from '../support/media';
import { startHlsPeer, type HlsPeer } from '../support/hls-peer';
import { addWavInput, startObs, type ObsPeer } from '../support/obs-peer';
import { poll } from '../support/poll';
import { speechWav } from '../support/speech-wav';
import { tempDir } from '../support/temp-dir';
import { startTestSource, type TestSource } from './support-test-source';

const PASSWORD = 'fused-test-password';
const MIC = 'Presenter mic';

let obs: ObsPeer;
let hls: HlsPeer;
let chat: TestSource;
let onair: Onair;

async function call<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResult<K>> {
  const r = await onair.dispatcher.dispatch(name, args);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as CommandResult<K>;
}

const sourceNamed = (id: string) => async (): Promise<SourceView | undefined> =>
  (await call('source.list', {})).find((s) => s.id === id);

beforeAll(async () => {
  [obs, hls] = await Promise.all([startObs({ password: PASSWORD }), avFile().then(startHlsPeer)]);
  await addWavInput(await obs.control(), MIC, speechWav().path);
  chat = await startTestSource({
    hello: { source: 'webinar', eventName: 'Product launch', scenario: 'fused', startedAt: Date.now(), speed: 1 },
  });
  onair = await createOnair({
    dataDir: tempDir(),
    mode: 'web',
    version: 'test',
    log: () => {},
    source: { kind: 'url', url: chat.url },
  });
  await poll(() => onair.ingest.session(), { what: 'the session' });
}, 90_000);

afterAll(async () => {
  await onair?.close();
  await Promise.all([chat?.close(), hls?.stop(), obs?.stop()]);
});

describe('OBS, the program probe and the chat in one session', () => {
  it('fuse into one audio incident with evidence from each; broken sources only say what is wrong', async () => {
    const added = await Promise.all([
      call('source.add', {
        settings: { kind: 'obs', host: '127.0.0.1', port: obs.port, password: PASSWORD, inputs: [MIC] },
      }),
      call('source.add', { settings: { kind: 'probe', input: hls.url } }),
      call('source.add', {
        settings: { kind: 'obs', host: '127.0.0.1', port: obs.port, password: 'wrong', inputs: [MIC] },
      }),
      call('source.add', { settings: { kind: 'probe', input: hls.missingUrl } }),
    ]);
    expect(added.map((s) => s.id).sort()).toEqual(['obs', 'obs-2', 'probe', 'probe-2']);

    const refused = await poll(async () => (await sourceNamed('obs-2')())?.connection.lastError, {
      timeoutMs: 20_000,
      what: 'the wrong password to be refused',
    });
    expect(refused).toMatch(/password/);
    const missing = await poll(async () => (await sourceNamed('probe-2')())?.connection.lastError, {
      timeoutMs: 20_000,
      what: 'the missing playlist to be reported',
    });
    expect(missing).toMatch(/404/);
    expect((await sourceNamed('obs')())?.connection.detail).toMatch(/^OBS 29/);

    const audio = () => call('incident.list', {}).then((all) => all.filter((i: IncidentView) => i.kind === 'audio'));
    const fromOf = (i: IncidentView) => new Set(i.evidence.flatMap((e) => (e.type === 'sample' ? [e.from] : [])));
    let seen: IncidentView[] = [];
    await poll(async () => (seen = await audio()).some((i) => fromOf(i).has('obs') && fromOf(i).has('probe')), {
      timeoutMs: 40_000,
      what: () => `silence seen by OBS and the probe: ${JSON.stringify(seen)}`,
    });

    const t = Date.now();
    const complaints: ChatMessage[] = ['non si sente', 'no audio', 'kein Ton', 'AUDIO??', 'no sound!!', 'sound?'].map(
      (text, n) => ({ id: `c${n}`, author: `viewer${n}`, text, ts: t + n * 200 }),
    );
    chat.send('chat.batch', complaints);
    const [incident] = await poll(
      async () => {
        const all = await audio();
        return all.length && all[0]!.evidence.some((e) => e.type === 'chat') ? all : undefined;
      },
      { timeoutMs: 20_000, what: 'the complaints to join the incident' },
    );
    expect(await audio()).toHaveLength(1);
    expect(incident!.detectedBy).toBe('both');
    const micEvidence = incident!.evidence.find((e) => e.type === 'sample' && e.from === 'obs');
    expect(micEvidence).toMatchObject({ detector: 'input-silence', metric: 'inputLevelDb', input: MIC });
    expect(micEvidence?.type === 'sample' && micEvidence.value).toBeLessThanOrEqual(-90);
    const probeEvidence = incident!.evidence.find((e) => e.type === 'sample' && e.from === 'probe');
    expect(probeEvidence).toMatchObject({ detector: 'audio-silence', metric: 'audioLevelDb' });
    expect(fromOf(incident!)).not.toContain('obs-2');
    expect(fromOf(incident!)).not.toContain('probe-2');
  });
});
