import type { DbOrTx } from '../db/client.ts';
import { timelineEvents } from '../db/schema/index.ts';
import type { TimelineEvent } from './events.ts';

export type { TimelineEvent, TimelineKind, TimelinePayloads } from './events.ts';

/** Where and for whom an event is recorded, plus the typed event itself (`type` + its `payload`). */
export type TimelineEntry = {
  workspaceId: string;
  accountId: string | null;
  /** The user whose My Portfolio feed should show this (e.g. the assignee). */
  userId?: string | null;
  actorId?: string | null;
  taskId?: string | null;
  at?: Date;
} & TimelineEvent;

/** Appends to the timeline; call inside the transaction of the change it records. */
export async function recordTimeline(
  tx: DbOrTx,
  entries: TimelineEntry | TimelineEntry[],
): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await tx.insert(timelineEvents).values(
    list.map((e) => ({
      workspaceId: e.workspaceId,
      accountId: e.accountId,
      userId: e.userId ?? null,
      actorId: e.actorId ?? null,
      taskId: e.taskId ?? null,
      type: e.type,
      payload: e.payload as Record<string, unknown>,
      ...(e.at ? { createdAt: e.at } : {}),
    })),
  );
}
