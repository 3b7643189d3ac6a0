/**
 * "Send a test message" on e-mail reaches the team's own extra recipients only, never the audience list; with
 * none typed it says where to put one. Through the contract, against a real SMTP server on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transport } from '../../shared/contract';
import type { Onair } from '../../electron/main/services/onair';
import { startSmtpPeer } from '../support/smtp-peer';
import { onairInProcess } from '../support/onair-in-process';

const REGISTRANTS = [
  'First Name,Last Name,Email,City,Country/Region,Phone,Organization,Job Title,Registration Time,Approval Status',
  'Anna,Rossi,anna@example.com,Milano,Italy,,ACME,,2026-11-20 09:00:00,approved',
  'Ben,Hart,ben@example.com,Leeds,UK,,ACME,,2026-11-20 09:05:00,approved',
  '',
].join('\n');

let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let onair: Onair;
let t: Transport;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  ({ onair, t } = await onairInProcess());
  const preview = await t.invoke('audience.previewImport', { fileName: 'zoom.csv', content: REGISTRANTS });
  await t.invoke('audience.confirmImport', { previewId: preview.previewId });
});
afterAll(async () => {
  await onair.close();
  await smtp.close();
});

const configureEmail = (recipients: string) =>
  t.invoke('channel.configure', {
    channel: 'email',
    enabled: true,
    credentials: {
      host: '127.0.0.1',
      port: String(smtp.port),
      secure: 'false',
      from: 'events@example.com',
      recipients,
    },
  });

describe('Send a test message on e-mail', () => {
  it('says where a test goes when no extra recipient is typed, and sends nothing', async () => {
    await configureEmail('');
    expect(await t.invoke('channel.sendTest', { channel: 'email' })).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/extra recipients.*never to the audience/),
    });
    expect(smtp.inbox).toHaveLength(0);
  });

  it('reaches the extra recipients only, never the audience list', async () => {
    await configureEmail('producer@team.example');
    const r = await t.invoke('channel.sendTest', { channel: 'email' });
    expect(r).toMatchObject({ ok: true });
    // The From address is also the To of a message without the list (its recipients go in Bcc).
    expect(smtp.inbox.flatMap((m) => m.to).sort()).toEqual(['events@example.com', 'producer@team.example']);
    expect(smtp.inbox[0]!.raw).toMatch(/Test message from Onair/);
    // Recorded as the channel's last test, not as a post of any incident.
    expect((await t.invoke('channel.health', {})).find((c) => c.channel === 'email')).toMatchObject({
      lastTest: { ok: true },
    });
    expect(await t.invoke('outbox.list', {})).toEqual([]);
  });
});
