import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../context.ts';
import { emailOutbox } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../http/cursor.ts';

const cursorShape = z.tuple([cursorPart.pgTimestamp, cursorPart.id]);

/** The e-mail outbox, newest first (admin): without SMTP this is where e-mails can be read. */
export async function listOutbox(
  deps: Deps,
  actor: Actor,
  input: { status?: 'pending' | 'sent' | 'failed' | 'outbox'; cursor?: string; limit: number },
) {
  requireRole(actor, 'admin');
  const after = decodeCursor(input.cursor, cursorShape);
  // The cursor keeps the timestamp as PostgreSQL text so microseconds survive the round trip.
  const rows = await deps.db
    .select({ row: emailOutbox, at: sql<string>`${emailOutbox.createdAt}::text` })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.workspaceId, actor.workspaceId),
        input.status ? eq(emailOutbox.status, input.status) : undefined,
        after
          ? sql`(${emailOutbox.createdAt}, ${emailOutbox.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    data: page.map(({ row }) => ({
      id: row.id,
      toAddress: row.toAddress,
      subject: row.subject,
      textBody: row.textBody,
      htmlBody: row.htmlBody,
      kind: row.kind,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      createdAt: row.createdAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.at, last.row.id]) : null,
  };
}
