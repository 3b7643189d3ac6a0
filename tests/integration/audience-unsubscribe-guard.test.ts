/**
 * Every e-mail to the audience list carries an unsubscribe link its recipient can open: while the audience's
 * unsubscribe base URL is unset (the links would point at the local server on 127.0.0.1) or names this
 * computer, broadcast.send and announcement.schedule refuse to queue e-mail, with the fix to make. Through the
 * contract, on the in-memory pair.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelId } from '../../shared/channels';
import type { Transport } from '../../shared/contract';
import type { IncidentId } from '../../shared/types';
import type { Onair } from '../../electron/main/services/onair';
import { onairInProcess } from '../support/onair-in-process';

const REASON = 'set the public unsubscribe address in Audience: without it no attendee can unsubscribe';
const LIST = [
  'First Name,Last Name,Email,City,Country/Region,Phone,Organization,Job Title,Registration Time,Approval Status',
  'Anna,Rossi,anna@example.com,Milano,Italy,,ACME,,2026-11-20 09:00:00,approved',
  '',
].join('\n');

let onair: Onair;
let t: Transport;

beforeAll(async () => {
  ({ onair, t } = await onairInProcess());
  // An SMTP port nobody listens on: nothing here is meant to be delivered, only queued or refused.
  await t.invoke('channel.configure', {
    channel: 'email',
    enabled: true,
    credentials: { host: '127.0.0.1', port: '9', secure: 'false', from: 'events@example.com' },
  });
});
afterAll(() => onair.close());

const skipAllBut = async (sent: ChannelId[]) =>
  (await t.invoke('channel.list', {}))
    .filter((c) => c.enabled && !sent.includes(c.channel))
    .map((c) => ({ channel: c.channel, reason: 'not in this test' }));

async function send(incidentId: IncidentId, channels: ChannelId[]) {
  const draft = await t.invoke('broadcast.compose', { incidentId, phase: 'acknowledge', lang: 'en' });
  return t.invoke('broadcast.send', {
    incidentId,
    phase: 'acknowledge',
    lang: draft.lang,
    operator: 'giulia',
    draft: { subject: draft.subject, body: draft.body, link: 'https://status.example.com/' },
    channels,
    skipped: await skipAllBut(channels),
  });
}

const schedule = async (channels: ChannelId[]) =>
  t.invoke('announcement.schedule', {
    kind: 'starting-soon',
    lang: 'en',
    sendAt: Date.now() + 60 * 60_000,
    draft: { subject: 'Starting soon', body: 'We start in 10 minutes.', link: 'https://status.example.com/' },
    channels,
    operator: 'giulia',
  });

describe('e-mail to the audience list needs a public unsubscribe address', () => {
  it('is refused while the base URL is unset or on this computer, and queued once it is public', async () => {
    onair.ingest.hello({ source: 'test', eventName: 'Launch', scenario: 'guard', startedAt: Date.now(), speed: 1 });
    const incident = await t.invoke('incident.open', { kind: 'audio', title: 'No audio', operator: 'giulia' });

    // An empty list: the e-mail goes to the team's typed extra recipients only (mailto unsubscribe), not refused.
    expect((await send(incident.id, ['email'])).round).toBe(1);

    const preview = await t.invoke('audience.previewImport', { fileName: 'zoom.csv', content: LIST });
    await t.invoke('audience.confirmImport', { previewId: preview.previewId });
    expect((await t.invoke('audience.settings', {})).unsubscribeBaseUrl).toBe('');

    await expect(send(incident.id, ['email'])).rejects.toMatchObject({ error: { code: 'bad-args', message: REASON } });
    await expect(schedule(['email'])).rejects.toMatchObject({ error: { code: 'bad-args', message: REASON } });
    // The other channels are not held back by e-mail's missing address.
    expect((await send(incident.id, ['status-page'])).round).toBe(2);

    for (const local of ['http://127.0.0.1:8080/u', 'http://localhost/unsubscribe', 'http://[::1]/u']) {
      await t.invoke('audience.saveSettings', { unsubscribeBaseUrl: local });
      await expect(send(incident.id, ['email'])).rejects.toMatchObject({
        error: { code: 'bad-args', message: REASON },
      });
      await expect(schedule(['email', 'status-page'])).rejects.toMatchObject({ error: { code: 'bad-args' } });
    }

    await t.invoke('audience.saveSettings', { unsubscribeBaseUrl: 'https://events.example.com/unsubscribe' });
    expect((await send(incident.id, ['email'])).round).toBe(3);
    expect(await schedule(['email'])).toMatchObject({ status: 'scheduled', channels: ['email'] });
    const queued = (await t.invoke('outbox.list', { incidentId: incident.id })).filter((e) => e.channel === 'email');
    expect(queued.map((e) => e.round).sort()).toEqual([1, 3]);
  });
});
