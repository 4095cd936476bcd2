import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from './workspace.ts';

/** A user's secret iCalendar feed of open tasks: one per user; revoking deletes the row, rotating replaces it. */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  /** sha256 of the secret in the feed URL (256 random bits, so a fast hash is enough). */
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true }),
});
