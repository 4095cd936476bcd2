import { and, eq, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { playMemberships, plays } from '../db/schema/index.ts';
import { requireRole } from '../auth/access.ts';
import { matchingIds } from '../segments/compile.ts';
import { asPlay, isEventPlay, loadPlay } from './queries.ts';
import { toPlayOut } from './play-out.ts';
import { applyMembership } from './engine/membership.ts';
import { fireRunFor } from './engine/fire.ts';
import { loadEnv, playCondition } from './engine/env.ts';
import { syncRecurringSchedule } from './engine/recurring-schedule.ts';

/**
 * Enables a play. Event plays record the records that meet the criteria now as members: with
 * `fireNow` the actions fire for them, without it only records entering from now on fire.
 * Recurring plays get their schedule (and with `fireNow` a first firing today).
 */
export async function enablePlay(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { fireNow: boolean },
) {
  requireRole(actor, 'advanced');
  const result = await deps.db.transaction(async (tx) => {
    const env = await loadEnv(tx, actor.workspaceId, deps.clock);
    const { today, now } = env;
    const current = await loadPlay(tx, actor.workspaceId, id, { lock: true });
    const [row] = await tx
      .update(plays)
      .set({
        status: 'enabled',
        enabledAt: current.status === 'enabled' ? current.enabledAt : now,
        updatedAt: now,
        ...(input.fireNow && current.trigger.type === 'recurring'
          ? { lastRecurringDate: today }
          : {}),
      })
      .where(and(eq(plays.id, id), eq(plays.workspaceId, actor.workspaceId)))
      .returning();
    const play = asPlay(row!);
    let runId: string | null = null;
    if (isEventPlay(play)) {
      await applyMembership(tx, deps, play, {
        scope: null,
        fire: input.fireNow,
        kind: 'enable',
        triggeredBy: actor.userId,
        chain: [],
        env,
      });
    } else if (input.fireNow && play.trigger.type === 'recurring') {
      const cond = await playCondition(tx, env, play, 'criteria');
      const targets = sql`select x.id as record_id from (${matchingIds(play.subject, play.workspaceId, cond)}) x`;
      const res = await fireRunFor(
        { deps, tx, play, env, chain: [], dryRun: false, triggeredBy: actor.userId },
        targets,
        'enable',
      );
      runId = res.runId;
    }
    return { play, runId };
  });
  await syncRecurringSchedule(deps, result.play);
  return toPlayOut(result.play);
}

/** Disabling stops new firings; tasks already created stay open and unchanged. Memberships are dropped. */
export async function disablePlay(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'advanced');
  const play = await deps.db.transaction(async (tx) => {
    await loadPlay(tx, actor.workspaceId, id, { lock: true });
    const [row] = await tx
      .update(plays)
      .set({ status: 'disabled', enabledAt: null, updatedAt: deps.clock.now() })
      .where(and(eq(plays.id, id), eq(plays.workspaceId, actor.workspaceId)))
      .returning();
    await tx.delete(playMemberships).where(eq(playMemberships.playId, id));
    return asPlay(row!);
  });
  await syncRecurringSchedule(deps, play);
  return toPlayOut(play);
}
