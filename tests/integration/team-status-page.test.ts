/**
 * The team's status page on a real PostgreSQL: two consoles of one event publish into folders of their own,
 * and the page each one writes (and would upload) carries every update either posted, under one page id, so
 * a fail-over from one console to the other never takes an update off the public page. An update resumed on
 * the second console after the first sent it is on the page once, as first published. Two consoles uploading
 * at once to a real OpenSSH server (SFTP) leave the page with both updates. While the database is away a post
 * fails for now (the outbox retries it) and the folder is left as it was. Only an entry new to the team is
 * announced to the consoles: a console catching up must not send the others catching up in turn.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelError } from '../../electron/main/services/channels/channel-adapter';
import {
  createStatusPage,
  createStatusPageAdapter,
  type StatusPageLedger,
} from '../../electron/main/services/channels/status-page';
import type { StatusEntry } from '../../electron/main/services/channels/status-page-render';
import { makePost } from '../../electron/main/services/channels/test-support/fixtures';
import { openTeamDatabase, type TeamDatabase } from '../../electron/main/services/postgres/connect';
import { teamStatusPageLedger } from '../../electron/main/services/postgres/team-status-page-store';
import { startPostgres, type PostgresPeer } from '../support/postgres-peer';
import { startSshd, type SshdPeer } from '../support/sshd-peer';
import { tempDir } from '../support/temp-dir';

const EVENT = 'live:Spring Launch Webinar';
const CREDS = { title: 'Spring Launch status', publicUrl: 'https://status.example.com/spring' };

let peer: PostgresPeer;
let sshd: SshdPeer;
let db: TeamDatabase;
beforeAll(async () => {
  [peer, sshd] = await Promise.all([startPostgres(), startSshd()]);
  db = await openTeamDatabase({ url: await peer.database() });
});
afterAll(async () => {
  await db?.close();
  await Promise.all([peer?.close(), sshd?.close()]);
});

/** One console's status page channel for `event`, in a folder of its own. */
function consolePage(event = EVENT, ledger: StatusPageLedger = teamStatusPageLedger(db.pool, () => event)) {
  const dir = tempDir('onair-team-page-');
  let t = Date.parse('2026-12-03T09:00:00Z');
  const adapter = createStatusPageAdapter({ dir, baseUrl: 'http://127.0.0.1:1', now: () => (t += 60_000), ledger });
  const read = (file: string) => readFile(join(dir, file), 'utf8');
  return {
    dir,
    adapter,
    read,
    entries: () => createStatusPage({ dir, title: '', baseUrl: CREDS.publicUrl }).entries(),
  };
}

const update = (round: number, text: string) =>
  makePost('status-page', { idempotencyKey: `inc-7:round-${round}:status-page`, text, incidentId: 'inc-7' });

describe("the team's status page", () => {
  it('carries every console’s updates under one page id, each once', async () => {
    const a = consolePage();
    const b = consolePage();
    const first = await a.adapter.send(update(1, 'We hear you: the audio dropped.'), CREDS);
    // A dies; B takes over the event and posts the next update.
    await b.adapter.send(update(2, 'Audio is back. Thank you for your patience.'), CREDS);

    const page = await b.read('index.html');
    expect(page).toContain('We hear you: the audio dropped.');
    expect(page).toContain('Audio is back.');
    expect(await b.read('page.json')).toBe(await a.read('page.json'));
    const feedId = (atom: string) => atom.match(/<id>(urn:uuid:[^<]+)<\/id>/)?.[1];
    expect(feedId(await b.read('feed.atom'))).toBe(feedId(await a.read('feed.atom')));

    // A's round 1, resumed on B after A's unknown outcome: already on the page, as A published it.
    const resumed = await b.adapter.send(update(1, 'We hear you: the audio dropped.'), CREDS);
    expect(resumed.detail).toBe('already on the page');
    expect(resumed.at).toBe(first.at);
    expect((await b.entries()).map((e) => e.idempotencyKey)).toEqual([
      'inc-7:round-1:status-page',
      'inc-7:round-2:status-page',
    ]);

    // Back on A: its page catches up with what B posted meanwhile.
    await a.adapter.send(update(3, 'Resolved. The recording will be online tonight.'), CREDS);
    expect((await a.entries()).map((e) => e.text)).toEqual([
      'We hear you: the audio dropped.',
      'Audio is back. Thank you for your patience.',
      'Resolved. The recording will be online tonight.',
    ]);
  });

  it("keeps each event's page apart", async () => {
    const other = consolePage('live:Autumn Summit');
    await other.adapter.send(update(1, 'The stream is down; we are restarting it.'), CREDS);
    expect((await other.entries()).map((e) => e.text)).toEqual(['The stream is down; we are restarting it.']);
  });

  it('announces an entry new to the team once, and a merge of entries it holds not at all', async () => {
    const ledger = teamStatusPageLedger(db.pool, () => 'live:Board Meeting');
    const heard: string[] = [];
    const listener = await db.pool.connect();
    listener.on('notification', (n) => heard.push(n.payload ?? ''));
    await listener.query('LISTEN onair_team');
    // The announcements of later transactions arrive after those of earlier ones: a mark sent last tells that
    // everything the merges announced has arrived.
    const heardUpTo = async (mark: string) => {
      await db.pool.query(`NOTIFY onair_team, '${mark}'`);
      await expect.poll(() => heard.includes(mark)).toBe(true);
      return heard.splice(0).filter((p) => p !== mark);
    };
    try {
      const entry = (round: number, text: string): StatusEntry => ({
        idempotencyKey: `inc-9:round-${round}:status-page`,
        text,
        phase: 'update',
        at: Date.parse('2026-12-03T09:00:00Z') + round,
      });
      const [one, two] = [entry(1, 'The slides froze.'), entry(2, 'Slides are back.')];
      await ledger.merge([one, two]);
      expect(await heardUpTo('mark-1')).toEqual(['status-page']);
      // A console catching up merges what its folder holds: no news, so no console is sent catching up again.
      await ledger.merge([one, two]);
      expect(await heardUpTo('mark-2')).toEqual([]);
    } finally {
      await listener.query('UNLISTEN onair_team');
      listener.release();
    }
  });

  it('leaves the uploaded page with both updates when two consoles upload at once', async () => {
    const event = 'live:Product Day';
    const folder = join(sshd.root, 'product-day');
    const sftp = {
      ...CREDS,
      target: 'sftp',
      sftpHost: sshd.host,
      sftpPort: String(sshd.port),
      sftpUser: sshd.user,
      sftpKey: sshd.privateKey,
      sftpHostKey: sshd.hostKeyFingerprint,
      sftpFolder: folder,
    };
    // A's update is on its way up when B posts and uploads the next one, all of it, A's update included: then A's
    // upload lands, from a page read before B's update was there.
    const b = consolePage(event);
    const shared = teamStatusPageLedger(db.pool, () => event);
    let meanwhile: (() => Promise<unknown>) | undefined = () =>
      b.adapter.send(update(2, 'Video is back for everyone.'), sftp);
    const racing: StatusPageLedger = {
      pageId: shared.pageId,
      async merge(entries) {
        const held = await shared.merge(entries);
        const then = meanwhile; // once
        meanwhile = undefined;
        await then?.();
        return held;
      },
    };
    const a = consolePage(event, racing);
    await a.adapter.send(update(1, 'Video froze for some of you; fixing it.'), sftp);
    const uploaded = await readFile(join(folder, 'index.html'), 'utf8');
    expect(uploaded).toContain('Video froze for some of you');
    expect(uploaded).toContain('Video is back for everyone.');
  });

  it('fails a post for now while the database is away, and leaves the folder as it was', async () => {
    const a = consolePage('live:Winter Gala');
    await a.adapter.send(update(1, 'Video froze; fixing it now.'), CREDS);
    const before = await a.read('index.html');
    peer.stop();
    try {
      const failed = await a.adapter.send(update(2, 'Video is back.'), CREDS).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(ChannelError);
      expect((failed as ChannelError).retryable).toBe(true);
      expect((failed as Error).message).toMatch(/^status-page: the team's copy of the page did not answer/);
      expect(await a.read('index.html')).toBe(before);
    } finally {
      peer.start();
    }
    await a.adapter.send(update(2, 'Video is back.'), CREDS);
    expect((await a.entries()).map((e) => e.text)).toEqual(['Video froze; fixing it now.', 'Video is back.']);
  });
});
