import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { workspaces } from './workspace.ts';

/**
 * Transactional outbox: every write to an account, contact or task inserts a row here in the same
 * transaction; the play engine consumes rows in id order and marks them processed. `play_run`
 * rows (a run that created tasks) and `feed` rows (feed items reached users), for live updates, are
 * written already processed.
 */
export const changeEvents = pgTable(
  'change_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    entity: text('entity', { enum: ['account', 'contact', 'task', 'play_run', 'feed'] }).notNull(),
    entityId: uuid('entity_id').notNull(),
    /** The account the change concerns (the account itself, a contact's account, a task's account). */
    accountId: uuid('account_id'),
    kind: text('kind', { enum: ['created', 'updated', 'deleted', 'completed', 'fired'] }).notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    index('change_events_pending_idx')
      .on(t.id)
      .where(sql`${t.processedAt} is null`),
  ],
);
