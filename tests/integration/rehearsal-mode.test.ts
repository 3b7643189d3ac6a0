/**
 * Rehearsal as a mode of its own, on real parts: the embedded simulator is a rehearsal (its session says so,
 * its posts go to the sandbox, the status page is not written), a real event is live, Back to live returns
 * to the real event watched last, and a `--once` run that ends says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport } from '../../shared/contract';
import type { RehearsalState } from '../../shared/rehearsal';
import type { SourceView } from '../../shared/sources';
import { createOnair, type Onair } from '../../electron/main/services/onair';
import type { SourceChoice } from '../../electron/main/services/source-control';
import { inMemoryTransport } from '../support/in-memory-transport';
import { poll } from '../support/poll';
import { tempDir } from '../support/temp-dir';

const running: Onair[] = [];
afterEach(async () => {
  for (const o of running.splice(0)) await o.close();
});

async function start(source: SourceChoice) {
  const dataDir = tempDir();
  const onair = await createOnair({ dataDir, mode: 'web', version: 'test', log: () => {}, source });
  running.push(onair);
  const t: Transport = inMemoryTransport(onair.dispatcher, onair.hub);
  const states: RehearsalState[] = [];
  const sources: SourceView[][] = [];
  t.on('rehearsal.changed', (s) => states.push(s));
  t.on('sources.changed', (s) => sources.push(s));
  return { onair, t, dataDir, states, sources };
}

const sessionOf = async (t: Transport, rehearsal: boolean) =>
  (await poll(async () => (await t.invoke('live.snapshot', {})).session, {
    until: (s) => s?.rehearsal === rehearsal,
    what: `a session with rehearsal ${rehearsal}`,
  }))!;

describe('rehearsal mode', () => {
  it('makes a simulator session a rehearsal whose posts stay in the sandbox, and a real event live', async () => {
    const { onair, t, dataDir } = await start({ kind: 'simulator', scenario: 'audio-loss', speed: 40, loop: false });
    expect(await t.invoke('rehearsal.state', {})).toEqual({
      rehearsal: true,
      label: 'Simulator · audio-loss at 40×',
      playing: 'simulator',
      lastLive: null,
    });
    await sessionOf(t, true);
    const statusPage = () => readFileSync(join(dataDir, 'status-page', 'index.html'), 'utf8');
    const pageBefore = statusPage();
    const incident = await poll(async () => (await t.invoke('incident.list', {}))[0], { what: 'an incident' });
    const draft = await t.invoke('broadcast.compose', { incidentId: incident.id, phase: 'acknowledge', lang: 'en' });
    await t.invoke('broadcast.send', {
      incidentId: incident.id,
      phase: 'acknowledge',
      lang: 'en',
      operator: 'giulia',
      draft: { subject: draft.subject, body: draft.body },
      channels: ['webinar-chat', 'status-page'],
      skipped: [],
    });
    const posts = await poll(() => t.invoke('outbox.list', { incidentId: incident.id }), {
      until: (l) => l.length === 2 && l.every((e) => e.status === 'sent'),
      what: 'both posts delivered',
    });
    for (const p of posts)
      expect(p).toMatchObject({
        rehearsal: true,
        remoteId: 'sandbox',
        receiptDetail: expect.stringMatching(/^Rehearsal: not sent/),
      });
    // An announcement sent now during the rehearsal is the rehearsal's too.
    const compose = await t.invoke('announcement.compose', { kind: 'starting-soon', lang: 'en', minutes: 10 });
    const announcement = await t.invoke('announcement.schedule', {
      kind: 'starting-soon',
      lang: 'en',
      sendAt: Date.now() + 3_600_000,
      draft: { subject: compose.subject, body: compose.body, link: 'https://events.example.com/status' },
      channels: ['webinar-chat', 'status-page'],
      operator: 'giulia',
    });
    await t.invoke('announcement.sendNow', { id: announcement.id, operator: 'giulia' });
    const announced = await poll(
      async () => (await t.invoke('outbox.list', {})).filter((e) => e.idempotencyKey.includes(announcement.id)),
      { until: (l) => l.length === 2 && l.every((e) => e.status === 'sent'), what: 'the announcement delivered' },
    );
    expect(announced.map((e) => [e.rehearsal, e.remoteId])).toEqual([
      [true, 'sandbox'],
      [true, 'sandbox'],
    ]);
    expect(statusPage()).toBe(pageBefore);
    expect(onair.db.prepare('SELECT rehearsal FROM sessions WHERE id = ?').get(incident.sessionId)).toEqual({
      rehearsal: 1,
    });

    // Back to live with no real event watched before: nothing changes, the console asks for the event's name.
    expect(await t.invoke('rehearsal.backToLive', {})).toMatchObject({ resumed: false, state: { rehearsal: true } });
    await t.invoke('source.watchEvent', { eventName: 'Spring launch' });
    const live = await sessionOf(t, false);
    expect(live.eventName).toBe('Spring launch');
    expect(await t.invoke('rehearsal.state', {})).toEqual({
      rehearsal: false,
      label: 'Live event · Spring launch',
      playing: 'live',
      lastLive: 'Live event · Spring launch',
    });

    // Rehearse again, then one click back to the same real event.
    await t.invoke('simulator.play', { scenario: 'calm', speed: 5 });
    await sessionOf(t, true);
    const back = await t.invoke('rehearsal.backToLive', {});
    expect(back).toMatchObject({ resumed: true, state: { rehearsal: false, label: 'Live event · Spring launch' } });
    expect((await sessionOf(t, false)).eventName).toBe('Spring launch');
  }, 60_000);

  it('says the run ended when a --once simulator finishes, on the time line pill and the rehearsal state', async () => {
    const { t, states, sources } = await start({ kind: 'simulator', scenario: 'calm', speed: 600, loop: false });
    const session = await sessionOf(t, true);
    const ended = await poll(() => states.find((s) => s.endedAt !== undefined), { what: 'the end of the run' });
    expect(ended).toMatchObject({ rehearsal: true, endedAt: session.startedAt + 600_000 });
    expect(sources.at(-1)?.[0]).toMatchObject({ kind: 'simulator', ended: session.startedAt + 600_000 });
    expect((await t.invoke('source.list', {}))[0].ended).toBe(session.startedAt + 600_000);
  }, 30_000);
});
