import { sql } from 'drizzle-orm';
import { check, date, pgTable, primaryKey, smallint, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from './workspace.ts';

/** A user's opt-in daily digest: the local hour (0–23, the user's time zone, else the workspace's) it goes out. */
export const digestSubscriptions = pgTable(
  'digest_subscriptions',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    hour: smallint('hour').notNull(),
  },
  (t) => [check('digest_subscriptions_hour_range', sql`${t.hour} between 0 and 23`)],
);

/** One row per user and local day a digest was handled: the primary key makes it once a day across workers. */
export const digestSends = pgTable(
  'digest_sends',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
