import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { CompletionRules } from '../../db/schema/index.ts';

/**
 * The columns a task source yields, one row per task to create (every path: manual, template,
 * follow-up, play engine, journeys). Workspace and timestamps come from the write's options.
 */
export const TASK_COLUMNS = [
  'id',
  'account_id',
  'child_account_id',
  'kind',
  'title',
  'description',
  'flow_id',
  'assignee_user_id',
  'assignee_contact_id',
  'assignee_role_id',
  'assigned_by_id',
  'due_date',
  'priority',
  'outcomes',
  'source',
  'play_id',
  'play_action_id',
  'template_id',
  'accountability_user_id',
  'fallback_reason',
  'form_id',
  'completion_rules',
  'dedupe_key',
  'created_by_id',
] as const;

/**
 * The tasks to write, as SQL. `rows` is a SELECT yielding exactly the names of TASK_COLUMNS with
 * their column types (`id` may be `gen_random_uuid()`); it may read the CTEs in `ctes`. A row whose
 * `dedupe_key` is already held by an open task is not inserted (`ON CONFLICT DO NOTHING`), and gets
 * none of the side writes. `contactLinks` yields `(task_id, contact_id)` pairs and may read `ins`,
 * the inserted tasks (`id, account_id, dedupe_key, …`); pairs of tasks not inserted are dropped.
 */
export type TaskSource = {
  /** Common table expressions without `with`, e.g. `tgt as (…), res as (…)`. */
  ctes?: SQL;
  rows: SQL;
  contactLinks?: SQL;
};

/** One task whose values are known in code (manual, template applied by hand, outcome follow-up). */
export type TaskValues = {
  /** Generated when absent; known before the write so links and e-mails can name the task. */
  id?: string;
  accountId: string;
  childAccountId?: string | null;
  kind: 'todo' | 'request_info';
  title: string;
  description: string;
  flowId: string;
  assigneeUserId: string | null;
  assigneeContactId?: string | null;
  assigneeRoleId?: string | null;
  assignedById?: string | null;
  /** YYYY-MM-DD in the workspace time zone. */
  dueDate: string;
  /** 1 high, 2 normal, 3 low. */
  priority: number;
  outcomes: string[];
  source: 'manual' | 'template' | 'play' | 'follow_up';
  playId?: string | null;
  playActionId?: string | null;
  templateId?: string | null;
  accountabilityUserId?: string | null;
  fallbackReason?: string | null;
  formId?: string | null;
  completionRules: CompletionRules;
  dedupeKey?: string | null;
  createdById?: string | null;
  /** Contacts associated with the task. */
  contactIds?: string[];
};

export type KnownTask = TaskValues & { id: string };

/** Gives every row its id (so callers can refer to a task before it is written). */
export const withIds = <T extends TaskValues>(rows: T[]): Array<T & { id: string }> =>
  rows.map((r) => ({ ...r, id: r.id ?? randomUUID() }));

const recordType =
  sql.raw(`id uuid, account_id uuid, child_account_id uuid, kind text, title text, description text,
  flow_id uuid, assignee_user_id uuid, assignee_contact_id uuid, assignee_role_id uuid, assigned_by_id uuid,
  due_date date, priority smallint, outcomes text[], source text, play_id uuid, play_action_id text, template_id uuid,
  accountability_user_id uuid, fallback_reason text, form_id uuid, completion_rules jsonb, dedupe_key text, created_by_id uuid`);

/**
 * Rows known in code as a TaskSource: ONE jsonb parameter however many rows (no parameter limit),
 * and their contact links as another.
 */
export function valuesSource(rows: KnownTask[]): TaskSource {
  const records = rows.map((r) => ({
    id: r.id,
    account_id: r.accountId,
    child_account_id: r.childAccountId ?? null,
    kind: r.kind,
    title: r.title,
    description: r.description,
    flow_id: r.flowId,
    assignee_user_id: r.assigneeUserId,
    assignee_contact_id: r.assigneeContactId ?? null,
    assignee_role_id: r.assigneeRoleId ?? null,
    assigned_by_id: r.assignedById ?? null,
    due_date: r.dueDate,
    priority: r.priority,
    outcomes: r.outcomes,
    source: r.source,
    play_id: r.playId ?? null,
    play_action_id: r.playActionId ?? null,
    template_id: r.templateId ?? null,
    accountability_user_id: r.accountabilityUserId ?? null,
    fallback_reason: r.fallbackReason ?? null,
    form_id: r.formId ?? null,
    completion_rules: r.completionRules,
    dedupe_key: r.dedupeKey ?? null,
    created_by_id: r.createdById ?? null,
  }));
  const links = rows.flatMap((r) =>
    [...new Set(r.contactIds ?? [])].map((c) => ({ task_id: r.id, contact_id: c })),
  );
  return {
    rows: sql`select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as v(${recordType})`,
    contactLinks: links.length
      ? sql`select l.task_id, l.contact_id from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as l(task_id uuid, contact_id uuid)`
      : undefined,
  };
}
