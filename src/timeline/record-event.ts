import type { DbOrTx } from '../db/client.ts';
import { timelineEvents } from '../db/schema/index.ts';

/** Timeline event types; the payload of each is documented where it is written. */
export type TimelineType =
  | 'task_created' | 'task_updated' | 'task_reassigned' | 'task_completed' | 'task_deleted'
  | 'touchpoint' | 'attribute_changed' | 'form_submitted' | 'play_fired'
  | 'webhook_succeeded' | 'webhook_failed' | 'celebrate' | 'notify' | 'role_changed'
  | 'account_created' | 'account_updated' | 'contact_created' | 'contact_updated' | 'contact_deleted'
  | 'attachment_added' | 'attachment_deleted' | 'outcome_action_failed';

export type TimelineEntry = {
  workspaceId: string;
  accountId: string | null;
  /** The user whose My Portfolio feed should show this (e.g. the assignee). */
  userId?: string | null;
  actorId?: string | null;
  taskId?: string | null;
  type: TimelineType;
  payload?: Record<string, unknown>;
  at?: Date;
};

/** Appends to the timeline; call inside the transaction of the change it records. */
export async function recordTimeline(tx: DbOrTx, entries: TimelineEntry | TimelineEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await tx.insert(timelineEvents).values(list.map((e) => ({
    workspaceId: e.workspaceId, accountId: e.accountId, userId: e.userId ?? null, actorId: e.actorId ?? null,
    taskId: e.taskId ?? null, type: e.type, payload: e.payload ?? {}, ...(e.at ? { createdAt: e.at } : {}),
  })));
}
