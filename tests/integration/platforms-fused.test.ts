/**
 * A real event watched on its platforms: Onair starts the session itself (`source.watchEvent`), a YouTube
 * source is signed in and added through the contract as the console does it (the test plays the browser), a
 * Zoom source beside it, both against their stand-ins on 127.0.0.1. The YouTube chat complains in Italian and
 * English, Zoom raises an audio alert: one audio incident, its evidence naming each platform. The first update
 * goes into the YouTube chat, comes back in the chat as ours, and a viewer who calls himself like the channel is
 * still a viewer. Removing the YouTube source signs out.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandArgs, CommandName, CommandResult, IncidentView } from '../../shared/contract';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { playBrowser } from '../support/google-browser';
import { startGoogleStandIn, type GoogleStandIn } from '../support/google-standin';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';
import { startZoomStandin, type ZoomStandin } from '../support/zoom-standin';

const WEBINAR = '81234567890';
const ZOOM = {
  accountId: 'acc-onair',
  clientId: 'zoom-client-id',
  clientSecret: 'zoom-secret-42',
  subscriptionId: 'sub-ws-1',
};

let google: GoogleStandIn;
let zoom: ZoomStandin;
let onair: Onair;

async function call<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResult<K>> {
  const r = await onair.dispatcher.dispatch(name, args);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as CommandResult<K>;
}

const audioIncident = async (): Promise<IncidentView | undefined> =>
  (await call('incident.list', {})).find((i) => i.kind === 'audio');

beforeAll(async () => {
  google = await startGoogleStandIn({ pollingIntervalMillis: 300 });
  zoom = await startZoomStandin({ ...ZOOM, webinars: { [WEBINAR]: { topic: 'Launch webinar' } } });
  onair = await createOnair({ dataDir: tempDir(), mode: 'web', version: 'test', log: () => {} });
  await call('source.watchEvent', { eventName: 'Launch webinar' });
}, 60_000);

afterAll(async () => {
  await onair?.close();
  await Promise.all([google?.close(), zoom?.close()]);
});

describe('YouTube and Zoom in one session', () => {
  it('signs in to YouTube through the browser and lists the account’s broadcasts to pick from', async () => {
    const { flowId, authUrl } = await call('source.signIn', google.app);
    const result = call('source.signInResult', { flowId });
    expect((await playBrowser(authUrl)).page).toMatch(/Signed in/);
    expect(await result).toEqual({
      account: 'Onair Live Events',
      broadcasts: [
        expect.objectContaining({ id: 'bc-live', title: 'Launch webinar: Suite 2027', status: 'live' }),
        expect.objectContaining({ id: 'bc-next', status: 'ready' }),
      ],
    });
    const added = await call('source.add', { settings: { kind: 'youtube', signIn: flowId, broadcastId: 'bc-live' } });
    expect(added).toMatchObject({
      id: 'youtube',
      kind: 'youtube',
      settings: { kind: 'youtube', account: 'Onair Live Events', broadcastTitle: 'Launch webinar: Suite 2027' },
      quota: { limit: 10_000 },
    });
    expect(JSON.stringify(added)).not.toMatch(/1\/\/0g|GOCSPX/);
    await call('source.add', { settings: { kind: 'zoom', ...ZOOM, webinarId: WEBINAR, baseUrl: zoom.baseUrl } });
    await poll(async () => (await call('source.list', {})).every((s) => s.connection.status === 'online'), {
      what: 'every source online',
    });
    expect((await call('source.test', { id: 'youtube' })).ok).toBe(true);
  });

  it('cancels a sign-in still waiting: the loopback listener closes and the wait says so', async () => {
    const { flowId, authUrl } = await call('source.signIn', google.app);
    const waiting = call('source.signInResult', { flowId }).catch((e: Error) => e.message);
    await call('source.signInCancel', { flowId });
    expect(await waiting).toBe('source.signInResult: bad-args: Sign-in cancelled');
    await expect(playBrowser(authUrl)).rejects.toThrow('fetch failed'); // the listener's port refuses
    const refused = { code: 'bad-args', message: 'that sign-in is over or unknown: sign in again' };
    for (const id of [flowId, randomUUID()]) {
      expect(await onair.dispatcher.dispatch('source.signInCancel', { flowId: id })).toMatchObject({
        ok: false,
        error: refused,
      });
    }
  });

  it('fuses the YouTube chat and a Zoom alert into one audio incident, each line named after its platform', async () => {
    google.addChat([
      { author: 'Onair Live Events', text: 'non si sente niente' }, // a viewer named like the channel is a viewer
      { author: 'Marco', text: 'non si sente' },
      { author: 'Ada', text: 'no audio?' },
      { author: 'Lena', text: "I can't hear anything" },
      { author: 'Giulia', text: 'audio assente' },
    ]);
    zoom.send({ event: 'webinar.alert', object: { id: Number(WEBINAR), issues: ['Unstable audio quality'] } });
    const incident = await poll(
      async () => {
        const i = await audioIncident();
        return i && i.evidence.some((e) => e.type === 'chat') && i.evidence.some((e) => e.type === 'note')
          ? i
          : undefined;
      },
      { what: 'an audio incident from both platforms' },
    );
    const chat = incident.evidence.filter((e) => e.type === 'chat');
    expect(chat.every((e) => e.type === 'chat' && e.from === 'youtube' && e.messageId.startsWith('youtube:'))).toBe(
      true,
    );
    expect(chat.map((e) => e.type === 'chat' && e.author)).toContain('Onair Live Events');
    expect(incident.evidence).toContainEqual(expect.objectContaining({ type: 'note', text: 'Unstable audio quality' }));
    // One incident in all: neither platform's sample cadence is taken for a source gone quiet.
    expect(await call('incident.list', {})).toHaveLength(1);
  });

  it('posts the first update into the YouTube chat and takes it back as ours, by the id YouTube returned', async () => {
    const incident = (await audioIncident())!;
    const composed = await call('broadcast.compose', { incidentId: incident.id, phase: 'acknowledge', lang: 'it' });
    const draft = { subject: composed.subject, body: composed.body, link: 'https://status.example.com/' };
    const preview = await call('broadcast.preview', { draft, channels: ['webinar-chat'] });
    expect(preview.previews['webinar-chat']).toMatchObject({ maxLength: 200 });
    await call('broadcast.send', {
      incidentId: incident.id,
      phase: 'acknowledge',
      lang: composed.lang,
      operator: 'giulia',
      draft,
      channels: ['webinar-chat', 'status-page'],
      skipped: [],
    });
    const [post] = await poll(() => (google.posted.length ? google.posted : undefined), { what: 'a post in the chat' });
    expect([...post!.messageText].length).toBeLessThanOrEqual(200);
    const ours = await poll(async () =>
      (await call('live.snapshot', {})).recentChat.find((m) => m.id === `youtube:${post!.id}`),
    );
    expect(ours).toMatchObject({ own: true, source: 'youtube', author: 'Onair Live Events' });
    const viewer = (await call('live.snapshot', {})).recentChat.find((m) => m.text === 'non si sente niente');
    expect(viewer?.own).toBeUndefined();
    await poll(async () => (await call('outbox.list', { incidentId: incident.id })).every((e) => e.status === 'sent'), {
      what: 'every post sent',
    });
  });

  it('signs out when the YouTube source is removed', async () => {
    await call('source.remove', { id: 'youtube' });
    expect(google.requests.some((r) => r.method === 'POST' && r.path === '/revoke')).toBe(true);
    expect((await call('source.list', {})).map((s) => s.id)).toEqual(['live', 'zoom']);
  });
});
