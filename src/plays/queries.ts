import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { plays } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import type { Criteria } from '../segments/criteria.ts';
import { publicWebhook, type StoredWebhook } from '../webhooks/definition.ts';
import type { Action, PlayOptions, Trigger } from './schema.ts';

export type PlayRow = typeof plays.$inferSelect;
/** A play row with its JSON columns typed (they were validated when saved). */
export type Play = Omit<PlayRow, 'trigger' | 'criteria' | 'goalCriteria' | 'options' | 'actions'> & {
  trigger: Trigger; criteria: Criteria | null; goalCriteria: Criteria | null; options: PlayOptions; actions: Action[];
};

export const asPlay = (row: PlayRow): Play => row as unknown as Play;

export async function loadPlay(db: DbOrTx, workspaceId: string, id: string, opts: { lock?: boolean } = {}): Promise<Play> {
  const q = db.select().from(plays).where(and(eq(plays.id, id), eq(plays.workspaceId, workspaceId)));
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row) throw errors.notFound('Play');
  return asPlay(row);
}

export function toPlayOut(p: Play, memberCount?: number) {
  return {
    id: p.id, name: p.name, description: p.description, ownerUserId: p.ownerUserId, collaboratorIds: p.collaboratorIds,
    createdBy: p.createdBy, status: p.status, subject: p.subject, trigger: p.trigger, criteria: p.criteria,
    sourceSegmentId: p.sourceSegmentId, goalCriteria: p.goalCriteria, options: p.options,
    actions: p.actions.map((a) => (a.type === 'webhook' ? { ...a, webhook: publicWebhook(a.webhook as StoredWebhook) } : a)) as unknown as Array<Record<string, unknown>>, version: p.version,
    enabledAt: p.enabledAt?.toISOString() ?? null, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
    ...(memberCount !== undefined ? { memberCount } : {}),
  };
}

/** Event plays keep a membership set; the others fire on demand, on a schedule or on task completion. */
export const isEventPlay = (p: { trigger: Trigger }) => p.trigger.type === 'enter' || p.trigger.type === 'exit';
