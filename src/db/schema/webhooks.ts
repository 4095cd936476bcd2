import {
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
import { accounts } from './accounts.ts';
import { workspaces } from './workspace.ts';

/** Per-workspace webhook settings: signing secret (encrypted), retry schedule, timeout, SSRF allow-list. */
export const webhookSettings = pgTable('webhook_settings', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  /** `whsec_…` sealed with the server secret box; shown to admins only. */
  signingSecretEnc: text('signing_secret_enc').notNull(),
  /** Seconds to wait before attempt n+1; its length + 1 is the number of attempts. */
  retrySchedule: integer('retry_schedule')
    .array()
    .notNull()
    .default(sql`'{0,15,60,300,1800,7200,21600}'::int[]`),
  timeoutMs: integer('timeout_ms').notNull().default(10_000),
  /** Hosts (exact names) and CIDRs an admin allowed despite the private-address guard. */
  allowlist: text('allowlist')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type WebhookHeaderSnapshot = Array<[string, string]>;

/** One outbound webhook call and its retries; `id` is the delivery id receivers de-duplicate on. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id'),
    playId: uuid('play_id'),
    actionId: text('action_id'),
    webhookName: text('webhook_name').notNull(),
    method: text('method').notNull(),
    url: text('url').notNull(),
    /** Request headers as sent, without credentials or signature. */
    headers: jsonb('headers').$type<WebhookHeaderSnapshot>().notNull().default([]),
    body: text('body'),
    /** The credential (sealed), kept apart from the snapshot so no read path can show it. */
    credentialsEnc: text('credentials_enc'),
    status: text('status', { enum: ['pending', 'failed', 'succeeded', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** `attempts` when the delivery was last replayed: the retry schedule restarts from there. */
    scheduleStart: integer('schedule_start').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    /** Set while an attempt is in flight, cleared when its result is written: a stale one means the worker died. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    responseExcerpt: text('response_excerpt'),
    durationMs: integer('duration_ms'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_deliveries_ws_idx').on(t.workspaceId, t.createdAt, t.id),
    index('webhook_deliveries_status_idx').on(t.workspaceId, t.status, t.createdAt),
    index('webhook_deliveries_play_idx').on(t.playId, t.actionId),
  ],
);

/** Webhook actions switched off because the receiver answered 410 Gone. */
export const webhookDisabled = pgTable(
  'webhook_disabled',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    playId: uuid('play_id').notNull(),
    actionId: text('action_id').notNull(),
    deliveryId: text('delivery_id'),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.playId, t.actionId] })],
);
