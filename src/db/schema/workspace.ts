import {
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  index,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** Workspace-wide settings kept as one JSON document (validated by zod in workspaces/schema.ts). */
export type WorkspaceSettings = {
  ownershipPolicy: 'ownership_only' | 'reassign_except_manual' | 'reassign_all';
  forceTaskEmails: boolean;
  aiText: boolean;
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are working days (SPEC §14); absent: Monday–Friday. */
  workingDays?: number[];
  /** The workspace's holiday calendar name; absent: 'default'. */
  holidayCalendar?: string;
};

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('UTC'),
  settings: jsonb('settings')
    .$type<WorkspaceSettings>()
    .notNull()
    .default(
      sql`'{"ownershipPolicy":"ownership_only","forceTaskEmails":false,"aiText":false}'::jsonb`,
    ),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type WorkingHours = { days: number[]; start: string; end: string };

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    role: text('role', { enum: ['admin', 'advanced', 'standard'] })
      .notNull()
      .default('standard'),
    managerId: uuid('manager_id'),
    enabled: boolean('enabled').notNull().default(true),
    emailNotifications: boolean('email_notifications').notNull().default(true),
    phone: text('phone'),
    /** SMS opt-in (SPEC §3 notification rules "how: SMS"); a phone number alone does not opt in. */
    smsNotifications: boolean('sms_notifications').notNull().default(false),
    timeZone: text('time_zone'),
    workingHours: jsonb('working_hours').$type<WorkingHours>(),
    weeklyCapacityHours: integer('weekly_capacity_hours').notNull().default(40),
    /** Free-form profile attributes (region, language…) matched by team pools. */
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Login is by e-mail alone, so an address identifies one user across all workspaces.
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    index('users_workspace_idx').on(t.workspaceId),
  ],
);

export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The holiday calendar of this team's members (SPEC §14); null: the workspace's. */
    holidayCalendar: text('holiday_calendar'),
  },
  (t) => [uniqueIndex('teams_name_key').on(t.workspaceId, t.name)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    index('team_members_user_idx').on(t.userId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie value; the raw value is never stored. */
    idHash: text('id_hash').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Sign-in attempt counters shared by every API process (so N processes do not allow N× the attempts).
 * Not per workspace: they are counted before anyone is known. Keys are sha256 digests (no e-mails stored).
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    keyHash: text('key_hash').primaryKey(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('rate_limits_window_idx').on(t.windowStart)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** sha256 of the token; tokens have 256 bits of entropy so a fast hash is enough. */
    tokenHash: text('token_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

/** Stored responses for `Idempotency-Key` POSTs; `status` null while the first request is running. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId, t.key] })],
);

/** E-mails waiting for (or sent through) SMTP; without SMTP_URL this is the visible outbox. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'outbox'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** When the next SMTP attempt is due (retries back off). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set while a worker is sending; a claim older than the stale limit is taken over (at-least-once). */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    /**
     * Rendered at delivery (a play's task e-mails, written in SQL where nothing can be signed): the
     * tasks listed (in order, at most 20), the play and how many tasks in all; text_body is the fallback.
     */
    payload: jsonb('payload').$type<{ taskIds: string[]; play: string; total: number }>(),
  },
  (t) => [
    index('email_outbox_ws_idx').on(t.workspaceId, t.createdAt),
    index('email_outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
  ],
);
