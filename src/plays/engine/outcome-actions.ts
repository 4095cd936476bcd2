import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import {
  accounts,
  contacts,
  plays,
  taskTemplates,
  tasks,
  users,
  workspaces,
} from '../../db/schema/index.ts';
import { writeAttributes } from '../../attributes/write-attributes.ts';
import { recordChanges } from '../../events/record-change.ts';
import { recordTimeline } from '../../timeline/record-event.ts';
import { mergeContextFrom } from '../../templates/merge-fields.ts';
import { renderTemplate } from '../../templates/render.ts';
import { templateTask } from '../../templates/template-task.ts';
import { hasOwnAssignmentEmail, sendAssignedRules } from '../../templates/notify-template-task.ts';
import { writeKnownTasks } from '../../tasks/write/write-known-tasks.ts';
import { dueDateFor } from '../../working-days/due-date.ts';
import { templateOffset } from '../../working-days/due-unit.ts';
import { queryRows } from '../../db/rows.ts';
import { assigneeRuleSchema } from '../../assignment/rule.ts';
import { resolveAssignee } from '../../assignment/resolve.ts';
import { asPlay } from '../queries.ts';
import { fireRunFor } from './fire.ts';
import { uuidArray } from '../../db/arrays.ts';
import type { PlayEnv } from './env.ts';
import { MAX_CHAIN_DEPTH } from './context.ts';
import { describeError, isTransient } from './errors.ts';
import { outcomeActionSchema, type OutcomeAction } from '../../templates/outcome-action.ts';

type Input = {
  task: { id: string; account_id: string; template_id: string | null; title: string };
  outcome: string;
  chain: string[];
  env: PlayEnv;
  today: string;
  now: Date;
};
type Account = typeof accounts.$inferSelect;
type Contact = typeof contacts.$inferSelect;
type Step = {
  sp: DbOrTx;
  deps: Deps;
  input: Input;
  account: Account;
  people: Contact[];
  cause: Record<string, unknown>;
};

/**
 * The template's automation for the chosen outcome (ONTRAPORT outcomes), run in the engine's
 * transaction. Each action runs in a savepoint: one that fails (or has nothing to act on) is undone
 * and recorded on the account's timeline as `outcome_action_failed`, and the others still run.
 */
export async function runOutcomeActions(tx: DbOrTx, deps: Deps, input: Input) {
  const [tpl] = await tx
    .select()
    .from(taskTemplates)
    .where(eq(taskTemplates.id, input.task.template_id!));
  if (!tpl) return;
  const entry = (tpl.outcomes as Array<{ name?: string; actions?: unknown[] }>).find(
    (o) => o.name === input.outcome,
  );
  const [account] = await tx.select().from(accounts).where(eq(accounts.id, input.task.account_id));
  if (!entry?.actions?.length || !account) return;
  const linked = await queryRows<{ id: string }>(
    tx,
    sql`select contact_id as id from task_contacts where task_id = ${input.task.id}::uuid`,
  );
  const people = linked.length
    ? await tx
        .select()
        .from(contacts)
        .where(sql`${contacts.id} = any(${uuidArray(linked.map((c) => c.id))})`)
    : [];
  const cause = {
    cause: 'outcome',
    taskId: input.task.id,
    outcome: input.outcome,
    chain: input.chain,
  };
  for (const [index, raw] of entry.actions.entries()) {
    const parsed = outcomeActionSchema.safeParse(raw);
    // The failure names the kind as the schema reads it (a legacy spelling under its canonical name).
    const type = parsed.success
      ? parsed.data.type
      : raw && typeof raw === 'object'
        ? String((raw as { type?: unknown }).type)
        : 'unknown';
    try {
      if (!parsed.success)
        throw new Error("The saved action is not valid; edit the template's outcome.");
      const a = parsed.data;
      await tx.transaction((sp) => runStep({ sp, deps, input, account, people, cause }, a));
    } catch (err) {
      // A deadlock or lost connection rolls the whole batch back so it is claimed again.
      if (isTransient(err)) throw err;
      await recordFailure(tx, input, account, { index, type, error: failureText(err) });
      if (deps.config.LOG_LEVEL !== 'silent')
        console.error('[plays] outcome action failed:', failureText(err));
    }
  }
}

async function runStep(s: Step, a: OutcomeAction) {
  const { sp, input, account, people, cause } = s;
  const ws = account.workspaceId;
  switch (a.type) {
    case 'add_tag':
    case 'remove_tag': {
      const add = a.type === 'add_tag';
      const table = a.target === 'contact' ? sql.raw('contacts') : sql.raw('accounts');
      const ids = a.target === 'contact' ? people.map((p) => p.id) : [account.id];
      const changed = await queryRows<{ id: string }>(
        sp,
        sql`update ${table} r set tags = ${add ? sql`array_append(r.tags, ${a.tag}::text)` : sql`array_remove(r.tags, ${a.tag}::text)`},
        version = r.version + 1, updated_at = ${input.now} where r.id = any(${uuidArray(ids)}) and ${add ? sql`not` : sql``} (${a.tag}::text = any(r.tags)) returning r.id`,
      );
      await recordChanges(
        sp,
        changed.map((r) => ({
          workspaceId: ws,
          entity: a.target === 'contact' ? ('contact' as const) : ('account' as const),
          entityId: r.id,
          accountId: account.id,
          kind: 'updated' as const,
          payload: cause,
        })),
      );
      return;
    }
    case 'set_attribute':
      return setAttribute(s, a);
    case 'send_email': {
      const to = people.filter((c) => c.email);
      if (to.length === 0)
        throw new Error('No contact associated with the task has an e-mail address.');
      for (const c of to) {
        const merge = mergeContextFrom({ account, contact: c });
        await s.deps.mailer.enqueue(sp, {
          workspaceId: ws,
          to: c.email!,
          kind: 'outcome_email',
          subject: renderTemplate(a.subject, merge, 'header'),
          text: renderTemplate(a.body, merge, 'text'),
        });
      }
      return;
    }
    case 'create_task_from_template':
      return followUpFromTemplate(sp, s.deps, account, a, input);
    case 'enroll_in_play': {
      const [row] = await sp
        .select()
        .from(plays)
        .where(and(eq(plays.id, a.playId), eq(plays.workspaceId, ws)));
      if (!row || row.status !== 'enabled')
        throw new Error(
          row ? `The play "${row.name}" is not enabled.` : 'The play no longer exists.',
        );
      // Loop protection, as for plays enrolling plays: never re-enter a play already in this chain.
      if (input.chain.includes(row.id) || input.chain.length >= MAX_CHAIN_DEPTH) return;
      const play = asPlay(row);
      const targets =
        play.subject === 'accounts'
          ? sql`select ${account.id}::uuid as record_id`
          : sql`select unnest(${uuidArray(people.map((p) => p.id))}) as record_id`;
      await fireRunFor(
        {
          deps: s.deps,
          tx: sp,
          play,
          env: input.env,
          chain: input.chain,
          dryRun: false,
          triggeredBy: null,
        },
        targets,
        'enroll',
        { taskId: input.task.id, outcome: input.outcome },
      );
      return;
    }
  }
}

/** Sets one attribute on the task's account, or on each contact associated with the task. */
async function setAttribute(
  { sp, input, account, people }: Step,
  a: Extract<OutcomeAction, { type: 'set_attribute' }>,
) {
  if (a.target === 'contact' && people.length === 0)
    throw new Error('No contact is associated with the task.');
  await writeAttributes(
    sp,
    {
      entity: a.target === 'contact' ? 'contact' : 'account',
      workspaceId: account.workspaceId,
      ids: a.target === 'contact' ? people.map((p) => p.id) : [account.id],
    },
    { [a.key]: a.value },
    {
      origin: {
        actorId: null,
        cause: 'outcome',
        taskId: input.task.id,
        outcome: input.outcome,
        chain: input.chain,
      },
      at: input.now,
      pathPrefix: 'outcome',
    },
  );
}

/** The error as one line, with the field problems of a validation error. */
function failureText(err: unknown): string {
  const details = (err as { details?: Array<{ path: string; message: string }> }).details;
  const base = describeError(err);
  return details?.length
    ? `${base} ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`.slice(0, 500)
    : base;
}

/**
 * The failure on the account's timeline (and in the task's history); `title` is the line the web
 * timeline shows for it.
 */
async function recordFailure(
  tx: DbOrTx,
  input: Input,
  account: Account,
  f: { index: number; type: string; error: string },
) {
  await recordTimeline(tx, {
    workspaceId: account.workspaceId,
    accountId: account.id,
    taskId: input.task.id,
    type: 'outcome_action_failed',
    at: input.now,
    payload: {
      ...f,
      outcome: input.outcome,
      templateId: input.task.template_id,
      taskTitle: input.task.title,
      title: `${f.type} after outcome "${input.outcome}" on "${input.task.title}" — ${f.error}`,
    },
  });
}

/**
 * "Call again next week": a task from another template on the same account, made like a template
 * applied by hand (`templateTask`) and written by the one task writer (timeline, change events with
 * this outcome's chain, assignment e-mail, the template's "when assigned" rules).
 */
async function followUpFromTemplate(
  tx: DbOrTx,
  deps: Deps,
  account: typeof accounts.$inferSelect,
  a: Extract<OutcomeAction, { type: 'create_task_from_template' }>,
  input: Input,
) {
  const [tpl] = await tx
    .select()
    .from(taskTemplates)
    .where(
      and(eq(taskTemplates.id, a.templateId), eq(taskTemplates.workspaceId, account.workspaceId)),
    );
  const [done] = await tx.select().from(tasks).where(eq(tasks.id, input.task.id));
  if (!tpl || !done) return;
  const rule = assigneeRuleSchema.safeParse(tpl.assigneeRule);
  const resolved = rule.success
    ? await resolveAssignee(tx, {
        workspaceId: account.workspaceId,
        accountId: account.id,
        rule: rule.data,
        fallback: { ownerUserId: done.assigneeUserId, createdBy: done.accountabilityUserId },
        cursorKey: `template:${tpl.id}`,
        now: input.now,
      })
    : { userId: done.assigneeUserId, fallbackReason: null };
  if (!resolved.userId) return;
  // The same merge values as a template applied by hand (assignee, task, workspace), not the account alone.
  const [assignee] = await tx
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, resolved.userId));
  const [ws] = await tx
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, account.workspaceId));
  const [by] = done.completedById
    ? await tx.select({ name: users.name }).from(users).where(eq(users.id, done.completedById))
    : [];
  const dueDate = await dueDateFor(tx, {
    workspaceId: account.workspaceId,
    assigneeUserId: resolved.userId,
    now: input.now,
    workspaceToday: input.today,
    ...templateOffset(a, tpl),
  });
  const values = templateTask(
    tpl,
    { account, assignee: assignee ?? null, workspace: ws ?? null },
    dueDate,
  );
  const [id] = await writeKnownTasks(deps, tx, {
    workspaceId: account.workspaceId,
    actor: null,
    by: by?.name,
    tasks: [
      {
        ...values,
        accountId: account.id,
        accountName: account.name,
        assigneeName: assignee?.name ?? '',
        assigneeUserId: resolved.userId,
        fallbackReason: resolved.fallbackReason,
        source: 'follow_up',
      },
    ],
    changes: {
      cause: {
        cause: 'outcome',
        taskId: input.task.id,
        outcome: input.outcome,
        chain: input.chain,
      },
      accountEvent: false,
    },
    emails: !hasOwnAssignmentEmail(tpl.notificationRules),
  });
  await sendAssignedRules(deps, tx, {
    task: {
      ...values,
      id: id!,
      workspaceId: account.workspaceId,
      assigneeUserId: resolved.userId,
      version: 1,
    },
    accountName: account.name,
    assignedByName: by?.name ?? 'Playmaker',
    rules: tpl.notificationRules,
  });
}
