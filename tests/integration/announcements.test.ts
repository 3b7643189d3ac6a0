/**
 * Scheduled announcements on a real SQLite file and a fake clock: they fire at their time into the outbox on
 * every chosen channel (a real webhook peer on 127.0.0.1 and the status page), can be edited and cancelled
 * before they go, resume after a restart (close and reopen on the same data folder), and one whose time passed
 * while Onair was closed waits for the operator. A postponement carries its .ics calendar file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport } from '../../shared/contract';
import type { AnnouncementView } from '../../shared/domain/broadcast/announcements';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import { fakeClock, type FakeClock } from '../support/fake-clock';
import { refusedUrl, startPeer, type Peer } from '../support/http-peer';
import { inMemoryTransport } from '../support/in-memory-transport';
import { tempDir } from '../support/temp-dir';

const T = Date.UTC(2025, 2, 10, 9, 0);
const MIN = 60_000;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.reverse()) await c();
  closers.length = 0;
});

interface Rig {
  onair: Onair;
  t: Transport;
  events: AnnouncementView[][];
}

async function open(dataDir: string, clock: FakeClock, peer: Peer): Promise<Rig> {
  const onair = await createOnair({
    dataDir,
    mode: 'web',
    version: 'test',
    clock,
    log: () => {},
    source: { kind: 'url', url: await refusedUrl() },
  });
  let closed = false;
  const close = async () => {
    if (!closed) await onair.close();
    closed = true;
  };
  closers.push(close);
  const t = inMemoryTransport(onair.dispatcher, onair.hub);
  const events: AnnouncementView[][] = [];
  t.on('announcements.changed', (q) => events.push(q));
  onair.ingest.hello({ source: 'test', eventName: 'Launch webinar', scenario: 'ann', startedAt: T, speed: 1 });
  await t.invoke('channel.configure', {
    channel: 'webhook',
    enabled: true,
    credentials: { url: `${peer.url}/hook`, secret: 'hmac-secret' },
  });
  return { onair, t, events };
}

async function setUp() {
  const peer = await startPeer(() => ({ status: 204 }));
  closers.push(() => peer.close());
  const clock = fakeClock(T);
  const dataDir = tempDir();
  return { peer, clock, dataDir, rig: await open(dataDir, clock, peer) };
}

const entriesOf = async (t: Transport, id: string) =>
  (await t.invoke('outbox.list', {})).filter((e) => e.idempotencyKey.startsWith(`announcement:${id}:`));

async function sentEverywhere(t: Transport, id: string, channels: number) {
  await expect
    .poll(async () => (await entriesOf(t, id)).filter((e) => e.status === 'sent').length, { timeout: 10_000 })
    .toBe(channels);
  return entriesOf(t, id);
}

const schedule = async (t: Transport, kind: 'starting-soon' | 'back', sendAt: number, body?: string) => {
  const draft = await t.invoke('announcement.compose', { kind, lang: 'en', minutes: 10 });
  return t.invoke('announcement.schedule', {
    kind,
    lang: draft.lang,
    sendAt,
    draft: { subject: draft.subject, body: body ?? draft.body, link: 'https://events.example.com/status' },
    channels: ['webhook', 'status-page'],
    operator: 'giulia',
  });
};

describe('scheduled announcements', () => {
  it('fire at their time into the outbox on every chosen channel, once', async () => {
    const { peer, clock, dataDir, rig } = await setUp();
    const a = await schedule(rig.t, 'starting-soon', T + 10 * MIN);
    expect(a).toMatchObject({ status: 'scheduled', channels: ['webhook', 'status-page'], sendAt: T + 10 * MIN });
    expect(rig.events.at(-1)?.map((q) => q.id)).toEqual([a.id]);

    clock.advance(10 * MIN - 1);
    expect(await entriesOf(rig.t, a.id)).toEqual([]);
    expect(peer.requests).toHaveLength(0);

    clock.advance(1);
    const entries = await sentEverywhere(rig.t, a.id, 2);
    expect(entries.map((e) => e.idempotencyKey).sort()).toEqual([
      `announcement:${a.id}:status-page`,
      `announcement:${a.id}:webhook`,
    ]);
    expect(peer.requests).toHaveLength(1);
    expect(peer.requests[0].body).toContain('Launch webinar starts in 10 minutes');
    const page = await readFile(join(dataDir, 'status-page', 'index.html'), 'utf8');
    expect(page).toContain('Launch webinar starts in 10 minutes');
    const [view] = await rig.t.invoke('announcement.list', {});
    expect(view).toMatchObject({ status: 'sent', sentAt: T + 10 * MIN, skipped: [] });
    expect(view.deliveries.map((d) => d.status)).toEqual(['sent', 'sent']);

    // Sent is sent: no second post, no edit, no cancel.
    await expect(rig.t.invoke('announcement.sendNow', { id: a.id, operator: 'giulia' })).rejects.toMatchObject({
      error: { code: 'conflict' },
    });
    await expect(rig.t.invoke('announcement.cancel', { id: a.id, operator: 'giulia' })).rejects.toMatchObject({
      error: { code: 'conflict' },
    });
    clock.advance(60 * MIN);
    expect(peer.requests).toHaveLength(1);
  });

  it('can be edited and cancelled before it goes', async () => {
    const { peer, clock, rig } = await setUp();
    const edited = await schedule(rig.t, 'back', T + 30 * MIN);
    const cancelled = await schedule(rig.t, 'back', T + 15 * MIN);

    const draft = { subject: 'Launch webinar: we are back', body: 'We are back: the Q&A starts now.' };
    const changed = await rig.t.invoke('announcement.edit', {
      id: edited.id,
      kind: 'back',
      lang: 'en',
      sendAt: T + 20 * MIN,
      draft,
      channels: ['webhook'],
      operator: 'marco',
    });
    expect(changed).toMatchObject({
      status: 'scheduled',
      sendAt: T + 20 * MIN,
      channels: ['webhook'],
      operator: 'marco',
    });
    expect(await rig.t.invoke('announcement.cancel', { id: cancelled.id, operator: 'giulia' })).toMatchObject({
      status: 'cancelled',
    });

    clock.advance(20 * MIN);
    await sentEverywhere(rig.t, edited.id, 1);
    expect(peer.requests).toHaveLength(1);
    expect(peer.requests[0].body).toContain('the Q&A starts now');
    expect(await entriesOf(rig.t, cancelled.id)).toEqual([]);
    clock.advance(30 * MIN);
    expect(await entriesOf(rig.t, cancelled.id)).toEqual([]);

    // A time already past, or a channel that is not enabled, is refused.
    await expect(schedule(rig.t, 'back', T)).rejects.toMatchObject({ error: { code: 'bad-args' } });
    await expect(
      rig.t.invoke('announcement.schedule', {
        kind: 'back',
        lang: 'en',
        sendAt: clock.now() + MIN,
        draft,
        channels: ['x'],
        operator: 'giulia',
      }),
    ).rejects.toMatchObject({ error: { code: 'bad-args', message: expect.stringMatching(/not enabled/) } });
  });

  it('resumes after a restart, and one missed while closed waits for the operator', async () => {
    const { peer, clock, dataDir, rig } = await setUp();
    const missed = await schedule(rig.t, 'starting-soon', T + 10 * MIN);
    const later = await schedule(rig.t, 'back', T + 2 * 60 * MIN);
    await rig.onair.close();

    clock.advance(60 * MIN); // Onair is closed while the first one falls due
    const again = await open(dataDir, clock, peer);
    const queue = await again.t.invoke('announcement.list', {});
    expect(queue.map((q) => [q.id, q.status])).toEqual([
      [missed.id, 'overdue'],
      [later.id, 'scheduled'],
    ]);
    expect(await entriesOf(again.t, missed.id)).toEqual([]);

    clock.advance(60 * MIN); // the timer was armed again at the start
    await sentEverywhere(again.t, later.id, 2);
    expect((await again.t.invoke('announcement.list', {}))[0].status).toBe('overdue');
    expect(peer.requests).toHaveLength(1);

    expect(await again.t.invoke('announcement.sendNow', { id: missed.id, operator: 'giulia' })).toMatchObject({
      status: 'sent',
    });
    await sentEverywhere(again.t, missed.id, 2);
    expect(peer.requests).toHaveLength(2);
  });

  it('a postponement carries an .ics with the new date, the event and the new link', async () => {
    const { peer, clock, rig } = await setUp();
    const newLink = 'https://events.example.com/launch-webinar-new';
    const start = Date.UTC(2025, 2, 17, 15, 0);
    const draft = await rig.t.invoke('announcement.compose', {
      kind: 'postponed',
      lang: 'en',
      newTime: '17 March, 15:00 UTC',
      link: newLink,
    });
    expect(draft.body).toContain('17 March, 15:00 UTC');
    const { lang, ...text } = draft;
    await expect(
      rig.t.invoke('announcement.schedule', {
        kind: 'postponed',
        lang,
        sendAt: T + MIN,
        draft: text,
        channels: ['webhook'],
        operator: 'giulia',
      }),
    ).rejects.toMatchObject({ error: { code: 'bad-args', message: expect.stringMatching(/new date/) } });
    const a = await rig.t.invoke('announcement.schedule', {
      kind: 'postponed',
      lang,
      sendAt: T + MIN,
      draft: text,
      channels: ['webhook', 'status-page'],
      newEvent: { start, durationMinutes: 90, link: newLink },
      operator: 'giulia',
    });
    expect(a.hasCalendarFile).toBe(true);

    clock.advance(MIN);
    const entries = await sentEverywhere(rig.t, a.id, 2);
    const hook = entries.find((e) => e.channel === 'webhook')!;
    expect(hook).toMatchObject({ phase: 'postponed', link: newLink });
    expect(peer.requests[0].body).toContain(newLink);
    const [file] = hook.attachments ?? [];
    expect(file).toMatchObject({ filename: 'new-date.ics', contentType: expect.stringMatching(/^text\/calendar/) });
    const ics = parseIcs(file.content);
    expect(ics.VCALENDAR.VERSION).toBe('2.0');
    expect(ics.VEVENT).toMatchObject({
      DTSTART: '20250317T150000Z',
      DURATION: 'PT90M',
      SUMMARY: 'Launch webinar',
      URL: newLink,
      UID: `${a.id}@onair`,
    });
    expect(ics.VEVENT.DESCRIPTION).toContain('17 March\\, 15:00 UTC');
  });
});

/** A small RFC 5545 reader: CRLF lines, unfolded, properties by component (enough to check one event). */
function parseIcs(text: string): Record<string, Record<string, string>> {
  expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  const out: Record<string, Record<string, string>> = {};
  const stack: string[] = [];
  for (const line of lines) {
    const i = line.indexOf(':');
    expect(i, line).toBeGreaterThan(0);
    const [name, value] = [line.slice(0, i).split(';')[0], line.slice(i + 1)];
    if (name === 'BEGIN') stack.push(value);
    else if (name === 'END') expect(stack.pop()).toBe(value);
    else (out[stack.at(-1)!] ??= {})[name] = value;
  }
  expect(stack).toEqual([]);
  return out;
}
