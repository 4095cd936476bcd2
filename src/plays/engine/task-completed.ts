import { sql } from 'drizzle-orm';
import { z } from 'zod';
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

// Templates store the canonical names (src/templates/schema.ts); the engine's switch uses the short ones.
const engineNames: Record<string, string> = {
  create_task_from_template: 'create_task',
  enroll_in_play: 'enroll',
};
const toEngineName = (v: unknown) => {
  const type = v && typeof v === 'object' ? (v as { type?: unknown }).type : undefined;
  return typeof type === 'string' && engineNames[type]
    ? { ...(v as object), type: engineNames[type] }
    : v;
};

export const outcomeActionSchema = z.preprocess(
  toEngineName,
  z.discriminatedUnion('type', [
    z.object({
      type: z.enum(['add_tag', 'remove_tag']),
      tag: z.string().min(1).max(200),
      target: z.enum(['account', 'contact']).default('account'),
    }),
    z.object({
      type: z.literal('set_attribute'),
      key: z.string().max(200),
      value: z.unknown(),
      target: z.enum(['account', 'contact']).default('account'),
    }),
    z.object({
      type: z.literal('send_email'),
      subject: z.string().min(1).max(500),
      body: z.string().min(1).max(50_000),
    }),
    z.object({
      type: z.literal('create_task'),
      templateId: z.uuid(),
      dueInDays: z.number().int().min(1).optional(),
    }),
    z.object({ type: z.literal('enroll'), playId: z.uuid() }),
  ]),
);
export type OutcomeAction = z.infer<typeof outcomeActionSchema>;
