import { z } from 'zod';
import { isIsoDate } from '../accounts/attributes.ts';
import { prioritySchema } from './priority.ts';
import { touchpointTypeField } from '../touchpoints/types/schema.ts';

export const isoDate = z.string().refine(isIsoDate, 'must be a date (YYYY-MM-DD)');
const title = z.string().trim().min(1).max(300);
const richText = z.string().max(100_000);
const outcomeName = z.string().trim().min(1).max(100);

const exactlyOne = (keys: string[]) => (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
  if (keys.filter((k) => v[k] !== undefined).length !== 1)
    ctx.addIssue({ code: 'custom', message: `give exactly one of ${keys.join(', ')}` });
};

/** {userId} | {contactId} | {roleId}: a person, a contact of the account, or an account role. */
export const assigneeIn = z
  .object({
    userId: z.uuid().optional(),
    contactId: z.uuid().optional(),
    roleId: z.uuid().optional(),
  })
  .superRefine(exactlyOne(['userId', 'contactId', 'roleId']));
/** Request-information tasks go to a user or a role only. */
export const infoAssigneeIn = z
  .object({ userId: z.uuid().optional(), roleId: z.uuid().optional() })
  .superRefine(exactlyOne(['userId', 'roleId']));

const todoFields = {
  title,
  description: richText.min(1),
  contactIds: z.array(z.uuid()).max(100).optional(),
  assignee: assigneeIn,
  dueDate: isoDate,
  priority: prioritySchema.default('normal'),
  outcomes: z.array(outcomeName).max(30).optional(),
};

export const createTodoBody = z.object({ accountId: z.uuid(), flowId: z.uuid(), ...todoFields });
export type CreateTodoInput = z.infer<typeof createTodoBody>;

export const followUpBody = z.object({ flowId: z.uuid().optional(), ...todoFields });

export const requestInfoBody = z.object({
  accountId: z.uuid(),
  formId: z.uuid(),
  assignee: infoAssigneeIn,
  dueDate: isoDate,
  flowId: z.uuid(),
  message: richText.optional(),
  priority: prioritySchema.default('normal'),
});
export type RequestInfoInput = z.infer<typeof requestInfoBody>;

export const updateTaskBody = z.object({
  version: z.number().int().min(1).optional(),
  title: title.optional(),
  description: richText.min(1).optional(),
  dueDate: isoDate.optional(),
  assignee: assigneeIn.optional(),
  priority: prioritySchema.optional(),
});
export type UpdateTaskInput = z.infer<typeof updateTaskBody>;

export const touchpointIn = z.object({
  type: touchpointTypeField,
  subject: z.string().trim().min(1).max(300),
  body: richText.default(''),
  participantIds: z.array(z.uuid()).max(100).optional(),
  userParticipantIds: z.array(z.uuid()).max(100).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});

export const completeTaskBody = z.object({
  version: z.number().int().min(1).optional(),
  outcome: outcomeName.optional(),
  touchpoint: touchpointIn.optional(),
  attributeUpdate: z.record(z.string().min(1).max(100), z.unknown()).optional(),
  followUp: followUpBody.optional(),
});
export type CompleteTaskInput = z.infer<typeof completeTaskBody>;

export const submitFormBody = z.object({
  version: z.number().int().min(1).optional(),
  values: z.record(z.string().min(1).max(100), z.unknown()),
});

export const bulkBody = z
  .object({
    action: z.enum(['complete', 'reassign', 'reschedule', 'cancel', 'remind']),
    taskIds: z.array(z.uuid()).min(1).max(1000),
    outcome: outcomeName.optional(),
    /** Complete: the outcome per task, for tasks whose outcomes differ (wins over `outcome`). */
    outcomeByTask: z.record(z.uuid(), outcomeName).optional(),
    assignee: assigneeIn.optional(),
    dueDate: isoDate.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'reassign' && !v.assignee)
      ctx.addIssue({ code: 'custom', path: ['assignee'], message: 'reassign needs an assignee' });
    if (v.action === 'reschedule' && !v.dueDate)
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'reschedule needs a dueDate' });
  });
export type BulkInput = z.infer<typeof bulkBody>;

const uuidText = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const assigneeFilter = z
  .string()
  .refine(
    (s) => new RegExp(`^(me|all|contacts|${uuidText}|team:${uuidText})$`, 'i').test(s),
    'me, all, contacts, a user id or team:<teamId>',
  );
export const dueWindows = [
  'overdue',
  'today',
  'this_week',
  'next_7_days',
  'incomplete',
  'completed',
  'range',
] as const;
/** Sorts a task list offers besides work order (`priority` ascending is work order). */
export const taskSorts = ['due', 'priority', 'title', 'account', 'completedAt'] as const;
export const groupKeys = ['assignee', 'outcome', 'status', 'flow', 'priority', 'account'] as const;

export const taskFiltersQuery = z.object({
  due: z.enum(dueWindows).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  assignee: assigneeFilter.optional(),
  accountId: z.uuid().optional(),
  flowId: z.uuid().optional(),
  priority: prioritySchema.optional(),
  status: z.enum(['open', 'completed', 'all']).optional(),
  playId: z.uuid().optional(),
  outcome: outcomeName.optional(),
  source: z.enum(['manual', 'play', 'template', 'follow_up']).optional(),
  segmentId: z.uuid().optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe(
      "Text search: the task's title or its account's name contains this (case-insensitive)",
    ),
});
const rangeCheck = (v: { due?: string; from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (v.due === 'range' && (!v.from || !v.to))
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'due=range needs from and to' });
  if (v.from && v.to && v.from > v.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
};
const page = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};
export const listTasksQuery = taskFiltersQuery
  .extend({
    groupBy: z.enum(groupKeys).optional(),
    sort: z
      .enum(taskSorts)
      .optional()
      .describe(
        'Omitted: work order (priority, due date, created); completed-only lists: newest completed first. A cursor belongs to its sort and direction',
      ),
    dir: z.enum(['asc', 'desc']).optional().describe('Default asc (completedAt: desc)'),
    include: z
      .enum(['counts'])
      .optional()
      .describe(
        'counts: exact open / overdue / due today / completed totals over the whole filtered set (the due window decides the statuses, not `status`)',
      ),
    ...page,
  })
  .superRefine(rangeCheck);
export const exportTasksQuery = taskFiltersQuery.superRefine(rangeCheck);
export const workListQuery = z.object({
  status: z.enum(['open', 'completed', 'all']).default('open'),
  ...page,
});

// ---- responses ----
const ref = z.object({ id: z.uuid(), name: z.string() });
export const assigneeOut = z.object({
  type: z.enum(['user', 'contact']),
  id: z.uuid(),
  name: z.string(),
  roleId: z.uuid().nullable(),
});

export const taskItem = z.object({
  id: z.uuid(),
  kind: z.enum(['todo', 'request_info']),
  title: z.string(),
  account: ref,
  assignee: assigneeOut,
  dueDate: z.string(),
  priority: prioritySchema,
  status: z.enum(['open', 'completed']),
  overdue: z.boolean(),
  outcome: z.string().nullable(),
  outcomes: z.array(z.string()),
  flow: ref,
  source: z.enum(['manual', 'play', 'template', 'follow_up']),
  playId: z.uuid().nullable(),
  fallbackReason: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type TaskItem = z.infer<typeof taskItem>;

export const taskDetail = taskItem.extend({
  description: z.string(),
  contacts: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable() })),
  assignedBy: ref.nullable(),
  completedBy: ref.nullable(),
  templateId: z.uuid().nullable(),
  /** Play tasks (SPEC §2): the user accountable overall for the task, normally the play's owner; null on other tasks. */
  accountabilityUser: ref.nullable(),
  form: z
    .object({
      id: z.uuid(),
      name: z.string(),
      fields: z.array(
        z.object({ attributeKey: z.string(), label: z.string(), required: z.boolean() }),
      ),
    })
    .nullable(),
  completionRules: z.object({
    touchpointRequired: z.boolean(),
    attributeUpdateRequired: z.object({ key: z.string() }).nullable(),
    automaticAttributeUpdate: z
      .object({ key: z.string(), value: z.unknown(), target: z.enum(['account', 'child', 'both']) })
      .nullable(),
  }),
  /** Hierarchy plays, one task per child: the child that qualified (the task is on its parent); null when none or not visible to the caller. */
  childAccount: ref.nullable(),
  /** A completed task's follow-up (created on completion), while it is not deleted; null otherwise. */
  followUp: ref.nullable(),
  updatedAt: z.string(),
});
export type TaskDetail = z.infer<typeof taskDetail>;

export const taskPage = z.object({
  data: z.array(taskItem),
  nextCursor: z.string().nullable(),
  groups: z
    .array(z.object({ key: z.string().nullable(), label: z.string(), count: z.number().int() }))
    .optional(),
  /** With `include=counts`: exact totals over the whole filtered set (the due window's statuses). */
  counts: z
    .object({
      open: z.number().int(),
      overdue: z.number().int(),
      dueToday: z.number().int(),
      completed: z.number().int(),
    })
    .optional(),
});

export const completeResult = z.object({
  task: taskDetail,
  touchpointId: z.uuid().nullable(),
  followUpTaskId: z.uuid().nullable(),
  attributes: z.record(z.string(), z.unknown()).nullable(),
});

export const bulkResult = z.object({
  results: z.array(
    z.object({
      taskId: z.uuid(),
      ok: z.boolean(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});
