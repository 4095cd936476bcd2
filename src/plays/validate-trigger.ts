import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import type { ErrorDetail } from '../http/errors.ts';
import { queryRows } from '../db/rows.ts';
import { cronProblem } from './cron.ts';
import type { Trigger } from './schema.ts';

/**
 * A trigger must be able to fire as written: settings of another trigger type would be silently
 * ignored, and a task-completed filter naming a template or play this workspace lacks never matches.
 */
export async function checkTrigger(
  db: DbOrTx,
  ws: string,
  trigger: Trigger,
  d: ErrorDetail[],
): Promise<void> {
  if (trigger.type !== 'recurring' && trigger.recurring)
    d.push({
      path: 'body.trigger.recurring',
      message: 'A schedule applies only to recurring plays.',
    });
  if (trigger.type !== 'task_completed' && trigger.taskCompleted)
    d.push({
      path: 'body.trigger.taskCompleted',
      message: 'Task-completed settings apply only to task-completed plays.',
    });
  if (trigger.type === 'recurring') {
    const r = trigger.recurring;
    if (!r || (!r.cron && !r.every) || (r.cron && r.every))
      d.push({
        path: 'body.trigger.recurring',
        message: 'A recurring play needs either a cron expression or an "every" cadence.',
      });
    else if (r.cron) {
      // Checked now, not when the schedule is synced after saving (that would fail with a 500 and a half-enabled play).
      const problem = cronProblem(r.cron);
      if (problem) d.push({ path: 'body.trigger.recurring.cron', message: problem });
    }
  }
  const f = trigger.type === 'task_completed' ? trigger.taskCompleted : undefined;
  if (f?.templateId) {
    const [tpl] = await queryRows<{ outcomes: Array<{ name: string }> }>(
      db,
      sql`select outcomes from task_templates where id = ${f.templateId}::uuid and workspace_id = ${ws}::uuid and deleted_at is null`,
    );
    if (!tpl)
      d.push({ path: 'body.trigger.taskCompleted.templateId', message: 'no such template' });
    else if (f.outcome && !tpl.outcomes.some((o) => o.name === f.outcome))
      d.push({
        path: 'body.trigger.taskCompleted.outcome',
        message: `The template has no outcome "${f.outcome}".`,
      });
  }
  if (f?.playId) {
    const [play] = await queryRows(
      db,
      sql`select 1 from plays where id = ${f.playId}::uuid and workspace_id = ${ws}::uuid`,
    );
    if (!play) d.push({ path: 'body.trigger.taskCompleted.playId', message: 'no such play' });
  }
}
