import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspace.ts';

/**
 * Append-only record of admin actions (who, when, what, from where). Never updated or deleted by the app;
 * actor and target names are copied in so the entry still reads right after a rename or delete.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    via: text('via').$type<'session' | 'token' | 'system'>().notNull(),
    ip: text('ip'),
    kind: text('kind').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    targetName: text('target_name'),
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('audit_events_ws_created_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc())],
);
