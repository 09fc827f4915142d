import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface Received {
  mail: ParsedMail;
  /** RCPT TO addresses, as the server saw them. */
  to: string[];
}

/**
 * A real SMTP server on 127.0.0.1 (the smtp-server package) that parses and keeps every message it
 * accepts: the protocol peer Parley's mail sender talks to in tests. It offers STARTTLS with the
 * package's self-signed certificate; with `auth` it requires that login.
 */
export async function startSmtpPeer(opts: { auth?: { user: string; pass: string } } = {}) {
  const received: Received[] = [];
  let notify: () => void = () => undefined;
  const server = new SMTPServer({
    logger: false,
    authOptional: !opts.auth,
    onAuth(auth, _session, callback) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass)
        callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ mail, to: session.envelope.rcptTo.map((r) => r.address) });
          notify();
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;

  /** Resolves with the first message to `address`, waiting up to `timeoutMs` for it to arrive. */
  async function waitFor(address: string, timeoutMs = 5000): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = received.find((r) => r.to.includes(address));
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        notify = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  return {
    port,
    received,
    waitFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
