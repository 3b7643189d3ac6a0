import type { SMTPServerOptions } from 'smtp-server';
import { startSmtpPeer } from '../../../../tests/support/smtp-peer';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError } from './channel-adapter';
import { createEmailAdapter, messageIdFor } from './email';
import { makePost, SECRET } from './test-support/fixtures';

let peer: Awaited<ReturnType<typeof startSmtpPeer>> | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

/** A real SMTP server on 127.0.0.1:0 (no TLS, auth optional) that collects every message it accepts. */
async function startSmtp(over: Partial<SMTPServerOptions> = {}) {
  peer = await startSmtpPeer(over);
  return peer;
}

/** Enough of RFC 2045 quoted-printable for an ASCII text body. */
const decodeQuotedPrintable = (s: string) =>
  s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

const header = (raw: string, name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1];

describe('email over SMTP', () => {
  it('sends one message with every attendee in BCC, subject, body, link and idempotency headers', async () => {
    let authed = '';
    const { port, inbox } = await startSmtp({
      onAuth(auth, _session, cb) {
        authed = `${auth.username}:${auth.password}`;
        cb(null, { user: auth.username });
      },
    });
    const creds = {
      host: '127.0.0.1',
      port: String(port),
      secure: 'false',
      user: 'producer',
      pass: SECRET,
      from: 'Onair Events <events@example.com>',
      recipients: 'ann@example.org, bob@example.net,carl@example.com',
    };
    const post = makePost('email');
    const receipt = await createEmailAdapter().send(post, creds);

    expect(authed).toBe(`producer:${SECRET}`);
    expect(inbox).toHaveLength(1);
    const [mail] = inbox;
    expect(mail.from).toBe('events@example.com');
    expect(mail.to.sort()).toEqual(['ann@example.org', 'bob@example.net', 'carl@example.com', 'events@example.com']);
    expect(header(mail.raw, 'To')).toBe('Onair Events <events@example.com>');
    expect(header(mail.raw, 'Bcc')).toBeUndefined(); // attendees do not see each other
    expect(header(mail.raw, 'Subject')).toBe('Audio problem on the main stage');
    expect(header(mail.raw, 'X-Onair-Idempotency-Key')).toBe(post.idempotencyKey);
    expect(header(mail.raw, 'Message-ID')).toBe(messageIdFor(post.idempotencyKey, creds.from));
    const body = decodeQuotedPrintable(
      mail.raw
        .split(/\r?\n\r?\n/)
        .slice(1)
        .join('\n\n'),
    );
    expect(body).toContain('We hear you: the audio dropped.');
    expect(body).toContain('https://status.example.com/live?e=1&x=2');
    expect(receipt).toMatchObject({ channel: 'email', remoteId: messageIdFor(post.idempotencyKey, creds.from) });
    expect(receipt.detail).toMatch(/^3 of 3 attendees accepted; 250/); // the From address (also the To) is not an attendee
    expect(JSON.stringify(receipt)).not.toContain(SECRET);
  });

  it('the Message-ID is stable per idempotency key, so a retried send is recognisable', () => {
    expect(messageIdFor('k1', 'a@example.com')).toBe(messageIdFor('k1', 'a@example.com'));
    expect(messageIdFor('k1', 'a@example.com')).not.toBe(messageIdFor('k2', 'a@example.com'));
    expect(messageIdFor('k1', 'Events <a@example.com>')).toMatch(/^<onair\.[0-9a-f]{32}@example\.com>$/);
  });

  it('rejected credentials (535) are not retryable and the password never appears', async () => {
    const { port } = await startSmtp({ onAuth: (_a, _s, cb) => cb(new Error('Authentication failed')) });
    const creds = {
      host: '127.0.0.1',
      port: String(port),
      user: 'producer',
      pass: SECRET,
      from: 'a@example.com',
      recipients: 'b@example.com',
    };
    const err = (await createEmailAdapter()
      .send(makePost('email'), creds)
      .catch((e: unknown) => e)) as ChannelError;
    expect(err).toBeInstanceOf(ChannelError);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('EAUTH');
    expect(`${err.message}${err.stack}`).not.toContain(SECRET);
    expect((await createEmailAdapter().testConnection(creds)).ok).toBe(false);
  });

  it('a temporary 4xx refusal is retryable, a 5xx is not', async () => {
    let code = 451;
    const { port } = await startSmtp({
      onMailFrom(_addr, _session, cb) {
        cb(Object.assign(new Error('try later'), { responseCode: code }));
      },
    });
    const creds = { host: '127.0.0.1', port: String(port), from: 'a@example.com', recipients: 'b@example.com' };
    await expect(createEmailAdapter().send(makePost('email'), creds)).rejects.toMatchObject({
      retryable: true,
      status: 451,
    });
    code = 550;
    await expect(createEmailAdapter().send(makePost('email'), creds)).rejects.toMatchObject({
      retryable: false,
      status: 550,
    });
  });

  it('no SMTP server listening is retryable; no recipients is not', async () => {
    const { port } = await startSmtp();
    await peer!.close();
    peer = undefined;
    const creds = { host: '127.0.0.1', port: String(port), from: 'a@example.com', recipients: 'b@example.com' };
    await expect(createEmailAdapter({ timeoutMs: 2000 }).send(makePost('email'), creds)).rejects.toMatchObject({
      retryable: true,
    });
    await expect(createEmailAdapter().send(makePost('email'), { ...creds, recipients: ' , ' })).rejects.toMatchObject({
      retryable: false,
    });
  });

  it('a connection lost after the end-of-data dot is an unknown outcome, never a plain retry', async () => {
    peer = await startSmtpPeer({}, { reply: () => 'close' });
    const creds = { host: '127.0.0.1', port: String(peer.port), from: 'a@example.com', recipients: 'b@example.com' };
    const err = (await createEmailAdapter()
      .send(makePost('email'), creds)
      .catch((e: unknown) => e)) as ChannelError;
    expect(err).toMatchObject({ maybeDelivered: true });
    expect(err.message).toMatch(/^email: 0 of 0 attendees accepted; outcome unknown for the message: /);
    expect(peer.inbox).toHaveLength(1); // the server has it
  });

  it('testConnection verifies the transport', async () => {
    const { port, inbox } = await startSmtp();
    const res = await createEmailAdapter().testConnection({
      host: '127.0.0.1',
      port: String(port),
      from: 'a@example.com',
      recipients: 'b@x.org,c@x.org',
    });
    expect(res).toEqual({ ok: true, detail: `SMTP 127.0.0.1:${port} ready; 2 attendees configured` });
    expect(inbox).toHaveLength(0);
  });
});
