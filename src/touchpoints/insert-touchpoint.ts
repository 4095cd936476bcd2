import { and, eq } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { flows, touchpoints } from '../db/schema/index.ts';
import { recordTimeline } from '../timeline/record-event.ts';
import { errors, type ErrorPath } from '../http/errors.ts';
import { sanitizeRichText } from '../tasks/rich-text.ts';
import { resolveParticipants } from './participants.ts';
import { resolveTouchpointType } from './types/queries.ts';
import type { TouchpointTypeKey } from './types/builtin.ts';

const FUTURE_SKEW_MS = 5 * 60_000;

export type NewTouchpoint = {
  /** A built-in or an active workspace type's key. */
  type: TouchpointTypeKey;
  subject: string;
  body?: string;
  participantIds?: string[];
  /** Colleagues who took part (users who can see the account). */
  userParticipantIds?: string[];
  flowId?: string | null;
  occurredAt?: string;
  taskId?: string | null;
};

export type TouchpointRow = typeof touchpoints.$inferSelect;

/**
 * Logs an interaction on an account inside the caller's transaction (a standalone touchpoint or a
 * task's post-completion one): the type must be offered in the workspace, participants are contacts
 * of that account and colleagues who can see it, the body is sanitized, and the account timeline gets
 * a `touchpoint` event naming the type and the participants as they are now.
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
  const userParticipantIds = [...new Set(input.userParticipantIds ?? [])];
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : opts.at;
  // A touchpoint records what happened; a little clock skew between browser and server is allowed.
  if (occurredAt.getTime() > opts.at.getTime() + FUTURE_SKEW_MS)
    throw errors.field(at('occurredAt'), 'The date cannot be in the future.');
  const typeLabel = await resolveTouchpointType(tx, actor.workspaceId, input.type, at('type'));
  const participants = await resolveParticipants(
    tx,
    actor.workspaceId,
    accountId,
    { contactIds: participantIds, userIds: userParticipantIds },
    at,
  );
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
      userParticipantIds,
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
      typeLabel,
      subject: row.subject,
      participantIds,
      userParticipantIds,
      participants,
    },
  });
  return row;
}
