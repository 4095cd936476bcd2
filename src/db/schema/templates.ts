import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { flows, forms, tasks, type CompletionRules } from './work.ts';
import { users, workspaces } from './workspace.ts';

/** A reusable task definition (SPEC §3, ONTRAPORT "message"); JSON columns are validated by templates/schema.ts. */
export const taskTemplates = pgTable(
  'task_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    dueOffsetDays: integer('due_offset_days').notNull(),
    /** Whether due_offset_days counts calendar days or working days (SPEC §14). */
    dueOffsetUnit: text('due_offset_unit', { enum: ['days', 'working_days'] })
      .notNull()
      .default('days'),
    priority: smallint('priority').notNull().default(2),
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id),
    assigneeRule: jsonb('assignee_rule').$type<unknown>().notNull(),
    outcomes: jsonb('outcomes').$type<unknown[]>().notNull().default([]),
    notificationRules: jsonb('notification_rules').$type<unknown[]>().notNull().default([]),
    completionRules: jsonb('completion_rules').$type<CompletionRules>().notNull().default({}),
    formId: uuid('form_id').references(() => forms.id),
    version: integer('version').notNull().default(1),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Soft delete: tasks made from it still need its outcome actions. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    check('task_templates_due_offset_check', sql`${t.dueOffsetDays} >= 1`),
    check(
      'task_templates_due_offset_unit_check',
      sql`${t.dueOffsetUnit} in ('days', 'working_days')`,
    ),
    check('task_templates_priority_check', sql`${t.priority} in (1, 2, 3)`),
    uniqueIndex('task_templates_name_key')
      .on(t.workspaceId, t.name)
      .where(sql`${t.deletedAt} is null`),
  ],
);

/** One row per (task, notification rule) sent: the unique key makes each reminder go out once. */
export const taskNotificationsSent = pgTable(
  'task_notifications_sent',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    ruleKey: text('rule_key').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.ruleKey] }),
    index('task_notifications_sent_ws_idx').on(t.workspaceId),
  ],
);
