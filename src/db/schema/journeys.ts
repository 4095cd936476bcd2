import {
  bigserial,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { plays } from './plays.ts';
import { workspaces } from './workspace.ts';

/**
 * Every published definition of a play, and at most one draft (SPEC §5 versions). `definition` is
 * plays/versions/definition.ts `PlayDefinition`. Journeys and runs name the number they ran.
 */
export const playVersions = pgTable(
  'play_versions',
  {
    playId: uuid('play_id')
      .notNull()
      .references(() => plays.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    definition: jsonb('definition').$type<unknown>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Null while a draft. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.playId, t.number] }),
    uniqueIndex('play_versions_one_draft')
      .on(t.playId)
      .where(sql`published_at is null`),
  ],
);

/**
 * One record's pass through one play version (SPEC §13). The interpreter's state lives here:
 * the current step and visit, when to look again (`wake_at`), what it waits for.
 */
export const journeys = pgTable(
  'journeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull(),
    playId: uuid('play_id').notNull(),
    playVersion: integer('play_version').notNull(),
    /** Account or contact id (the play's subject). */
    recordId: uuid('record_id').notNull(),
    accountId: uuid('account_id').notNull(),
    /** Held out at entry (deterministic per record and play): recorded, no actions. */
    holdout: boolean('holdout').notNull().default(false),
    /** The step it is on; null once ended. */
    stepId: text('step_id'),
    /** Visit number of the current step (a "go to" loop visits a step again). */
    visit: integer('visit').notNull().default(1),
    stepStartedAt: timestamp('step_started_at', { withTimezone: true }),
    /** When the interpreter must look at it again; null while it waits only for an event. */
    wakeAt: timestamp('wake_at', { withTimezone: true }),
    /** What the current step waits for (plays/journeys/steps.ts `WaitingFor`). */
    waitingFor: jsonb('waiting_for').$type<unknown>(),
    /** Plays already in the event chain that started it (loop protection). */
    chain: uuid('chain')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason', {
      enum: ['end', 'exit_criteria', 'left_trigger', 'removed', 'holdout', 'play_deleted'],
    }),
    endedBy: uuid('ended_by'),
  },
  (t) => [
    foreignKey({
      columns: [t.playId, t.playVersion],
      foreignColumns: [playVersions.playId, playVersions.number],
    }).onDelete('cascade'),
    // One running journey per record and play: concurrent entries cannot both start one.
    uniqueIndex('journeys_one_running')
      .on(t.playId, t.recordId)
      .where(sql`ended_at is null`),
    index('journeys_due_idx')
      .on(t.wakeAt)
      .where(sql`ended_at is null and wake_at is not null`),
    index('journeys_play_step_idx')
      .on(t.playId, t.stepId)
      .where(sql`ended_at is null`),
    index('journeys_account_idx').on(t.workspaceId, t.accountId, t.enteredAt),
    index('journeys_record_idx').on(t.playId, t.recordId, t.enteredAt),
  ],
);

/**
 * One execution of one step of one journey: the primary key makes every step run exactly once
 * per visit, whatever the number of workers and crashes. `result` says what it did.
 */
export const journeySteps = pgTable(
  'journey_steps',
  {
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    stepId: text('step_id').notNull(),
    visit: integer('visit').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    playId: uuid('play_id').notNull(),
    playVersion: integer('play_version').notNull(),
    runId: uuid('run_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    result: jsonb('result').$type<unknown>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.journeyId, t.stepId, t.visit] }),
    // The builder's per-step counts ("M done") read by play and step.
    index('journey_steps_play_idx').on(t.playId, t.stepId),
  ],
);

/** Named non-working dates (SPEC §14), grouped into calendars (a country, a team). */
export const holidays = pgTable(
  'holidays',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    calendar: text('calendar').notNull().default('default'),
    date: date('date', { mode: 'string' }).notNull(),
    name: text('name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.calendar, t.date] })],
);

/** The in-app feed (SPEC §9): one row per recipient; `payload` is typed per kind in feed/kinds.ts. */
export const feedItems = pgTable(
  'feed_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    accountId: uuid('account_id'),
    taskId: uuid('task_id'),
    payload: jsonb('payload').$type<unknown>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('feed_items_user_idx').on(t.userId, t.id),
    // Unread pages are newest first per user: the index gives them in order.
    index('feed_items_unread_idx')
      .on(t.userId, t.id)
      .where(sql`read_at is null`),
  ],
);
