// A real SMTP server on loopback for e-mail tests: every message is parsed as MIME (text and HTML
// parts), as the recipient's mail program would; `deliver` sends the outbox to it over SMTP.
import net from 'node:net';
import { eq } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Deps } from '../context.ts';
import { emailOutbox } from '../db/schema/index.ts';
import { createMailer } from '../notifications/mailer.ts';
import { deliverDueMessages } from '../notifications/deliver-outbox.ts';

export async function smtpReceiver() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          cb();
        },
        (err: Error) => cb(err),
      );
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    received,
    port,
    /** Sends every e-mail still in the outbox (tests' deps keep them there) to this server. */
    async deliver(deps: Deps) {
      const mailer = createMailer({
        smtpUrl: `smtp://127.0.0.1:${port}`,
        from: 'Playmaker <pm@example.test>',
        clock: deps.clock,
      });
      await deps.db
        .update(emailOutbox)
        .set({ status: 'pending' })
        .where(eq(emailOutbox.status, 'outbox'));
      try {
        while ((await deliverDueMessages({ ...deps, mailer }, 50)).claimed > 0);
      } finally {
        mailer.smtp?.close();
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** The links of a parsed e-mail's HTML part, in order. */
export const htmlLinks = (mail: ParsedMail): string[] =>
  [...String(mail.html || '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
