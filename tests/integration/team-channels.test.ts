/**
 * An event's channel checklist in a team (team/team-channels.ts), on a real PostgreSQL and real consoles
 * (createOnair, each with its own SQLite, in this process), watching one simulator: a channel set up on one
 * console only (Slack, to a webhook on 127.0.0.1) is on the other's checklist too; an update sent on the
 * console that lacks it, even the engine's, covers it, and the post goes out once, from the console that has
 * it; the update's status page entry shows on both consoles' previews of the page. Once the console with Slack
 * leaves, Slack leaves the checklist. E-mail set up on a console without an audience list reaches nobody from
 * there: it is on the team's checklist once that console has people to write to.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Transport } from '../../shared/contract';
import { loadScenarioFile, startSimulator } from '../../electron/main/services/simulator/server';
import { refusedUrl, startPeer } from '../support/http-peer';
import { onairInProcess } from '../support/onair-in-process';
import { poll } from '../support/poll';
import { startPostgres, type PostgresPeer } from '../support/postgres-peer';

let peer: PostgresPeer;
beforeAll(async () => {
  peer = await startPostgres();
});
afterAll(() => peer?.close());

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A console of the team; `leave()` closes it before the test ends. */
async function teamConsole(database: string, url: string) {
  const { onair, t } = await onairInProcess({ database, source: { kind: 'url', url } });
  let closing: Promise<void> | undefined;
  const leave = () => (closing ??= onair.close());
  cleanup.push(leave);
  return { onair, t, leave };
}

const channelOn = async (t: Transport, channel: string) =>
  (await t.invoke('channel.list', {})).find((c) => c.channel === channel)!;
const slackOn = (t: Transport) => channelOn(t, 'slack');

const ZOOM_EXPORT = [
  'First Name,Last Name,Email,City,Country/Region,Phone,Organization,Job Title,Registration Time,Approval Status',
  'Anna,Rossi,anna@example.com,Milano,Italy,,ACME,,2026-11-20 09:00:00,approved',
  '',
].join('\n');

describe("an event's channels in a team", () => {
  it('are on every console’s checklist, and each post goes out from a console that has its channel', async () => {
    const database = await peer.database();
    const slack = await startPeer();
    cleanup.push(() => slack.close());
    const sim = await startSimulator({ scenario: loadScenarioFile('audio-loss'), speed: 40, loop: false });
    cleanup.push(() => sim.close());

    // The producer's console starts first and runs the engine; it has no Slack.
    const producer = await teamConsole(database, sim.url);
    await poll(() => producer.onair.info.team?.engine === 'here', {
      what: "the producer's console holding the engine",
    });
    const social = await teamConsole(database, sim.url);
    await social.t.invoke('channel.configure', {
      channel: 'slack',
      enabled: true,
      credentials: { webhookUrl: `${slack.url}/hooks/team` },
    });

    const seen = await poll(() => slackOn(producer.t), {
      until: (c) => !!c.onOtherConsole,
      what: "Slack on the producer's checklist",
    });
    expect({ enabled: seen.enabled, configured: seen.configured }).toEqual({ enabled: false, configured: false });

    const incident = await poll(async () => (await producer.t.invoke('incident.list', {}))[0], {
      timeoutMs: 20_000,
      what: 'the audio incident',
    });
    await producer.t.invoke('broadcast.send', {
      incidentId: incident.id,
      phase: 'update',
      lang: 'en',
      draft: { body: 'We know the audio is gone and are fixing it.' },
      operator: 'sara',
      channels: ['slack', 'status-page'],
      skipped: [{ channel: 'webinar-chat', reason: 'the test reads Slack' }],
    });
    await poll(() => slack.requests.length > 0, { what: 'the post in Slack' });
    expect(slack.requests[0].path).toBe('/hooks/team');
    expect(slack.requests[0].body).toContain('We know the audio is gone');
    // The status page post went out from one of them; both previews show the team's page.
    for (const c of [producer, social]) {
      const { url } = await c.t.invoke('statusPage.info', {});
      await poll(() => fetch(url).then((r) => r.text()), {
        until: (page) => page.includes('We know the audio is gone'),
        what: 'the update on both consoles’ status page preview',
      });
    }

    // The social console leaves: Slack is off the producer's checklist, and an update cannot claim it.
    await social.leave();
    await poll(() => slackOn(producer.t), {
      until: (c) => !c.onOtherConsole,
      what: "Slack off the producer's checklist",
    });
    const refused = await producer.t
      .invoke('broadcast.send', {
        incidentId: incident.id,
        phase: 'update',
        lang: 'en',
        draft: { body: 'Still on it.' },
        operator: 'sara',
        channels: ['slack', 'status-page'],
        skipped: [{ channel: 'webinar-chat', reason: 'the test reads Slack' }],
      })
      .catch((e: unknown) => e);
    expect(String(refused)).toContain('channels not enabled in settings: slack');
    expect(slack.requests).toHaveLength(1);
  });

  it('leave e-mail to a console with people to write to', async () => {
    const database = await peer.database();
    const event = await refusedUrl();
    const producer = await teamConsole(database, event);
    const mailer = await teamConsole(database, event);
    for (const [channel, credentials] of [
      ['email', { host: '127.0.0.1', port: '2525', from: 'team@example.com' }],
      ['slack', { webhookUrl: 'http://127.0.0.1:9/hooks/team' }],
    ] as const)
      await mailer.t.invoke('channel.configure', { channel, enabled: true, credentials });
    // Both in the mailer's one report: once Slack is there, e-mail has been left out of it.
    await poll(() => slackOn(producer.t), { until: (c) => !!c.onOtherConsole, what: 'Slack from the mailer' });
    expect((await channelOn(producer.t, 'email')).onOtherConsole).toBeUndefined();

    const preview = await mailer.t.invoke('audience.previewImport', { fileName: 'zoom.csv', content: ZOOM_EXPORT });
    await mailer.t.invoke('audience.confirmImport', { previewId: preview.previewId });
    await poll(() => channelOn(producer.t, 'email'), {
      until: (c) => !!c.onOtherConsole,
      timeoutMs: 10_000,
      what: "e-mail on the producer's checklist once the mailer has an audience",
    });
  });
});
