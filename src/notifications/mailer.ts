import nodemailer from 'nodemailer';
import type { Clock } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { emailOutbox } from '../db/schema/index.ts';

export type OutgoingEmail = { workspaceId: string; to: string; subject: string; text: string; html?: string; kind: string };

/** What the SMTP side needs of one outbox row. */
export type SmtpMessage = { to: string; subject: string; text: string; html?: string };

/**
 * E-mail goes through the outbox table first (in the caller's transaction, so a rolled-back change
 * sends nothing). With SMTP_URL set, rows start `pending` and the e-mail sender
 * (`email-sender.ts`, in every worker process) delivers them; without SMTP they stay visible as
 * status `outbox`.
 */
export type Mailer = {
  enqueue(tx: DbOrTx, email: OutgoingEmail): Promise<void>;
  /** The SMTP transport, or null when e-mail stays in the outbox. */
  smtp: { send(message: SmtpMessage): Promise<void>; close(): void } | null;
};

export function createMailer(opts: { smtpUrl?: string; from: string; clock: Clock }): Mailer {
  const smtp = opts.smtpUrl ? smtpTransport(opts.smtpUrl, opts.from) : null;
  return {
    smtp,
    async enqueue(tx, email) {
      await tx.insert(emailOutbox).values({
        workspaceId: email.workspaceId,
        toAddress: email.to,
        subject: email.subject,
        textBody: email.text,
        htmlBody: email.html ?? null,
        kind: email.kind,
        status: smtp ? 'pending' : 'outbox',
        nextAttemptAt: opts.clock.now(),
      });
    },
  };
}

function smtpTransport(url: string, from: string): NonNullable<Mailer['smtp']> {
  // Pooled connections; bounded timeouts so a dead server fails an attempt instead of holding a claim.
  const transport = nodemailer.createTransport({
    url, pool: true, maxConnections: 3, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(m) { await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, ...(m.html ? { html: m.html } : {}) }); },
    close() { transport.close(); },
  };
}
