/**
 * The rehearsal guarantee, against real peers: with e-mail pointed at an SMTP server and Slack at an HTTP
 * server, a rehearsal's posts reach neither (nor the status page's folder); they are delivered to the sandbox.
 * A live post through the same outbox still arrives.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpPeer } from '../../../../tests/support/smtp-peer';
import type { SessionId } from '../../../../shared/types';
import { sessionsRepo } from '../db/sessions-repo';
import { outboxTestScope, T0 } from './outbox-test-kit';

const { peer, kit } = outboxTestScope();
let smtp: Awaited<ReturnType<typeof startSmtpPeer>> | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

async function wired() {
  smtp = await startSmtpPeer();
  const slack = await peer([{ status: 200, body: 'ok' }]);
  const k = kit({
    creds: {
      email: {
        host: '127.0.0.1',
        port: String(smtp.port),
        secure: 'false',
        from: 'events@example.com',
        recipients: 'ada@example.com',
      },
      slack: { webhookUrl: `${slack.url}/services/T/B/secret` },
      'status-page': {},
    },
  });
  const sessions = sessionsRepo(k.db);
  const session = (id: string, rehearsal: boolean) =>
    sessions.upsert({
      id: id as SessionId,
      eventName: 'Spring Launch',
      sourceUrl: 'http://127.0.0.1:1',
      startedAt: T0,
      speed: 1,
      truth: [],
      rehearsal,
    });
  return { k, slack, smtp, session };
}

describe('a rehearsal in the outbox', () => {
  it('never reaches the SMTP server, Slack or the status page: every post is delivered to the sandbox', async () => {
    const { k, slack, smtp, session } = await wired();
    session('rehearsal-1', true);
    await k.outbox.start();
    const channels = ['email', 'slack', 'status-page', 'x'] as const; // x is not even configured
    const drafts = channels.map((c) => k.draft(c, { sessionId: 'rehearsal-1', idempotencyKey: `r:${c}` }));
    const done = Promise.all(channels.map((c) => k.changes.next((e) => e.channel === c && e.status === 'sent', c)));
    await k.outbox.enqueue(drafts);
    const sent = await done;
    for (const e of sent)
      expect(e).toMatchObject({
        rehearsal: true,
        remoteId: 'sandbox',
        receiptDetail: expect.stringMatching(/^Rehearsal: not sent/),
        attempts: 1,
        text: 'We hear you: the audio dropped. Update within 5 minutes.',
      });
    expect(smtp.inbox).toEqual([]);
    expect(slack.requests).toEqual([]);
    expect(existsSync(join(k.dir, 'status'))).toBe(false);
  });

  it('keeps a post its caller marked as a rehearsal in the sandbox too, whatever its session', async () => {
    const { k, slack } = await wired();
    await k.outbox.start();
    const sent = k.changes.next((e) => e.status === 'sent');
    await k.outbox.enqueue([k.draft('slack', { sessionId: 'unknown', rehearsal: true })]);
    expect(await sent).toMatchObject({ rehearsal: true, remoteId: 'sandbox' });
    expect(slack.requests).toEqual([]);
  });

  it('still delivers a live post to the same peers', async () => {
    const { k, slack, smtp, session } = await wired();
    session('live-1', false);
    await k.outbox.start();
    const done = Promise.all(
      ['email', 'slack'].map((c) => k.changes.next((e) => e.channel === c && e.status === 'sent', c)),
    );
    await k.outbox.enqueue([k.draft('email', { sessionId: 'live-1' }), k.draft('slack', { sessionId: 'live-1' })]);
    const sent = await done;
    expect(sent.map((e) => e.rehearsal)).toEqual([undefined, undefined]);
    expect(smtp.inbox).toHaveLength(1);
    expect(smtp.inbox[0].to).toContain('ada@example.com');
    expect(slack.requests).toHaveLength(1);
  });

  it('takes a rehearsal post cut off by a restart into the sandbox again, not to the operator', async () => {
    const { k, slack, session } = await wired();
    session('rehearsal-2', true);
    const [{ entry }] = k.repo.insertMany([
      { ...k.draft('slack', { sessionId: 'rehearsal-2' }), nextAttemptAt: T0, createdAt: T0 },
    ]);
    expect(k.repo.claim(entry.id, T0)).toBe(true); // a crash left it 'sending'
    const sent = k.changes.next((e) => e.status === 'sent');
    await k.outbox.start();
    expect(await sent).toMatchObject({ id: entry.id, rehearsal: true, remoteId: 'sandbox' });
    expect(slack.requests).toEqual([]);
  });
});
