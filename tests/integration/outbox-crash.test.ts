/**
 * "Kill the process between 'queued' and 'sent': after restart each channel received the post exactly once."
 * A real child process enqueues one post per channel and sends them to real local peers that hold the requests
 * open; it is SIGKILLed once every peer has the request. The app then restarts against the same DB and key
 * file while the peers answer. Peers model providers' documented idempotency: a repeated `Idempotency-Key`
 * is answered with the original result and not published again.
 *
 * Whether the provider had already published the request whose answer was lost depends on the provider, so
 * the count is checked under both models (commit on answer: the request died with the connection; commit on
 * arrival: only the answer was lost):
 * - channels whose peer recognises our key (sms, webhook, status page) are re-sent automatically with the same
 *   key and published exactly once under both models;
 * - channels whose platform has no idempotency key (X, LinkedIn, Facebook, Slack, Teams, Discord) are NOT
 *   re-sent blindly: the entry fails as "interrupted", visible to the operator, so they too are published at
 *   most once; the operator checks the platform and presses Retry (tested) or Skip.
 * E-mail cannot recognise a resend either, but it records each batch before its end-of-data dot: killed
 * between a batch's arrival at the server and the record of its 250, only that batch is put to the operator
 * (with its recipients) and the batches after it go out on their own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPeer, type Peer, type RecordedRequest, type Reply } from '../support/http-peer';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';
import { startSmtpPeer } from '../support/smtp-peer';
import {
  CRASH_CHANNELS,
  EMAIL_ATTENDEES,
  HTTP_CHANNELS,
  keyOf,
  TOKEN,
  wireOutbox,
  type HttpChannel,
} from './support-outbox-child';
import type { OutboxEntryView } from '../../shared/domain/broadcast/outbox-entry';

const ROOT = resolve(import.meta.dirname, '../..');
/** Channels whose platforms have no idempotency key: never re-sent automatically after a crash. */
const NO_KEY: HttpChannel[] = ['x', 'linkedin', 'facebook', 'slack', 'teams', 'discord'];
const KEYED: HttpChannel[] = ['sms', 'webhook'];

const ANSWERS: Record<HttpChannel, Exclude<Reply, 'hang'>> = {
  sms: { status: 201, body: { id: 'sms-1' } },
  x: { status: 201, body: { data: { id: '1790000000000000001', text: 'x' } } },
  linkedin: { status: 201, headers: { 'x-restli-id': 'urn:li:share:1' } },
  facebook: { status: 200, body: { id: '1234_1' } },
  slack: { status: 200, body: 'ok' },
  teams: { status: 202 },
  discord: { status: 200, body: { id: 'd-1' } },
  webhook: { status: 200 },
};

interface ProviderPeer {
  peer: Peer;
  arrived: Promise<void>;
  /** Posts the provider published, if it commits a request when it arrives (de-duplicated by Idempotency-Key). */
  publishedOnArrival(): number;
  /** Posts the provider published, if it commits only when it answers. */
  publishedOnAnswer(): number;
}

let answering = false;
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function providerPeer(channel: HttpChannel): Promise<ProviderPeer> {
  let arrivedResolve!: () => void;
  const arrived = new Promise<void>((r) => (arrivedResolve = r));
  const answered: RecordedRequest[] = [];
  const peer = await startPeer((req) => {
    arrivedResolve();
    if (!answering) return 'hang';
    answered.push(req);
    return ANSWERS[channel];
  });
  cleanup.push(() => peer.close());
  const distinct = (reqs: RecordedRequest[]) => {
    const keys = reqs.map((r, i) => (r.headers['idempotency-key'] as string | undefined) ?? `no-key-${i}`);
    return new Set(keys).size;
  };
  return {
    peer,
    arrived,
    publishedOnArrival: () => distinct(peer.requests),
    publishedOnAnswer: () => distinct(answered),
  };
}

function spawnChild(
  dbFile: string,
  peers: Record<string, string | number>,
  mode?: 'email',
): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'tests/integration/support-outbox-child.ts',
      dbFile,
      JSON.stringify(peers),
      ...(mode ? [mode] : []),
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  cleanup.push(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));
  return { child, output: () => out };
}

function withDeadline<T>(work: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what())), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

describe('outbox survives a SIGKILL between queued and sent', () => {
  it('after restart every channel published the post at most once; keyed ones re-sent, the rest left to the operator', async () => {
    answering = false;
    const dbFile = join(tempDir('onair-crash-'), 'onair.sqlite');
    const peers = Object.fromEntries(
      await Promise.all(HTTP_CHANNELS.map(async (c) => [c, await providerPeer(c)] as const)),
    ) as Record<HttpChannel, ProviderPeer>;
    const { child, output } = spawnChild(dbFile, Object.fromEntries(HTTP_CHANNELS.map((c) => [c, peers[c].peer.url])));
    const exited = new Promise<void>((r) => child.once('exit', () => r()));

    await withDeadline(
      Promise.all(HTTP_CHANNELS.map((c) => peers[c].arrived)),
      10_000,
      () => `peers did not all see a request:\n${output()}`,
    );
    child.kill('SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');

    // Restart: same DB and key file, peers now answer.
    answering = true;
    const done = new Map<string, OutboxEntryView>();
    let allSent!: () => void;
    const finished = new Promise<void>((r) => (allSent = r));
    const settled = (c: (typeof CRASH_CHANNELS)[number]) => {
      const e = app.repo.byKey(keyOf(c));
      return NO_KEY.includes(c as HttpChannel) ? e?.status === 'failed' : e?.status === 'sent';
    };
    const app = wireOutbox(dbFile, (e) => {
      if (e.status === 'sent' || e.status === 'failed') done.set(e.channel, e);
      if (CRASH_CHANNELS.every(settled)) allSent();
    });
    cleanup.push(async () => {
      await app.outbox.stop();
      app.db.close();
    });
    const interrupted = HTTP_CHANNELS.filter((c) => app.repo.byKey(keyOf(c))?.status === 'sending');
    expect(interrupted).toEqual([...HTTP_CHANNELS]); // the kill really landed between 'sending' and 'sent'
    await app.outbox.start();
    await withDeadline(
      finished,
      8_000,
      () => `not all sent: ${JSON.stringify([...done.values()].map((e) => [e.channel, e.status, e.lastError]))}`,
    );

    const entries = await app.outbox.list({ incidentId: 'inc-crash' });
    expect(entries).toHaveLength(CRASH_CHANNELS.length);
    for (const e of entries) {
      if (NO_KEY.includes(e.channel as HttpChannel))
        expect(e, e.channel).toMatchObject({
          status: 'failed',
          lastError: expect.stringMatching(/^interrupted mid-send/),
        });
      else expect(e, e.channel).toMatchObject({ status: 'sent', receiptDetail: expect.any(String) });
    }
    const receipts = app.db
      .prepare('SELECT o.channel FROM delivery_receipts r JOIN outbox_entries o ON o.id = r.outbox_id')
      .all();
    expect(receipts).toHaveLength(CRASH_CHANNELS.length - NO_KEY.length);

    for (const c of KEYED) {
      const reqs = peers[c].peer.requests;
      expect(reqs.length, `${c} raw requests`).toBe(2); // the killed attempt + the resend after restart
      expect(reqs[1].body, `${c} resent the same post`).toBe(reqs[0].body);
      expect(reqs[1].headers['idempotency-key'], c).toBe(keyOf(c));
      expect(reqs[0].headers['idempotency-key'], c).toBe(keyOf(c));
      expect(peers[c].publishedOnAnswer(), `${c} (commit on answer)`).toBe(1);
      expect(peers[c].publishedOnArrival(), `${c} (commit on arrival)`).toBe(1);
      expect(app.repo.byKey(keyOf(c))?.attempts, c).toBe(2);
    }
    for (const c of NO_KEY) {
      expect(peers[c].peer.requests.length, `${c}: no blind resend`).toBe(1);
      expect(peers[c].publishedOnArrival(), `${c} (commit on arrival)`).toBeLessThanOrEqual(1);
    }

    // The operator looked at X, saw nothing there, and retries: now it goes out, once.
    const x = app.repo.byKey(keyOf('x'))!;
    expect(await app.outbox.retryNow(x.id)).toBe(true);
    await poll(() => app.repo.byKey(keyOf('x')), {
      until: (e) => e?.status === 'sent',
      timeoutMs: 5_000,
      intervalMs: 20,
      what: 'x sent after the retry',
    });
    expect(peers.x.peer.requests).toHaveLength(2);
    expect(peers.x.publishedOnAnswer()).toBe(1);

    const page = JSON.parse(readFileSync(join(app.statusDir, 'entries.json'), 'utf8')) as { idempotencyKey: string }[];
    expect(page.filter((e) => e.idempotencyKey === keyOf('status-page'))).toHaveLength(1);
    for (const f of [dbFile, `${dbFile}-wal`]) expect(readFileSync(f).includes(Buffer.from(TOKEN)), f).toBe(false);
  }, 15_000);

  it('e-mail: killed after a batch reached the server but before its 250 was recorded, only that batch is put to the operator', async () => {
    // The server takes every message at its dot. It answers batch 1; batch 2 it takes and, before the 250
    // can reach the child, the child is killed: the worst moment for a resend.
    const running: { child?: ChildProcess } = {};
    const smtp = await startSmtpPeer(
      {},
      { reply: (_m, n) => (n === 1 ? (running.child?.kill('SIGKILL'), 'hang') : 'ok') },
    );
    cleanup.push(() => smtp.close());
    const dbFile = join(tempDir('onair-crash-mail-'), 'onair.sqlite');
    const spawned = spawnChild(dbFile, { smtpPort: smtp.port }, 'email');
    const child = (running.child = spawned.child);
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    await withDeadline(exited, 10_000, () => `the child was not killed at batch 2:\n${spawned.output()}`);
    expect(child.signalCode).toBe('SIGKILL');
    expect(smtp.inbox.map((m) => m.to.length - 1)).toEqual([3, 3]);

    const app = wireOutbox(dbFile);
    cleanup.push(async () => {
      await app.outbox.stop();
      app.db.close();
    });
    const entry = app.repo.byKey(keyOf('email'))!;
    expect(entry.status).toBe('sending');
    await app.outbox.start();
    const failed = await poll(() => app.repo.byKey(keyOf('email')), {
      until: (e) => e?.status === 'failed',
      timeoutMs: 8_000,
      intervalMs: 20,
      what: 'the e-mail put to the operator',
    });
    // Batch 3 went out on its own; batch 2 is the operator's, with its recipients named.
    expect(failed!.lastError).toMatch(
      /^interrupted mid-send by a restart: E-mail to attendees: 1 of 1 attendees accepted in 3 messages; 3 had it from an earlier attempt; outcome unknown for message 2 of 3: cut off earlier, before its reply; .*1 message may or may not have arrived, to 3 recipients: attendee3@example\.com, attendee4@example\.com, attendee5@example\.com\./,
    );
    const received = smtp.inbox.flatMap((m) => m.to).filter((a) => a !== 'events@example.com');
    expect(received.sort()).toEqual([...EMAIL_ATTENDEES].sort()); // everyone once, nobody twice

    // The operator checks with attendees 3-5: they have it. Skip, and nothing more goes out.
    expect(await app.outbox.skip(entry.id, 'already there (checked by the operator)')).toBe(true);
    expect(app.repo.byId(entry.id)?.status).toBe('skipped');
    expect(smtp.inbox).toHaveLength(3);
  }, 15_000);
});
