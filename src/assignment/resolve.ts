import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { queryRows } from '../db/rows.ts';
import { pickAssignees } from './pool.ts';
import type { AssigneeRule, FallbackReason } from './rule.ts';

export type ResolveContext = {
  workspaceId: string;
  /** The account the task is placed on (role holders are looked up there). */
  accountId: string;
  rule: AssigneeRule;
  /** The play's overall-accountability owner, then its creator. */
  fallback: { ownerUserId: string | null; createdBy: string | null };
  /** Round-robin cursor (one per play action). */
  cursorKey: string;
  now: Date;
};
export type Resolution = { userId: string | null; fallbackReason: FallbackReason | null };

/** The fallback user: the owner if enabled, else the creator if enabled, else whichever exists. */
export async function fallbackUser(
  db: DbOrTx,
  workspaceId: string,
  f: ResolveContext['fallback'],
): Promise<string | null> {
  for (const id of [f.ownerUserId, f.createdBy]) {
    if (!id) continue;
    const [u] = await db
      .select({ enabled: users.enabled })
      .from(users)
      .where(and(eq(users.id, id), eq(users.workspaceId, workspaceId)));
    if (u?.enabled) return id;
  }
  return f.ownerUserId ?? f.createdBy;
}

/** Runs an assignee rule for one task now; when nobody qualifies, the fallback user and the reason. */
export async function resolveAssignee(db: DbOrTx, ctx: ResolveContext): Promise<Resolution> {
  const direct = await resolveRule(db, ctx);
  if (direct.userId) return { userId: direct.userId, fallbackReason: null };
  return {
    userId: await fallbackUser(db, ctx.workspaceId, ctx.fallback),
    fallbackReason: direct.reason,
  };
}

async function resolveRule(
  db: DbOrTx,
  ctx: ResolveContext,
): Promise<{ userId: string | null; reason: FallbackReason }> {
  const rule = ctx.rule;
  if (rule.type === 'user') {
    const [u] = await db
      .select({ enabled: users.enabled })
      .from(users)
      .where(and(eq(users.id, rule.userId), eq(users.workspaceId, ctx.workspaceId)));
    return { userId: u?.enabled ? rule.userId : null, reason: 'user_disabled' };
  }
  if (rule.type === 'role') {
    const [h] = await queryRows<{ user_id: string; enabled: boolean }>(
      db,
      sql`
      select h.user_id, u.enabled from account_role_holders h join users u on u.id = h.user_id
      where h.account_id = ${ctx.accountId}::uuid and h.role_id = ${rule.roleId}::uuid`,
    );
    if (!h) return { userId: null, reason: 'no_role_holder' };
    return { userId: h.enabled ? h.user_id : null, reason: 'role_holder_disabled' };
  }
  const {
    picks: [picked],
    empty,
  } = await pickAssignees(db, ctx.workspaceId, rule.pool, 1, ctx.now, ctx.cursorKey);
  return { userId: picked ?? null, reason: empty ? 'pool_empty' : 'nobody_available' };
}
