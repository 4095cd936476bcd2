import { sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import type { Play } from '../queries.ts';
import { fireRunFor } from './fire.ts';
import { playCondition, type PlayEnv } from './env.ts';
import type { ChangeRow } from './change-row.ts';
import { eligibleFor } from './chain.ts';
import { logFailure } from './errors.ts';
import { runOutcomeActions } from './outcome-actions.ts';

type TaskRow = {
  id: string;
  account_id: string;
  template_id: string | null;
  play_id: string | null;
  outcome: string | null;
  title: string;
};

/**
 * A completed task: fires the enabled task-completed plays whose filters match (template, play,
 * outcome) for the task's account (contact plays: its associated contacts) when they meet the
 * play's criteria, then runs the template's actions for the chosen outcome.
 */
export async function handleTaskCompleted(
  tx: DbOrTx,
  deps: Deps,
  e: Extract<ChangeRow, { entity: 'task'; kind: 'completed' }>,
  enabled: Play[],
  env: PlayEnv,
) {
  const [task] = await queryRows<TaskRow>(
    tx,
    sql`select id, account_id, template_id, play_id, outcome, title from tasks where id = ${e.entity_id}::uuid`,
  );
  if (!task) return;
  const outcome = typeof e.payload.outcome === 'string' ? e.payload.outcome : task.outcome;
  const chain = Array.isArray(e.payload.chain) ? e.payload.chain : [];
  for (const play of enabled) {
    if (play.trigger.type !== 'task_completed' || !eligibleFor(play, e)) continue;
    const f = play.trigger.taskCompleted ?? {};
    if (f.templateId && f.templateId !== task.template_id) continue;
    if (f.playId && f.playId !== task.play_id) continue;
    if (f.outcome && f.outcome !== outcome) continue;
    try {
      await tx.transaction(async (sp) => {
        const cond = await playCondition(sp, env, play, 'criteria');
        const targets =
          play.subject === 'accounts'
            ? sql`select a.id as record_id from accounts a where a.id = ${task.account_id}::uuid and ${cond}`
            : sql`select c.id as record_id from contacts c join accounts a on a.id = c.account_id
              where c.id in (select tc.contact_id from task_contacts tc where tc.task_id = ${task.id}::uuid) and ${cond}`;
        await fireRunFor(
          { deps, tx: sp, play, env, chain, dryRun: false, triggeredBy: null },
          targets,
          'task_completed',
          { taskId: task.id, outcome },
        );
      });
    } catch (err) {
      logFailure(deps, play, err);
    }
  }
  if (task.template_id && outcome)
    await runOutcomeActions(tx, deps, {
      task,
      outcome,
      chain,
      env,
      today: env.today,
      now: env.now,
    });
}
