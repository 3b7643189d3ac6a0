/**
 * E-mail to a long attendee list goes out in batches. When the SMTP server refuses one batch half-way,
 * the outbox retries and only the missing batches are sent: every attendee gets the update exactly once.
 */
import { describe, expect, it } from 'vitest';
import { startSmtpPeer } from '../../../../tests/support/smtp-peer';
import { outboxTestScope } from './outbox-test-kit';

const { cleanup, kit } = outboxTestScope();

describe('e-mail in batches through the outbox', () => {
  it('sends only the missing batches after a failure half-way', async () => {
    let messages = 0;
    const smtp = await startSmtpPeer({
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (++messages === 2) return callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
          smtp.inbox.push({
            from: '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    cleanup.push(() => smtp.close());
    const attendees = Array.from({ length: 120 }, (_, i) => `attendee${i}@example.com`);
    const k = kit({
      creds: {
        email: {
          host: '127.0.0.1',
          port: String(smtp.port),
          from: 'events@example.com',
          recipients: attendees.join(', '),
          batchSize: '50',
        },
      },
    });

    const retrying = k.changes.next((e) => e.status === 'queued' && e.attempts === 1, 'the 451 on batch 2');
    await k.outbox.start();
    const [entry] = await k.outbox.enqueue([k.draft('email')]);
    expect((await retrying).lastError).toMatch(/451/);
    expect(k.repo.partsDone(entry.id)).toHaveLength(1);

    const sent = k.changes.next((e) => e.status === 'sent', 'delivery');
    k.clock.advance(2000);
    expect((await sent).receiptDetail).toMatch(
      /^70 of 70 attendees accepted in 3 messages; 50 had it from an earlier attempt/,
    );

    const received = smtp.inbox.flatMap((m) => m.to).filter((a) => a !== 'events@example.com');
    expect(received.sort()).toEqual([...attendees].sort()); // everyone once, nobody twice
    expect(smtp.inbox.map((m) => m.to.length - 1)).toEqual([50, 50, 20]);
    expect(k.repo.partsDone(entry.id)).toHaveLength(3);
  });
});
