/**
 * The status page published to where the organiser hosts it, against real peers on 127.0.0.1: a throwaway
 * OpenSSH server (SFTP), an S3 stand-in that checks every SigV4 signature, and a bare git repository. Each
 * publication is fetched back the way a reader would get it and checked with a real feed parser (rss-parser,
 * Atom and RSS) and a real HTML validator (html-validate). A failing target gives a retryable ChannelError with
 * a reason the organiser can act on, and leaves the published page as it was. broadcast.send refuses a public
 * message whose link points at this computer.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import Parser from 'rss-parser';
import SftpClient from 'ssh2-sftp-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transport } from '../../shared/contract';
import { ChannelError, type OutgoingPost } from '../../electron/main/services/channels/channel-adapter';
import { createStatusPageAdapter } from '../../electron/main/services/channels/status-page';
import type { Onair } from '../../electron/main/services/onair';
import { startS3Standin, type S3Standin } from '../support/s3-standin';
import { startSshd, type SshdPeer } from '../support/sshd-peer';
import { tempDir } from '../support/temp-dir';
import { onairInProcess } from '../support/onair-in-process';

const PUBLIC = 'https://status.example.com/spring';
const T0 = Date.parse('2026-12-02T09:00:00Z');

let sshd: SshdPeer;
let s3: S3Standin;

beforeAll(async () => {
  [sshd, s3] = await Promise.all([startSshd(), startS3Standin()]);
});
afterAll(async () => {
  await Promise.all([sshd?.close(), s3?.close()]);
});

function post(n: number, over: Partial<OutgoingPost> = {}): OutgoingPost {
  return {
    idempotencyKey: `inc-7:${n}:status-page`,
    channel: 'status-page',
    incidentId: 'inc-7',
    subject: "Problema con l'audio",
    text: "Non si sente l'audio: ci stiamo lavorando. Aggiornamenti su https://status.example.com/spring",
    link: 'https://status.example.com/spring',
    eventName: 'Webinar di primavera',
    lang: 'it',
    createdAt: T0,
    phase: 'acknowledge',
    ...over,
  };
}

/** Two updates of one incident, the second resolving it, plus an unrelated announcement. */
const STORY = [
  post(1),
  post(2, { phase: 'resolved', subject: "L'audio è tornato", text: 'Risolto: ora si sente bene.' }),
  post(3, { idempotencyKey: 'ann-1:status-page', incidentId: undefined, phase: 'manual', subject: 'Pausa' }),
];

function adapterIn(dir: string) {
  let t = T0;
  return createStatusPageAdapter({
    dir: join(dir, 'status-page'),
    baseUrl: 'http://127.0.0.1:45678', // the local preview: must appear nowhere in what is published
    now: () => (t += 60_000),
    connectTimeoutMs: 5000,
  });
}

const parser = new Parser();
const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

/** What every published copy must be: valid feeds with permanent ids and own links, a valid phone-ready page. */
async function checkPublished(files: { html: string; atom: string; rss: string }, entries: number) {
  for (const text of Object.values(files)) expect(text).not.toMatch(/127\.0\.0\.1|localhost/);

  const atom = await parser.parseString(files.atom);
  expect(atom.items).toHaveLength(entries);
  expect(files.atom).toMatch(/<feed[^>]*>[\s\S]*<author>\s*<name>/); // RFC 4287 §4.1.1
  expect(atom.link).toBe(`${PUBLIC}/`);
  const rss = await parser.parseString(files.rss);
  expect(rss.items).toHaveLength(entries);
  expect(rss.language).toBe('it');

  for (const [a, r] of atom.items.map((item, i) => [item, rss.items[i]] as const)) {
    expect(a.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(r.guid).toBe(a.id);
    expect(a.link).toMatch(new RegExp(`^${PUBLIC}/#entry-[0-9a-f]{16}$`));
    expect(r.link).toBe(a.link);
    expect(files.html).toContain(`id="${a.link!.split('#')[1]}"`);
    for (const title of [a.title, r.title]) expect(title).not.toMatch(/&#?\w+;/);
  }
  expect(rss.items.map((i) => i.title)).toContain("Risolto: L'audio è tornato");
  expect(new Set(atom.items.map((i) => i.id)).size).toBe(entries);

  const report = await validator.validateString(files.html);
  expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
  expect(files.html).toMatch(/<html lang="it">/);
  expect(files.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  expect(files.html).toContain('@media (max-width:30rem)');
  // The resolved incident is folded, its updates newest first; the link shows once per update.
  const folded = /<details>[\s\S]*?<\/details>/.exec(files.html)?.[0] ?? '';
  expect(folded).toContain('Problema con l&#39;audio');
  expect(folded.indexOf('Risolto: ora si sente bene.')).toBeLessThan(folded.indexOf('Non si sente'));
  // The card's title once: the first update, whose subject is that title, shows its phase and time only.
  expect(folded).not.toContain('<h3>Problema');
  const first = /<article id="[^"]+" lang="it">\s*<div class="meta">[\s\S]*?<\/article>/.exec(folded)?.[0] ?? '';
  expect(first).toContain('Non si sente');
  expect(first.match(/https:\/\/status\.example\.com\/spring/g)).toHaveLength(2); // one <a>: its href and its text
  return atom.items.map((i) => i.id);
}

describe('publishing over SFTP to a real OpenSSH server', () => {
  const folder = () => join(sshd.root, 'status');
  const creds = (over: Record<string, string> = {}) => ({
    title: 'Webinar di primavera',
    publicUrl: `${PUBLIC}/`,
    target: 'sftp',
    sftpHost: sshd.host,
    sftpPort: String(sshd.port),
    sftpUser: sshd.user,
    sftpKey: sshd.privateKey,
    sftpHostKey: sshd.hostKeyFingerprint,
    sftpFolder: folder(),
    ...over,
  });

  async function readRemote() {
    const c = new SftpClient();
    await c.connect({ host: sshd.host, port: sshd.port, username: sshd.user, privateKey: sshd.privateKey });
    try {
      const get = async (f: string) => String(await c.get(`${folder()}/${f}`));
      const listing = (await c.list(folder())).map((f) => f.name).sort();
      return {
        files: { html: await get('index.html'), atom: await get('feed.atom'), rss: await get('feed.rss') },
        listing,
      };
    } finally {
      await c.end();
    }
  }

  it('uploads the page and both feeds, says where in the receipt, and ids stay the same on every publish', async () => {
    const adapter = adapterIn(tempDir('onair-pub-sftp-'));
    let receipt;
    // The key as a one-line settings field keeps it: without its line breaks.
    for (const p of STORY) receipt = await adapter.send(p, creds({ sftpKey: sshd.privateKey.replace(/\n/g, '') }));
    expect(receipt!.detail).toBe(`published; uploaded to sftp://127.0.0.1:${sshd.port}${folder()}`);
    expect(receipt!.remoteId).toMatch(new RegExp(`^${PUBLIC}/#entry-`));
    const remote = await readRemote();
    expect(remote.listing).toEqual(['feed.atom', 'feed.rss', 'index.html']); // no temp file left behind
    const ids = await checkPublished(remote.files, 3);

    // A retry of the same post changes nothing on the page and publishes the same ids.
    const again = await adapter.send(STORY[0], creds());
    expect(again.detail).toMatch(/^already on the page; uploaded to sftp:/);
    expect(await checkPublished((await readRemote()).files, 3)).toEqual(ids);
  });

  it('a server that is down, a refused key or a wrong host key: retryable, a clear reason, the page untouched', async () => {
    const adapter = adapterIn(tempDir('onair-pub-sftp-fail-'));
    await adapter.send(STORY[0], creds());
    const before = await readRemote();

    const refused = await adapter.send(STORY[1], creds({ sftpKey: sshd.otherPrivateKey })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ChannelError);
    expect(refused).toMatchObject({ retryable: true });
    expect((refused as Error).message).toBe(
      `status-page: the SFTP server 127.0.0.1:${sshd.port} refused the key for user "${sshd.user}"`,
    );

    const wrongHost = await adapter
      .send(STORY[1], creds({ sftpHostKey: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }))
      .catch((e: unknown) => e);
    expect(wrongHost).toMatchObject({ retryable: true });
    expect((wrongHost as Error).message).toMatch(/presented host key SHA256:\S+, not the configured SHA256:A+$/);

    await sshd.stop();
    try {
      const down = await adapter.send(STORY[1], creds()).catch((e: unknown) => e);
      expect(down).toMatchObject({ retryable: true });
      expect((down as Error).message).toBe(
        `status-page: nothing answers at 127.0.0.1:${sshd.port} (connection refused)`,
      );
      for (const e of [refused, wrongHost, down]) expect((e as Error).message).not.toContain('PRIVATE KEY');
    } finally {
      await sshd.start();
    }
    expect(await readRemote()).toEqual(before); // nothing half-written

    // The outbox's retry, once the server is back, publishes the whole page.
    await adapter.send(STORY[1], creds());
    await checkPublished((await readRemote()).files, 2);
  });
});

describe('publishing to an S3-compatible bucket (SigV4 checked)', () => {
  const creds = (over: Record<string, string> = {}) => ({
    title: 'Webinar di primavera',
    publicUrl: PUBLIC,
    target: 's3',
    s3Endpoint: s3.url,
    s3Region: s3.region,
    s3Bucket: s3.bucket,
    s3Prefix: 'spring',
    s3PathStyle: 'true',
    s3AccessKeyId: s3.accessKeyId,
    s3SecretAccessKey: s3.secretAccessKey,
    ...over,
  });
  const get = async (name: string) => {
    const res = await fetch(`${s3.url}/${s3.bucket}/spring/${name}`);
    expect(res.status, name).toBe(200);
    return { body: await res.text(), type: res.headers.get('content-type'), cache: res.headers.get('cache-control') };
  };

  it('puts each file with its Content-Type and a short Cache-Control, every request signed', async () => {
    s3.objects.clear();
    const adapter = adapterIn(tempDir('onair-pub-s3-'));
    let receipt;
    for (const p of STORY) receipt = await adapter.send(p, creds());
    expect(receipt!.detail).toBe(`published; uploaded to s3://${s3.bucket}/spring/ at ${new URL(s3.url).host}`);
    expect(s3.requests.length).toBeGreaterThanOrEqual(9);
    expect(s3.requests.every((r) => r.signed && r.method === 'PUT')).toBe(true);
    // The page goes last: a reader following its feed links finds feeds at least as new.
    expect(s3.requests.slice(-3).map((r) => r.path)).toEqual(
      ['feed.atom', 'feed.rss', 'index.html'].map((f) => `${s3.bucket}/spring/${f}`),
    );
    const [html, atom, rss] = await Promise.all(['index.html', 'feed.atom', 'feed.rss'].map(get));
    expect([html.type, atom.type, rss.type]).toEqual([
      'text/html; charset=utf-8',
      'application/atom+xml; charset=utf-8',
      'application/rss+xml; charset=utf-8',
    ]);
    expect(html.cache).toMatch(/max-age=\d{1,2}$/);
    await checkPublished({ html: html.body, atom: atom.body, rss: rss.body }, 3);
  });

  it('a wrong secret gets 403 from the bucket: retryable, says what to check, nothing stored', async () => {
    s3.objects.clear();
    const adapter = adapterIn(tempDir('onair-pub-s3-fail-'));
    const err = await adapter.send(STORY[0], creds({ s3SecretAccessKey: 'not-the-secret' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect(err).toMatchObject({ retryable: true });
    expect((err as Error).message).toBe(
      `status-page: the bucket refused s3://${s3.bucket}/spring/feed.atom (403 SignatureDoesNotMatch): check the access key, its secret and its rights`,
    );
    expect((err as Error).message).not.toContain('not-the-secret');
    expect(s3.objects.size).toBe(0);
    expect(s3.requests.at(-1)).toMatchObject({ signed: false });

    s3.refuse = { status: 503, code: 'SlowDown' };
    try {
      await expect(adapter.send(STORY[0], creds())).rejects.toMatchObject({
        retryable: true,
        message: expect.stringContaining('503 SlowDown'),
      });
    } finally {
      s3.refuse = undefined;
    }
  });
});

describe('publishing to a git repository served as pages', () => {
  it('pushes one commit per change to the branch; a clone shows the page and its feeds', async () => {
    const dir = tempDir('onair-pub-git-');
    const bare = join(dir, 'pages.git');
    execFileSync('git', ['init', '-q', '--bare', bare]);
    const creds = { title: 'Webinar di primavera', publicUrl: PUBLIC, target: 'git', gitUrl: bare, gitBranch: 'pages' };
    const adapter = adapterIn(dir);
    let receipt;
    for (const p of STORY) receipt = await adapter.send(p, creds);
    expect(receipt!.detail).toBe('published; uploaded to git pages.git branch pages');
    await adapter.send(STORY[2], creds); // a retry: same files, no new commit

    const clone = join(dir, 'clone');
    execFileSync('git', ['clone', '-q', '--branch', 'pages', bare, clone]);
    expect(
      readdirSync(clone)
        .filter((f) => f !== '.git')
        .sort(),
    ).toEqual(['feed.atom', 'feed.rss', 'index.html']);
    expect(execFileSync('git', ['-C', clone, 'rev-list', '--count', 'HEAD'], { encoding: 'utf8' }).trim()).toBe('3');
    const read = (f: string) => readFileSync(join(clone, f), 'utf8');
    await checkPublished({ html: read('index.html'), atom: read('feed.atom'), rss: read('feed.rss') }, 3);
  });

  it('a remote that cannot be reached: retryable, names the repository without its URL secrets', async () => {
    const dir = tempDir('onair-pub-git-fail-');
    const creds = {
      publicUrl: PUBLIC,
      target: 'git',
      gitUrl: 'http://user:s3cret-token@127.0.0.1:1/pages.git',
      gitBranch: 'pages',
    };
    const err = await adapterIn(dir)
      .send(STORY[0], creds)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: true });
    expect((err as Error).message).toMatch(/^status-page: git could not reach http:\/\/127\.0\.0\.1:1\/pages\.git \(/);
    expect((err as Error).message).not.toContain('s3cret-token');
  });

  it('a target with a missing field is a configuration error, not retried, and the page is not changed', async () => {
    const dir = tempDir('onair-pub-cfg-');
    await expect(adapterIn(dir).send(STORY[0], { target: 'sftp', sftpHost: '127.0.0.1' })).rejects.toMatchObject({
      retryable: false,
      message: 'status-page: publishing by sftp needs sftpUser, sftpKey, sftpFolder',
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('the link every message carries', () => {
  let onair: Onair;
  let t: Transport;
  beforeAll(async () => {
    ({ onair, t } = await onairInProcess());
    onair.ingest.hello({ source: 'test', eventName: 'Launch', scenario: 'link', startedAt: Date.now(), speed: 1 });
  });
  afterAll(() => onair?.close());

  it('is refused while it points at this computer, and is the public URL once that is set', async () => {
    const incident = await t.invoke('incident.open', { kind: 'audio', title: 'No audio', operator: 'giulia' });
    const local = await t.invoke('broadcast.compose', { incidentId: incident.id, phase: 'acknowledge', lang: 'en' });
    expect(local.link).toBe(onair.statusPageUrl);
    const send = (link: string | undefined) =>
      t.invoke('broadcast.send', {
        incidentId: incident.id,
        phase: 'acknowledge',
        lang: 'en',
        operator: 'giulia',
        draft: { subject: local.subject, body: local.body, link },
        channels: ['status-page'],
        skipped: [{ channel: 'webinar-chat', reason: 'no chat in this test' }],
      });
    for (const link of [local.link, 'http://localhost:8080/', 'http://[::1]/', 'http://0.0.0.0/'])
      await expect(send(link), link).rejects.toMatchObject({
        error: {
          code: 'bad-args',
          message: "the link points at this computer (127.0.0.1): set the status page's public URL in Channels",
        },
      });
    expect(await t.invoke('outbox.list', { incidentId: incident.id })).toEqual([]);

    await t.invoke('channel.configure', {
      channel: 'status-page',
      enabled: true,
      credentials: { title: 'Launch status', publicUrl: 'https://status.example.com/launch' },
    });
    const draft = await t.invoke('broadcast.compose', { incidentId: incident.id, phase: 'acknowledge', lang: 'en' });
    expect(draft.link).toBe('https://status.example.com/launch');
    const round = await send(draft.link);
    expect(round.link).toBe('https://status.example.com/launch');
  });
});
