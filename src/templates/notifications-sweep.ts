import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../context.ts';
import { defineJob } from '../jobs/registry.ts';
import { queryRows } from '../db/rows.ts';
import { addDays, todayIn } from '../workspaces/dates.ts';
import { parseRules, sendNotification } from './notify-template-task.ts';
import type { NotificationRule } from './schema.ts';
import { addWorkingDays, workingDaysBefore } from '../working-days/calendar.ts';
import { calendarFor, loadCalendars, type Calendars } from '../working-days/load-calendars.ts';

type Candidate = {
  id: string;
  workspace_id: string;
  title: string;
  description: string;
  due_date: string;
  version: number;
  assignee_user_id: string;
  account_name: string;
  time_zone: string;
  /** The assignee's zone, else the workspace's: working-day rules count from their today. */
  assignee_time_zone: string;
  notification_rules: unknown;
};

const PAGE = 500;

/**
 * Sends the time-based notification rules of template tasks that are due now ("N days before
 * due", "N days after due if still open"). Safe to run as often as you like and on several workers:
 * each (task, rule) is claimed by a unique row before its message is queued, in one transaction.
 */
export async function sweepTaskNotifications(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  let after = '00000000-0000-0000-0000-000000000000';
  let sent = 0;
  // Calendars are read once per workspace per sweep, and only for rules in working days.
  const calendars = new Map<string, Promise<Calendars>>();
  const calendarsOf = (workspaceId: string) => {
    if (!calendars.has(workspaceId))
      calendars.set(workspaceId, loadCalendars(deps.db, workspaceId));
    return calendars.get(workspaceId)!;
  };
  for (;;) {
    const rows = await queryRows<Candidate>(
      deps.db,
      sql`
      select t.id, t.workspace_id, t.title, t.description, t.due_date, t.version, t.assignee_user_id, a.name as account_name,
        w.time_zone, coalesce(u.time_zone, w.time_zone) as assignee_time_zone, tt.notification_rules
      from tasks t join task_templates tt on tt.id = t.template_id join accounts a on a.id = t.account_id join workspaces w on w.id = t.workspace_id
        left join users u on u.id = t.assignee_user_id
      where t.status = 'open' and t.assignee_user_id is not null and jsonb_array_length(tt.notification_rules) > 0 and t.id > ${after}::uuid
      order by t.id limit ${PAGE}`,
    );
    for (const r of rows) {
      const due: Array<{ rule: NotificationRule; key: string; kind: 'before' | 'after' }> = [];
      for (const { rule, key } of parseRules(r.notification_rules)) {
        if (typeof rule.when !== 'object') continue;
        const working = rule.when.unit === 'working_days';
        const today = todayIn(working ? r.assignee_time_zone : r.time_zone, now);
        const cal = working
          ? calendarFor(await calendarsOf(r.workspace_id), r.assignee_user_id)
          : null;
        if ('daysBeforeDue' in rule.when) {
          const n = rule.when.daysBeforeDue;
          if (today >= (cal ? workingDaysBefore(r.due_date, n, cal) : addDays(r.due_date, -n)))
            due.push({ rule, key, kind: 'before' });
        } else {
          const n = rule.when.daysAfterDue;
          const from = cal ? addWorkingDays(r.due_date, n, cal) : addDays(r.due_date, n);
          if (today >= from && today > r.due_date) due.push({ rule, key, kind: 'after' });
        }
      }
      if (due.length === 0) continue;
      const task = {
        id: r.id,
        workspaceId: r.workspace_id,
        title: r.title,
        description: r.description,
        dueDate: r.due_date,
        version: r.version,
        assigneeUserId: r.assignee_user_id,
      };
      await deps.db.transaction(async (tx) => {
        for (const d of due)
          if (
            await sendNotification(deps, tx, {
              task,
              accountName: r.account_name,
              rule: d.rule,
              key: d.key,
              kind: d.kind,
              by: 'Playmaker',
            })
          )
            sent++;
      });
    }
    if (rows.length < PAGE) return sent;
    after = rows[rows.length - 1]!.id;
  }
}

export const taskNotificationsSweepJob = defineJob({
  name: 'task-notifications-sweep',
  payload: z.object({}),
  // One sweep queued at a time: a slow sweep is not stacked behind by the next tick.
  options: { retryLimit: 1, policy: 'short', expireInSeconds: 1800 },
  handler: async (deps) => {
    await sweepTaskNotifications(deps);
  },
});
