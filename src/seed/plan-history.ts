import { randomUUID } from 'node:crypto';
import type { tasks, timelineEvents, touchpoints } from '../db/schema/index.ts';
import type { PlannedTask } from './plan-tasks.ts';
import type { TimelineEvent } from '../timeline/events.ts';
import type { Rng } from './random.ts';
import { flowContent } from './task-content.ts';
import { priorityName } from '../tasks/priority.ts';

type TouchpointRow = typeof touchpoints.$inferInsert;
// Payloads typed by the one timeline union, so demo entries read like real ones.
export type TimelineRow = Omit<typeof timelineEvents.$inferInsert, 'type' | 'payload'> &
  TimelineEvent & { createdAt: Date };

type CompletedTask = Pick<
  typeof tasks.$inferInsert,
  'id' | 'accountId' | 'assigneeUserId' | 'completedById' | 'title' | 'kind' | 'outcome'
> & { completedAt: Date };

/** A completed task's timeline entry, as the completion use case records it. */
export const completedEntry = (ws: string, t: CompletedTask): TimelineRow => ({
  workspaceId: ws,
  accountId: t.accountId,
  taskId: t.id,
  userId: t.assigneeUserId ?? null,
  actorId: t.completedById ?? null,
  type: 'task_completed',
  createdAt: t.completedAt,
  payload: { title: t.title, kind: t.kind ?? 'todo', outcome: t.outcome ?? null },
});

/**
 * What the task history left behind: a touchpoint logged on completion for about a third of completed
 * to-dos, and the timeline entries (created, completed, form submitted, touchpoint, deleted) in time order.
 */
export function planHistory(
  rng: Rng,
  ws: string,
  planned: PlannedTask[],
): { touchpoints: TouchpointRow[]; timeline: TimelineRow[] } {
  const touchRows: TouchpointRow[] = [];
  const timeline: TimelineRow[] = [];
  for (const { row, contactIds, flow, form, account, assignee } of planned) {
    const base = {
      workspaceId: ws,
      accountId: row.accountId,
      taskId: row.id,
      userId: row.assigneeUserId ?? null,
    };
    // Payloads match what the task use cases record, so the timeline reads the same for demo and real work.
    timeline.push({
      ...base,
      actorId: row.createdById ?? null,
      type: 'task_created',
      createdAt: row.createdAt,
      payload: {
        title: row.title,
        kind: row.kind,
        source: row.source ?? 'manual',
        assignee,
        dueDate: row.dueDate,
        priority: priorityName(row.priority),
      },
    });
    if (row.status === 'deleted' && row.deletedAt) {
      timeline.push({
        ...base,
        actorId: row.createdById ?? null,
        type: 'task_deleted',
        createdAt: row.deletedAt,
        payload: { title: row.title },
      });
    }
    if (row.status !== 'completed' || !row.completedAt) continue;
    timeline.push(completedEntry(ws, { ...row, completedAt: row.completedAt }));
    if (form) {
      // The submitted values are what the account holds now for the form's fields.
      const values = Object.fromEntries(
        form.fields
          .filter((f) => f.attributeKey in account.attributes)
          .map((f) => [f.attributeKey, account.attributes[f.attributeKey]]),
      );
      timeline.push({
        ...base,
        actorId: row.completedById ?? null,
        type: 'form_submitted',
        createdAt: row.completedAt,
        payload: { formId: form.id, formName: form.name, values },
      });
    }
    if (row.kind !== 'todo' || !rng.chance(0.35)) continue;
    const touchpoint: TouchpointRow = {
      id: randomUUID(),
      workspaceId: ws,
      accountId: row.accountId,
      type: rng.pick(flowContent[flow].touchpoints),
      subject: row.title,
      body: `<p>${row.outcome ? `Outcome: ${row.outcome}. ` : ''}Summary shared with the account team.</p>`,
      participantIds: contactIds,
      flowId: row.flowId,
      taskId: row.id,
      occurredAt: row.completedAt,
      createdById: row.completedById ?? null,
      createdAt: row.completedAt,
    };
    touchRows.push(touchpoint);
    timeline.push({
      ...base,
      userId: row.completedById ?? null,
      actorId: row.completedById ?? null,
      type: 'touchpoint',
      createdAt: row.completedAt,
      payload: {
        touchpointId: touchpoint.id!,
        type: touchpoint.type,
        subject: touchpoint.subject,
        participantIds: contactIds,
      },
    });
  }
  // Timeline ids are read as "newer = larger", so insert in time order.
  timeline.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return { touchpoints: touchRows, timeline };
}
