import nodemailer from 'nodemailer';
import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { emailOutbox } from '../db/schema/index.ts';

export type OutgoingEmail = { workspaceId: string; to: string; subject: string; text: string; html?: string; kind: string };

/**
 * E-mail goes through the outbox table first (in the caller's transaction, so a rolled-back change
 * sends nothing); `flush` then delivers pending rows over SMTP when SMTP_URL is set. Without SMTP
 * the rows stay visible as status `outbox`.
 */
export type Mailer = {
  enqueue(tx: DbOrTx, email: OutgoingEmail): Promise<void>;
  flush(db: Db): Promise<number>;
};

export function createMailer(opts: { smtpUrl?: string; from: string }): Mailer {
  const transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  return {
    async enqueue(tx, email) {
      await tx.insert(emailOutbox).values({
        workspaceId: email.workspaceId,
        toAddress: email.to,
        subject: email.subject,
        textBody: email.text,
        htmlBody: email.html ?? null,
        kind: email.kind,
        status: transport ? 'pending' : 'outbox',
      });
    },
    async flush(db) {
      if (!transport) return 0;
      const pending = await db.select().from(emailOutbox).where(eq(emailOutbox.status, 'pending')).limit(100);
      let sent = 0;
      for (const row of pending) {
        try {
          await transport.sendMail({ from: opts.from, to: row.toAddress, subject: row.subject, text: row.textBody, html: row.htmlBody ?? undefined });
          await db.update(emailOutbox).set({ status: 'sent', sentAt: new Date(), attempts: row.attempts + 1 }).where(eq(emailOutbox.id, row.id));
          sent++;
        } catch (err) {
          const attempts = row.attempts + 1;
          await db.update(emailOutbox)
            .set({ attempts, lastError: String(err), status: attempts >= 5 ? 'failed' : 'pending' })
            .where(eq(emailOutbox.id, row.id));
        }
      }
      return sent;
    },
  };
}
