import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { contacts, flows, touchpoints } from '../db/schema/index.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { errors, type ErrorPath } from '../http/errors.ts';
import { sanitizeRichText } from '../tasks/rich-text.ts';
import { contactName } from '../tasks/assignee.ts';
import type { PersonRef } from '../timeline/events.ts';

const FUTURE_SKEW_MS = 5 * 60_000;

export type NewTouchpoint = {
  type: 'email' | 'call' | 'meeting' | 'note';
  subject: string;
  body?: string;
  participantIds?: string[];
  flowId?: string | null;
  occurredAt?: string;
  taskId?: string | null;
};

export type TouchpointRow = typeof touchpoints.$inferSelect;

/**
 * Logs an interaction on an account inside the caller's transaction (a standalone touchpoint or a
 * task's post-completion one): participants must be contacts of that account, the body is
 * sanitized, and the account timeline gets a `touchpoint` event.
 */
export async function insertTouchpoint(
  tx: DbOrTx,
  actor: Actor,
  accountId: string,
  input: NewTouchpoint,
  opts: { at: Date; path?: ErrorPath },
): Promise<TouchpointRow> {
  const at = (f: string): ErrorPath => `${opts.path ?? 'body'}.${f}`;
  const participantIds = [...new Set(input.participantIds ?? [])];
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : opts.at;
  // A touchpoint records what happened; a little clock skew between browser and server is allowed.
  if (occurredAt.getTime() > opts.at.getTime() + FUTURE_SKEW_MS)
    throw errors.field(at('occurredAt'), 'The date cannot be in the future.');
  let participants: PersonRef[] = [];
  if (participantIds.length) {
    const found = await tx
      .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName })
      .from(contacts)
      .where(
        and(
          inArray(contacts.id, participantIds),
          eq(contacts.workspaceId, actor.workspaceId),
          eq(contacts.accountId, accountId),
        ),
      );
    const ok = new Set(found.map((c) => c.id));
    const bad = participantIds.flatMap((id, i) =>
      ok.has(id)
        ? []
        : [{ path: at(`participantIds.${i}`), message: 'not a contact of this account' }],
    );
    if (bad.length) throw errors.validation(bad);
    const byId = new Map(found.map((c) => [c.id, c]));
    participants = participantIds.map((id) => ({
      type: 'contact' as const,
      id,
      name: contactName(byId.get(id)!),
    }));
  }
  if (input.flowId) {
    const [flow] = await tx
      .select({ id: flows.id })
      .from(flows)
      .where(and(eq(flows.id, input.flowId), eq(flows.workspaceId, actor.workspaceId)));
    if (!flow) throw errors.field(at('flowId'), 'No such flow in this workspace.');
  }
  const [row] = await tx
    .insert(touchpoints)
    .values({
      workspaceId: actor.workspaceId,
      accountId,
      type: input.type,
      subject: input.subject,
      body: sanitizeRichText(input.body ?? ''),
      participantIds,
      flowId: input.flowId ?? null,
      taskId: input.taskId ?? null,
      occurredAt,
      createdById: actor.userId,
      createdAt: opts.at,
    })
    .returning();
  if (!row) throw new Error('touchpoint insert returned nothing');
  await recordTimeline(tx, {
    workspaceId: actor.workspaceId,
    accountId,
    userId: actor.userId,
    actorId: actor.userId,
    taskId: row.taskId,
    type: 'touchpoint',
    at: opts.at,
    payload: {
      touchpointId: row.id,
      type: row.type,
      subject: row.subject,
      participantIds,
      participants,
    },
  });
  return row;
}
