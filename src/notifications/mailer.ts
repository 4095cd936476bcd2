import nodemailer from 'nodemailer';
import type { Clock } from '../clock.ts';
import type { DbOrTx } from '../db/client.ts';
import { emailOutbox } from '../db/schema/index.ts';

export type OutgoingEmail = {
  workspaceId: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
};

/** What the SMTP side needs of one outbox row. */
export type SmtpMessage = { to: string; subject: string; text: string; html?: string };

/**
 * E-mail goes through the outbox table first (in the caller's transaction, so a rolled-back change
 * sends nothing). With SMTP_URL set, rows start `pending` and the e-mail sender
 * (`outbox-sender.ts`, in every worker process) delivers them; without SMTP they stay visible as
 * status `outbox`.
 */
export type Mailer = {
  enqueue(tx: DbOrTx, email: OutgoingEmail): Promise<void>;
  /** Many e-mails in one insert per 5,000 (a play firing for a chunk of targets). */
  enqueueMany(tx: DbOrTx, emails: OutgoingEmail[]): Promise<void>;
  /** A text message to a phone number, through the same outbox (kind `sms`). */
  enqueueSms(tx: DbOrTx, sms: { workspaceId: string; to: string; text: string }): Promise<void>;
  /** The SMTP transport, or null when e-mail stays in the outbox. */
  smtp: { send(message: SmtpMessage): Promise<void>; close(): void } | null;
  /** The SMS gateway, or null when text messages stay in the outbox. */
  sms: { send(message: { to: string; text: string }): Promise<void> } | null;
};

export function createMailer(opts: {
  smtpUrl?: string;
  from: string;
  clock: Clock;
  sms?: { url?: string; token?: string };
}): Mailer {
  const smtp = opts.smtpUrl ? smtpTransport(opts.smtpUrl, opts.from) : null;
  const sms = opts.sms?.url ? smsGateway(opts.sms.url, opts.sms.token) : null;
  const enqueueMany: Mailer['enqueueMany'] = async (tx, emails) => {
    const now = opts.clock.now();
    const rows = emails.map((email) => ({
      workspaceId: email.workspaceId,
      toAddress: email.to,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html ?? null,
      kind: email.kind,
      status: smtp ? ('pending' as const) : ('outbox' as const),
      nextAttemptAt: now,
    }));
    // 8 parameters a row: 5,000 rows stay under PostgreSQL's 65,535 parameters per statement.
    for (let i = 0; i < rows.length; i += 5000)
      await tx.insert(emailOutbox).values(rows.slice(i, i + 5000));
  };
  return {
    smtp,
    sms,
    async enqueueSms(tx, m) {
      await tx.insert(emailOutbox).values({
        workspaceId: m.workspaceId,
        toAddress: m.to,
        subject: m.text.slice(0, 200),
        textBody: m.text,
        kind: 'sms',
        status: sms ? 'pending' : 'outbox',
        nextAttemptAt: opts.clock.now(),
      });
    },
    enqueue: (tx, email) => enqueueMany(tx, [email]),
    enqueueMany,
  };
}

function smtpTransport(url: string, from: string): NonNullable<Mailer['smtp']> {
  // Pooled connections; bounded timeouts so a dead server fails an attempt instead of holding a claim.
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 3,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(m) {
      await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        ...(m.html ? { html: m.html } : {}),
      });
    },
    close() {
      transport.close();
    },
  };
}

/** Thrown for answers that retrying will not fix (4xx other than 408/429). */
export class PermanentDeliveryError extends Error {}

function smsGateway(url: string, token?: string): NonNullable<Mailer['sms']> {
  return {
    async send(m) {
      const res = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ to: m.to, text: m.text }),
      });
      const answer = (await res.text()).slice(0, 300);
      if (res.status >= 200 && res.status < 300) return;
      const message = `SMS gateway answered ${res.status}${answer ? `: ${answer}` : ''}`;
      throw res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429
        ? new PermanentDeliveryError(message)
        : new Error(message);
    },
  };
}
