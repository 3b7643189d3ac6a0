/**
 * Channel secrets under attack, through the contract the UI uses, against real peers on 127.0.0.1:
 * - the mask cannot carry a stored password or token to another destination: a real SMTP server and an HTTP
 *   server on a second port, each pointed at with the mask sent back, receive no credential at all;
 * - a webhook URL (its token is in the path) is never shown again, and a peer echoing that token leaves it in
 *   no error, event, database page or export.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_MASK } from '../../shared/channels';
import { CommandFailed, type Transport } from '../../shared/contract';
import { REPORT_FORMATS } from '../../shared/domain/review/report-format';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { refusedUrl, startPeer, type Peer } from '../support/http-peer';
import { inMemoryTransport } from '../support/in-memory-transport';
import { startSmtpPeer } from '../support/smtp-peer';
import { tempDir } from '../support/temp-dir';

const PASSWORD = 'smtp-Pa55word-never-elsewhere';
const BEARER = 'x-Bearer-Token-never-elsewhere';
const HOOK_TOKEN = 'WhK9zq7Token4Path';

let onair: Onair;
let t: Transport;
let dataDir: string;
/** Every event payload the hub fans out (to every window and every web console), as sent. */
const events: string[] = [];
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dataDir = tempDir();
  onair = await createOnair({
    dataDir,
    mode: 'web',
    version: 'test',
    log: () => {},
    source: { kind: 'url', url: await refusedUrl() },
  });
  onair.hub.subscribe((name, payload) => events.push(`${name} ${JSON.stringify(payload)}`));
  t = inMemoryTransport(onair.dispatcher, onair.hub);
});
afterAll(async () => {
  await onair.close();
  for (const close of closers) await close();
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('the command was accepted');
    },
    (err: unknown) => {
      expect(err).toBeInstanceOf(CommandFailed);
      return (err as CommandFailed).error;
    },
  );

/** An SMTP server that accepts any login and records who tried, and every connection. */
async function smtpRecording() {
  const logins: string[] = [];
  let connections = 0;
  const peer = await startSmtpPeer({
    onConnect: (_session, cb) => {
      connections++;
      cb();
    },
    onAuth: (auth, _session, cb) => {
      logins.push(`${auth.username}:${auth.password}`);
      cb(null, { user: auth.username });
    },
  });
  closers.push(peer.close);
  return { ...peer, logins, connections: () => connections };
}

async function httpPeer(reply: Parameters<typeof startPeer>[0]): Promise<Peer> {
  const peer = await startPeer(reply);
  closers.push(peer.close);
  return peer;
}

describe('a stored secret stays with the destination it was entered for', () => {
  it('e-mail: pointing the channel at another SMTP port with the mask is refused, the new server hears nothing', async () => {
    const own = await smtpRecording();
    const other = await smtpRecording();
    const mail = {
      host: '127.0.0.1',
      port: String(own.port),
      secure: 'false',
      user: 'onair',
      pass: PASSWORD,
      from: 'events@example.com',
      recipients: 'ada@example.com',
    };
    await t.invoke('channel.configure', { channel: 'email', enabled: true, credentials: mail });
    expect(await t.invoke('channel.test', { channel: 'email' })).toMatchObject({ ok: true });
    expect(own.logins).toEqual([`onair:${PASSWORD}`]);

    const err = await refusal(
      t.invoke('channel.configure', {
        channel: 'email',
        enabled: true,
        credentials: { ...mail, port: String(other.port), pass: SECRET_MASK },
      }),
    );
    expect(err).toEqual({
      code: 'bad-args',
      message:
        'email: SMTP port changed, and the stored Password was entered for the old destination; enter Password again to save (or clear it). Nothing was saved.',
    });
    expect(await t.invoke('channel.test', { channel: 'email' })).toMatchObject({ ok: true }); // still the old one
    expect(other.connections()).toBe(0);
    expect(other.logins).toEqual([]);
    expect(own.logins).toEqual([`onair:${PASSWORD}`, `onair:${PASSWORD}`]);

    // Entering the password again for the new server is the way there.
    await t.invoke('channel.configure', {
      channel: 'email',
      enabled: true,
      credentials: { ...mail, port: String(other.port), pass: 'typed-again-for-the-new-one' },
    });
    expect(await t.invoke('channel.test', { channel: 'email' })).toMatchObject({ ok: true });
    expect(other.logins).toEqual(['onair:typed-again-for-the-new-one']);
  });

  it('X: pointing the endpoint at another HTTP port with the mask is refused, the new peer gets no request', async () => {
    const me = () => ({ status: 200, body: { data: { username: 'onair' } } });
    const own = await httpPeer(me);
    const other = await httpPeer(me);
    await t.invoke('channel.configure', {
      channel: 'x',
      enabled: true,
      credentials: { endpoint: own.url, bearerToken: BEARER },
    });
    expect(await t.invoke('channel.test', { channel: 'x' })).toEqual({ ok: true, detail: 'posting as @onair' });
    expect(own.requests[0].headers.authorization).toBe(`Bearer ${BEARER}`);

    const err = await refusal(
      t.invoke('channel.configure', {
        channel: 'x',
        enabled: true,
        credentials: { endpoint: other.url, bearerToken: SECRET_MASK },
      }),
    );
    expect(err.message).toMatch(/^x: API base URL changed, .*enter User access token again/);
    await t.invoke('channel.test', { channel: 'x' });
    expect(other.requests).toEqual([]);
    expect(own.requests).toHaveLength(2);
  });
});

describe('a webhook URL is a secret', () => {
  it('is masked everywhere, and a peer echoing its token leaves it in no error, event, database page or export', async () => {
    const peer = await httpPeer(() => ({ status: 404, body: { message: `no hook with token ${HOOK_TOKEN}` } }));
    const url = `${peer.url}/hooks/${HOOK_TOKEN}`;
    const configured = await t.invoke('channel.configure', {
      channel: 'webhook',
      enabled: true,
      credentials: { url, secret: 'hmac-secret-value' },
    });
    expect(configured.fields).toEqual({ url: SECRET_MASK, secret: SECRET_MASK });
    const list = await t.invoke('channel.list', {});
    expect(list.find((c) => c.channel === 'webhook')?.fields.url).toBe(SECRET_MASK);

    onair.ingest.hello({ source: 'test', eventName: 'Launch', scenario: 'secrets', startedAt: Date.now(), speed: 1 });
    const incident = await t.invoke('incident.open', { kind: 'audio', title: 'No audio', operator: 'giulia' });
    const draft = await t.invoke('broadcast.compose', { incidentId: incident.id, phase: 'acknowledge', lang: 'en' });
    await t.invoke('broadcast.send', {
      incidentId: incident.id,
      phase: 'acknowledge',
      lang: draft.lang,
      operator: 'giulia',
      draft: { subject: draft.subject, body: draft.body, link: 'https://status.example.com/' },
      channels: ['webhook'],
      skipped: (await t.invoke('channel.list', {}))
        .filter((c) => c.enabled && c.channel !== 'webhook')
        .map((c) => ({ channel: c.channel, reason: 'only the webhook in this test' })),
    });
    await expect
      .poll(async () => (await t.invoke('outbox.list', { incidentId: incident.id }))[0]?.status, { timeout: 15_000 })
      .toBe('failed');
    expect(peer.requests).toHaveLength(1); // it did reach the peer, which echoed the token back
    const [post] = await t.invoke('outbox.list', { incidentId: incident.id });
    expect(post.lastError).toBe(`webhook: HTTP 404 from ${new URL(peer.url).host}: no hook with token [redacted]`);

    const everything = [
      JSON.stringify(configured),
      JSON.stringify(list),
      JSON.stringify(await t.invoke('outbox.list', { incidentId: incident.id })),
      ...events,
    ];
    for (const format of REPORT_FORMATS)
      everything.push((await t.invoke('review.export', { sessionId: incident.sessionId!, format })).content);
    expect(events.some((e) => e.startsWith('outbox.changed') && e.includes('[redacted]'))).toBe(true);
    expect(events.some((e) => e.startsWith('channel.changed'))).toBe(true);
    for (const text of everything) {
      expect(text).not.toContain(HOOK_TOKEN);
      expect(text).not.toContain('hmac-secret-value');
    }

    // Nor in the database file or its write-ahead log (sealed there, scrubbed in last_error).
    const bytes = (f: string) => (existsSync(f) ? readFileSync(f) : Buffer.alloc(0));
    for (const file of ['onair.sqlite', 'onair.sqlite-wal'].map((f) => join(dataDir, f)))
      expect(bytes(file).includes(Buffer.from(HOOK_TOKEN)), file).toBe(false);
    expect(bytes(join(dataDir, 'onair.sqlite-wal')).includes(Buffer.from('[redacted]'))).toBe(true); // searched right
  });
});
