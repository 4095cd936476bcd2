import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { accounts } from './accounts.ts';
import { users, workspaces } from './workspace.ts';

/**
 * Tasks moved to a user by one ownership change that spanned several accounts (SPEC §7): one row
 * per (user, account); the `ownership-summary` job e-mails pending rows every 15 minutes and stamps
 * `summarizedAt`, so each summary carries only what the previous ones did not.
 */
export const ownershipNotifications = pgTable(
  'ownership_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    taskIds: uuid('task_ids').array().notNull(),
    movedAt: timestamp('moved_at', { withTimezone: true }).notNull(),
    summarizedAt: timestamp('summarized_at', { withTimezone: true }),
  },
  (t) => [
    // The job only ever looks for pending rows per user.
    index('ownership_notifications_pending_idx')
      .on(t.userId, t.movedAt)
      .where(sql`${t.summarizedAt} is null`),
    index('ownership_notifications_account_idx').on(t.accountId),
    index('ownership_notifications_ws_idx').on(t.workspaceId),
  ],
);
