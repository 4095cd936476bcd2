// The e-mail telling someone which open tasks an ownership change made theirs (SPEC §7): sent at once
// for a one-account change, or as the 15-minute summary. HTML + text from the shared task templates.
import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { tasks } from '../db/schema/index.ts';
import {
  accountAppUrl,
  portfolioUrl,
  renderTaskSummaryEmail,
  taskLinks,
} from '../notifications/task-email.ts';
import { priorityName } from '../tasks/priority.ts';

export type MovedTask = {
  id: string;
  accountId: string;
  title: string;
  dueDate: string;
  priority: number;
  version: number;
};

const CHUNK = 5000;

/** Of `taskIds`, those still open and still the user's: one completed or moved on since is no news. */
export async function openTasksOf(
  tx: DbOrTx,
  userId: string,
  taskIds: string[],
): Promise<MovedTask[]> {
  const found: MovedTask[] = [];
  for (let i = 0; i < taskIds.length; i += CHUNK) {
    found.push(
      ...(await tx
        .select({
          id: tasks.id,
          accountId: tasks.accountId,
          title: tasks.title,
          dueDate: tasks.dueDate,
          priority: tasks.priority,
          version: tasks.version,
        })
        .from(tasks)
        .where(
          and(
            inArray(tasks.id, taskIds.slice(i, i + CHUNK)),
            eq(tasks.status, 'open'),
            eq(tasks.assigneeUserId, userId),
          ),
        )),
    );
  }
  return found;
}

const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/**
 * Subject, HTML and text naming the moved tasks per account (accounts by name, tasks by due date),
 * each task with its link in the app and its signed complete link; at most `maxListed` tasks are
 * listed, the rest counted per account.
 */
export function movedTasksEmail(
  deps: Pick<Deps, 'secrets' | 'config' | 'clock'>,
  input: {
    userId: string;
    userName: string;
    accountNames: Map<string, string>;
    tasks: MovedTask[];
    maxListed: number;
  },
): { subject: string; text: string; html: string } {
  const byAccount = new Map<string, MovedTask[]>();
  for (const t of input.tasks)
    byAccount.set(t.accountId, [...(byAccount.get(t.accountId) ?? []), t]);
  const groups = [...byAccount.entries()]
    .map(([accountId, list]) => ({
      accountId,
      name: input.accountNames.get(accountId) ?? 'An account',
      list: list.sort(
        (a, b) => a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title),
      ),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const now = deps.clock.now();
  let budget = input.maxListed;
  const sections = groups.map((g) => {
    const shown = g.list.slice(0, Math.max(0, budget));
    budget -= shown.length;
    return {
      heading: `${g.name} (${g.list.length})`,
      headingUrl: accountAppUrl(deps.config, g.accountId),
      more: g.list.length - shown.length,
      tasks: shown.map((t) => ({
        title: t.title,
        accountName: g.name,
        dueDate: t.dueDate,
        priority: priorityName(t.priority),
        ...taskLinks(deps, { ...t, assigneeUserId: input.userId }, now),
      })),
    };
  });
  const n = input.tasks.length;
  const single = groups.length === 1 ? groups[0]!.name : null;
  const subject = `${plural(n, 'task')} on ${single ?? plural(groups.length, 'account')} reassigned to you`;
  const lead = single
    ? `Hi ${input.userName}, an account assignment changed, so these open tasks on ${single} are now yours:`
    : `Hi ${input.userName}, account assignments changed, so these open tasks are now yours:`;
  return {
    subject,
    ...renderTaskSummaryEmail({
      title: subject,
      lead,
      sections,
      portfolioUrl: portfolioUrl(deps.config),
    }),
  };
}
