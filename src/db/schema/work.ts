import {
  bigserial,
  check,
  date,
  foreignKey,
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
import { accountRoles, accounts, contacts } from './accounts.ts';
import { users, workspaces } from './workspace.ts';

export const flows = pgTable(
  'flows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('flows_name_key').on(t.workspaceId, t.name)],
);

export type FormField = { attributeKey: string; label: string; required: boolean };

export const forms = pgTable(
  'forms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    accountType: text('account_type').notNull(),
    fields: jsonb('fields').$type<FormField[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('forms_name_key').on(t.workspaceId, t.name)],
);

/** Post-completion rules a play or template puts on a task. */
export type CompletionRules = {
  touchpointRequired?: boolean;
  attributeUpdateRequired?: { key: string } | null;
  /** `target`: which account the value is written to; absent = 'account' (the task's account). */
  automaticAttributeUpdate?: {
    key: string;
    value: unknown;
    target?: 'account' | 'child' | 'both';
  } | null;
};

// Foreign keys on tasks are only those an invariant needs (bench/README.md, "What each task row
// costs"): the account (with its workspace, one check), and rows that can be deleted under a
// concurrent writer. Users and workspaces are never deleted (a trigger refuses it), so the user
// columns are checked by their writers, not per row.
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull(),
    /** With `workspace_id`: one composite foreign key, so a task's account is in the task's workspace. */
    accountId: uuid('account_id').notNull(),
    /** Hierarchy plays, one task per child: the qualifying child (the task itself is on its immediate parent). */
    childAccountId: uuid('child_account_id').references(() => accounts.id, {
      onDelete: 'set null',
    }),
    kind: text('kind', { enum: ['todo', 'request_info'] }).notNull(),
    status: text('status', { enum: ['open', 'completed', 'deleted'] })
      .notNull()
      .default('open'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id),
    assigneeUserId: uuid('assignee_user_id'),
    assigneeContactId: uuid('assignee_contact_id').references(() => contacts.id, {
      onDelete: 'set null',
    }),
    /** The role the assignee was resolved from, when assigned by account role. */
    assigneeRoleId: uuid('assignee_role_id').references(() => accountRoles.id, {
      onDelete: 'set null',
    }),
    assignedById: uuid('assigned_by_id'),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    /** 1 = high, 2 = normal, 3 = low: sorts ascending into the work-list order. */
    priority: smallint('priority').notNull().default(2),
    outcomes: text('outcomes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    outcome: text('outcome'),
    source: text('source', { enum: ['manual', 'play', 'template', 'follow_up'] })
      .notNull()
      .default('manual'),
    playId: uuid('play_id'),
    playActionId: text('play_action_id'),
    templateId: uuid('template_id'),
    accountabilityUserId: uuid('accountability_user_id'),
    fallbackReason: text('fallback_reason'),
    formId: uuid('form_id').references(() => forms.id),
    completionRules: jsonb('completion_rules').$type<CompletionRules>().notNull().default({}),
    /** Set by plays: at most one open task per key (play action × target), enforced by a partial unique index. */
    dedupeKey: text('dedupe_key'),
    createdById: uuid('created_by_id'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedById: uuid('completed_by_id'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'tasks_account_fk',
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete('cascade'),
    check('tasks_priority_check', sql`${t.priority} in (1, 2, 3)`),
    check(
      'tasks_completed_check',
      sql`(${t.status} = 'completed') = (${t.completedAt} is not null)`,
    ),
    check(
      'tasks_request_info_form_check',
      sql`${t.kind} <> 'request_info' or ${t.formId} is not null`,
    ),
    check(
      'tasks_one_assignee_check',
      sql`num_nonnulls(${t.assigneeUserId}, ${t.assigneeContactId}) = 1`,
    ),
    uniqueIndex('tasks_open_dedupe_key')
      .on(t.workspaceId, t.dedupeKey)
      .where(sql`${t.status} = 'open' and ${t.dedupeKey} is not null`),
    // Work lists: my tasks / an account's tasks / the collection, in work order.
    index('tasks_assignee_order_idx').on(
      t.workspaceId,
      t.assigneeUserId,
      t.status,
      t.priority,
      t.dueDate,
      t.createdAt,
      t.id,
    ),
    index('tasks_account_order_idx').on(
      t.accountId,
      t.status,
      t.priority,
      t.dueDate,
      t.createdAt,
      t.id,
    ),
    index('tasks_ws_order_idx').on(
      t.workspaceId,
      t.status,
      t.priority,
      t.dueDate,
      t.createdAt,
      t.id,
    ),
    // Group counts over open tasks (collection `groupBy`): index-only scans, no heap visits.
    index('tasks_open_cover_idx')
      .on(
        t.workspaceId,
        t.priority,
        t.dueDate,
        t.accountId,
        t.assigneeUserId,
        t.assigneeContactId,
        t.flowId,
      )
      .where(sql`${t.status} = 'open'`),
    index('tasks_play_idx').on(t.playId, t.status),
    // Delete checks for contacts, forms and child accounts (rarely set, so partial and small).
    index('tasks_assignee_contact_idx')
      .on(t.assigneeContactId)
      .where(sql`${t.assigneeContactId} is not null`),
    index('tasks_form_idx')
      .on(t.formId)
      .where(sql`${t.formId} is not null`),
    index('tasks_child_account_idx')
      .on(t.childAccountId)
      .where(sql`${t.childAccountId} is not null`),
    // Team Spotlight (src/spotlight): every column its counts and drill-downs read, so a team's tasks are read
    // account by account from the index alone instead of from the heap.
    index('tasks_spotlight_idx')
      .on(
        t.accountId,
        t.status,
        t.completedAt,
        t.createdAt,
        t.dueDate,
        t.priority,
        t.id,
        t.assigneeUserId,
        t.assigneeRoleId,
        t.flowId,
        t.workspaceId,
      )
      .where(sql`${t.status} in ('open', 'completed')`),
  ],
);

export const taskContacts = pgTable(
  'task_contacts',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.contactId] }),
    index('task_contacts_contact_idx').on(t.contactId),
  ],
);

export const touchpoints = pgTable(
  'touchpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** A built-in type (email, call, meeting, note) or the key of one of the workspace's touchpoint types. */
    type: text('type').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull().default(''),
    participantIds: uuid('participant_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Colleagues who took part (SPEC §1), next to the contacts in participant_ids. */
    userParticipantIds: uuid('user_participant_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    flowId: uuid('flow_id').references(() => flows.id),
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('touchpoints_account_idx').on(t.accountId, t.occurredAt)],
);

/** A workspace's own touchpoint types (e.g. "QBR", "Onsite visit"), offered next to the built-in four. */
export const touchpointTypes = pgTable(
  'touchpoint_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Stored on touchpoints.type; never one of the built-in keys. */
    key: text('key').notNull(),
    label: text('label').notNull(),
    /** Archived types stay readable on old touchpoints but are not offered for new ones. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('touchpoint_types_key').on(t.workspaceId, t.key),
    check(
      'touchpoint_types_key_check',
      sql`${t.key} ~ '^[a-z][a-z0-9_]{0,39}$' and ${t.key} not in ('email', 'call', 'meeting', 'note')`,
    ),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    touchpointId: uuid('touchpoint_id').references(() => touchpoints.id, { onDelete: 'set null' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** Path under the data dir's files/ folder; never derived from user input. */
    storageKey: text('storage_key').notNull(),
    uploadedById: uuid('uploaded_by_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_account_idx').on(t.accountId, t.createdAt)],
);

/** Append-only history per account (and per user for My Portfolio). */
export const timelineEvents = pgTable(
  'timeline_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    /** With `workspace_id`: one composite foreign key (an account's entries go with it); null for user-only entries. */
    accountId: uuid('account_id'),
    userId: uuid('user_id'),
    actorId: uuid('actor_id'),
    taskId: uuid('task_id'),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'timeline_events_account_fk',
      columns: [t.workspaceId, t.accountId],
      foreignColumns: [accounts.workspaceId, accounts.id],
    }).onDelete('cascade'),
    index('timeline_account_idx').on(t.accountId, t.id),
    index('timeline_user_idx').on(t.workspaceId, t.userId, t.id),
    index('timeline_task_idx').on(t.taskId),
  ],
);
