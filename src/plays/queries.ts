import { and, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Actor } from '../context.ts';
import { accountVisible, isAdmin } from '../auth/access.ts';
import type { DbOrTx } from '../db/client.ts';
import { plays } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import type { Criteria } from '../segments/criteria.ts';
import type { Action, PlayOptions, Trigger } from './schema.ts';
import type { ExitRules, Reentry, Step } from './journeys/steps.ts';

export type PlayRow = typeof plays.$inferSelect;
/** A play row with its JSON columns typed (they were validated when saved). */
export type Play = Omit<
  PlayRow,
  | 'trigger'
  | 'criteria'
  | 'goalCriteria'
  | 'options'
  | 'actions'
  | 'steps'
  | 'exitRules'
  | 'reentry'
> & {
  steps: Step[] | null;
  exitRules: ExitRules | null;
  reentry: Reentry | null;
  trigger: Trigger;
  criteria: Criteria | null;
  goalCriteria: Criteria | null;
  options: PlayOptions;
  actions: Action[];
};

export const asPlay = (row: PlayRow): Play => row as unknown as Play;

export async function loadPlay(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<Play> {
  const q = db
    .select()
    .from(plays)
    .where(and(eq(plays.id, id), eq(plays.workspaceId, workspaceId)));
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row) throw errors.notFound('Play');
  return asPlay(row);
}

/** Event plays keep a membership set; the others fire on demand, on a schedule or on task completion. */
export const isEventPlay = (p: { trigger: Trigger }) =>
  p.trigger.type === 'enter' || p.trigger.type === 'exit';

/**
 * SQL condition: the caller may see a run result — both the record's account (a contact's account)
 * and the account the action acted on (a hierarchy parent) are in their teams (ASVS 8.2.2).
 */
export function runResultVisible(
  actor: Actor,
  r: { recordId: AnyColumn | SQL; accountId: AnyColumn | SQL },
): SQL {
  if (isAdmin(actor)) return sql`true`;
  // Record ids are accounts or contacts (uuids never collide): a contact stands for its account.
  const recordAccount = sql`coalesce((select c_v.account_id from contacts c_v where c_v.id = ${r.recordId}), ${r.recordId})`;
  return sql`(${accountVisible(actor, recordAccount)} and (${r.accountId} is null or ${accountVisible(actor, r.accountId)}))`;
}
