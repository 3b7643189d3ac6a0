/**
 * A real in-process SMTP server on 127.0.0.1:0 (no TLS, auth optional) that keeps every message it accepts.
 *
 * `reply` decides the answer to each message's end-of-data dot: 'ok' (250), a refusal `{ code, message }`,
 * 'hang' (never answer), 'close' (drop the connection instead of answering), or a promise of one of those,
 * which holds the answer until the test settles it (a slow server without a real wait). A message that was
 * not refused is in `inbox` from the moment its dot arrives: the server has it, whether or not the client
 * ever hears back, which is the case that makes a resend a duplicate.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export type SmtpReply = 'ok' | 'hang' | 'close' | { code: number; message: string };

export interface SmtpPeerOptions {
  /** The answer to the n-th message (0-based); 'ok' when absent. */
  reply?: (mail: ReceivedMail, n: number) => SmtpReply | Promise<SmtpReply>;
}

export async function startSmtpPeer(over: Partial<SMTPServerOptions> = {}, opts: SmtpPeerOptions = {}) {
  const inbox: ReceivedMail[] = [];
  let n = 0;
  const server: SMTPServer = new SMTPServer({
    secure: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 50, // held sessions must not keep close() waiting for the default 30 s
    disableReverseLookup: true, // a reverse DNS lookup of 127.0.0.1 per connection costs more than the test
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        };
        inbox.push(mail);
        const answer = (r: SmtpReply) => {
          if (typeof r === 'object') {
            inbox.splice(inbox.indexOf(mail), 1); // refused: the server did not take it
            return callback(Object.assign(new Error(r.message), { responseCode: r.code }));
          }
          if (r === 'ok') return callback();
          if (r === 'close') for (const c of server.connections) if (c.id === session.id) c.close();
        };
        const r = opts.reply?.(mail, n++) ?? 'ok';
        if (r instanceof Promise) void r.then(answer);
        else answer(r);
      });
    },
    ...over,
  });
  // A client killed mid-transaction resets its connection; smtp-server reports that as a server error.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    inbox,
    close: () =>
      new Promise<void>((r) => {
        for (const c of server.connections) c.close();
        server.close(() => r());
      }),
  };
}
