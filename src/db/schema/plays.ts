import {
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users, workspaces } from './workspace.ts';

/** Saved criteria over accounts or contacts (SPEC §4); `criteria` is validated by segments/criteria.ts. */
export const segments = pgTable(
  'segments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    subject: text('subject', { enum: ['accounts', 'contacts'] }).notNull(),
    criteria: jsonb('criteria').$type<unknown>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('segments_ws_idx').on(t.workspaceId, t.name)],
);

/** A play (SPEC §5); trigger, criteria, options and actions are JSON validated by plays/schema.ts. */
export const plays = pgTable(
  'plays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    collaboratorIds: uuid('collaborator_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['enabled', 'disabled'] })
      .notNull()
      .default('disabled'),
    subject: text('subject', { enum: ['accounts', 'contacts'] }).notNull(),
    trigger: jsonb('trigger').$type<unknown>().notNull(),
    criteria: jsonb('criteria').$type<unknown>(),
    sourceSegmentId: uuid('source_segment_id'),
    goalCriteria: jsonb('goal_criteria').$type<unknown>(),
    options: jsonb('options').$type<unknown>().notNull(),
    actions: jsonb('actions').$type<unknown>().notNull(),
    /** Journey steps (SPEC §13; plays/journeys/steps.ts); null: the actions fire once on entry. */
    steps: jsonb('steps').$type<unknown>(),
    /** Exit criteria, "leave when no longer meeting the trigger criteria", and the open-task policy (SPEC §5, §13). */
    exitRules: jsonb('exit_rules').$type<unknown>(),
    /** Re-entry policy: once ever, after the previous journey ended, or at most every N days. */
    reentry: jsonb('reentry').$type<unknown>(),
    /** Share of entering records held out (no actions), 0–50 %. */
    holdoutPercent: integer('holdout_percent').notNull().default(0),
    /** The play_versions row new firings and journeys use (its definition is copied into the columns above). */
    publishedVersion: integer('published_version').notNull().default(1),
    /** Optimistic-concurrency counter of the row (not the definition version). */
    version: integer('version').notNull().default(1),
    enabledAt: timestamp('enabled_at', { withTimezone: true }),
    /** Workspace-local date of the last recurring firing, so a cadence fires once per due day. */
    lastRecurringDate: date('last_recurring_date', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plays_ws_idx').on(t.workspaceId, t.status)],
);

/**
 * Records (account or contact ids) currently meeting an event play's criteria: enter/exit = set
 * difference. No foreign key to plays: a bulk firing writes one row per target and a per-row
 * check is measurable; deletePlay removes a play's rows itself.
 */
export const playMemberships = pgTable(
  'play_memberships',
  {
    playId: uuid('play_id').notNull(),
    recordId: uuid('record_id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    /** The run that saw the record enter. */
    runId: uuid('run_id'),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.playId, t.recordId] })],
);

/** `wouldCreate`: tasks a dry run would create (absent on runs stored before it existed). */
export type PlayRunCounts = {
  targets: number;
  created: number;
  skipped: number;
  errors: number;
  other: number;
  wouldCreate?: number;
};

export const playRuns = pgTable(
  'play_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull(),
    playId: uuid('play_id')
      .notNull()
      .references(() => plays.id, { onDelete: 'cascade' }),
    kind: text('kind', {
      enum: [
        'enter',
        'exit',
        'manual',
        'recurring',
        'task_completed',
        'enable',
        'sweep',
        'dry_run',
        'enroll',
        // A journey step's action (plays/journeys/advance.ts).
        'journey',
      ],
    }).notNull(),
    triggeredBy: uuid('triggered_by'),
    /** The play version the run fired (SPEC §5). */
    playVersion: integer('play_version'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    counts: jsonb('counts')
      .$type<PlayRunCounts>()
      .notNull()
      .default({ targets: 0, created: 0, skipped: 0, errors: 0, other: 0 }),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('play_runs_play_idx').on(t.playId, t.startedAt)],
);

/** One row per record and action of a run. No foreign key to play_runs (one per-row check per target); deletePlay removes them. */
export const playRunResults = pgTable(
  'play_run_results',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    runId: uuid('run_id').notNull(),
    playId: uuid('play_id').notNull(),
    recordId: uuid('record_id').notNull(),
    accountId: uuid('account_id'),
    actionId: text('action_id').notNull(),
    result: text('result', {
      enum: [
        'created',
        'skipped_open_task',
        'updated',
        'notified',
        'webhook_enqueued',
        'emailed',
        'tagged',
        'enrolled',
        'skipped',
        'would_create',
        'would_update',
        'would_notify',
        'would_send',
        'error',
        // Held out of the play (holdout_percent): entered, deliberately given no action.
        'held_out',
        'would_hold_out',
      ],
    }).notNull(),
    taskId: uuid('task_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('play_run_results_run_idx').on(t.runId, t.id),
    index('play_run_results_play_idx').on(t.playId, t.recordId),
  ],
);

/** When a fired record reached the play's goal (left the trigger criteria or met the goal criteria). */
export const playGoals = pgTable(
  'play_goals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    playId: uuid('play_id')
      .notNull()
      .references(() => plays.id, { onDelete: 'cascade' }),
    recordId: uuid('record_id').notNull(),
    reachedAt: timestamp('reached_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('play_goals_play_idx').on(t.playId, t.recordId)],
);

/** Round-robin position per (play action) pool; updated with a row lock so concurrent firings rotate. */
export const assignmentCursors = pgTable('assignment_cursors', {
  key: text('key').primaryKey(),
  workspaceId: uuid('workspace_id').notNull(),
  position: integer('position').notNull().default(0),
});
