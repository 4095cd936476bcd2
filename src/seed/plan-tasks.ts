import { randomUUID } from 'node:crypto';
import type { tasks } from '../db/schema/index.ts';
import { addDays } from '../workspaces/dates.ts';
import type { PlannedAccount } from './plan-accounts.ts';
import type { PlannedContact } from './plan-contacts.ts';
import type { RoleHolders } from './plan-roles.ts';
import type { Rng } from './random.ts';
import type { Catalog, DemoForm, FlowName } from './seed-catalog.ts';
import type { DemoUser, People } from './seed-people.ts';
import type { DemoTime } from './seed-time.ts';
import { describe, flowContent } from './task-content.ts';

/** Every state a task can be in, relative to today, and how many demo tasks are in each. */
export const taskStatePlan = {
  overdue: 110,
  due_today: 35,
  due_week: 75,
  later: 225,
  contact_assigned: 15,
  request_overdue: 10,
  request_open: 25,
  completed_on_time: 290,
  completed_late: 110,
  request_completed: 45,
  deleted: 60,
} as const;
export type TaskState = keyof typeof taskStatePlan;

export type TaskRow = typeof tasks.$inferInsert & {
  id: string;
  accountId: string;
  createdAt: Date;
  updatedAt: Date;
};
export type AssigneeRef = { type: 'user' | 'contact'; id: string; name: string };
export type PlannedTask = {
  row: TaskRow;
  state: TaskState;
  contactIds: string[];
  account: PlannedAccount;
  flow: FlowName;
  assignee: AssigneeRef;
  form?: DemoForm;
};

type Context = {
  rng: Rng;
  time: DemoTime;
  ws: string;
  accounts: PlannedAccount[];
  contacts: PlannedContact[];
  holders: RoleHolders;
  people: People;
  catalog: Catalog;
};

const flowsByStage: Record<string, ReadonlyArray<readonly [FlowName, number]>> = {
  Onboarding: [
    ['Onboarding', 60],
    ['Adoption', 30],
    ['Expansion', 10],
  ],
  Adoption: [
    ['Adoption', 60],
    ['Onboarding', 10],
    ['Expansion', 20],
    ['Risk', 10],
  ],
  Mature: [
    ['Adoption', 35],
    ['Expansion', 30],
    ['Renewal', 25],
    ['Risk', 10],
  ],
  Renewal: [
    ['Renewal', 70],
    ['Expansion', 15],
    ['Risk', 15],
  ],
  'At risk': [
    ['Risk', 65],
    ['Renewal', 25],
    ['Adoption', 10],
  ],
};
const tierWeight = { Enterprise: 3, 'Mid-Market': 2, SMB: 1 } as const;

/** The demo tasks: the counts of `taskStatePlan`, on accounts weighted by size, assigned to people who can see them. */
export function planTasks(ctx: Context): PlannedTask[] {
  const { rng } = ctx;
  const accountWeights = ctx.accounts.map(
    (a) => [a, tierWeight[a.teams[0]!] * (a.lifecycleStage === 'At risk' ? 1.5 : 1)] as const,
  );
  const contactsOf = new Map<string, PlannedContact[]>();
  for (const c of ctx.contacts)
    contactsOf.set(c.accountId, [...(contactsOf.get(c.accountId) ?? []), c]);
  const out: PlannedTask[] = [];
  for (const [state, count] of Object.entries(taskStatePlan) as Array<[TaskState, number]>) {
    for (let i = 0; i < count; i++) {
      const account = rng.weighted(accountWeights);
      const isRequest = state.startsWith('request_');
      out.push(
        isRequest
          ? planRequest(ctx, state, account)
          : planTodo(ctx, state, account, contactsOf.get(account.id) ?? []),
      );
    }
  }
  return out;
}

function planTodo(
  ctx: Context,
  state: TaskState,
  account: PlannedAccount,
  accountContacts: PlannedContact[],
): PlannedTask {
  const { rng } = ctx;
  const flow = rng.weighted(flowsByStage[account.lifecycleStage] ?? flowsByStage.Mature!);
  const content = flowContent[flow];
  const outcomes = rng.chance(0.4) ? content.outcomes : [];
  const { assignee, roleId } = pickAssignee(ctx, account);
  const creator = pickCreator(ctx, account, assignee);
  let contactIds =
    rng.chance(0.4) && accountContacts.length
      ? rng.sample(accountContacts, rng.int(1, 2)).map((c) => c.id)
      : [];
  let assigneeContactId: string | null = null;
  let ref: AssigneeRef = { type: 'user', id: assignee.id, name: assignee.name };
  if (state === 'contact_assigned') {
    // Contacts can be assignees (no e-mail to them); they are always associated with the task too.
    const contact = rng.pick(accountContacts);
    assigneeContactId = contact.id;
    ref = { type: 'contact', id: contact.id, name: `${contact.firstName} ${contact.lastName}` };
    contactIds = [...new Set([contact.id, ...contactIds])];
  }
  const dates = planDates(ctx, state);
  const completed = dates.completedAt !== null;
  const row: TaskRow = {
    id: randomUUID(),
    workspaceId: ctx.ws,
    accountId: account.id,
    kind: 'todo',
    status: dates.status,
    title: rng.pick(content.titles),
    description: describe(rng.pick(content.details), account.name),
    flowId: ctx.catalog.flowIds[flow],
    assigneeUserId: assigneeContactId ? null : assignee.id,
    assigneeContactId,
    assigneeRoleId: assigneeContactId ? null : roleId,
    assignedById: creator.id,
    createdById: creator.id,
    dueDate: dates.dueDate,
    priority: rng.weighted(
      state === 'overdue' || flow === 'Risk'
        ? ([
            [1, 35],
            [2, 55],
            [3, 10],
          ] as const)
        : ([
            [1, 20],
            [2, 60],
            [3, 20],
          ] as const),
    ),
    outcomes,
    outcome: completed && outcomes.length ? rng.pick(outcomes) : null,
    source: 'manual',
    completedAt: dates.completedAt,
    completedById: completed ? completer(ctx, account, assignee) : null,
    deletedAt: dates.deletedAt,
    version: dates.status === 'open' ? 1 : 2,
    createdAt: dates.createdAt,
    updatedAt: dates.completedAt ?? dates.deletedAt ?? dates.createdAt,
  };
  return { row, state, contactIds, account, flow, assignee: ref };
}

function planRequest(ctx: Context, state: TaskState, account: PlannedAccount): PlannedTask {
  const { rng } = ctx;
  // Only forms for the account's type are offered.
  const form = rng.pick(ctx.catalog.forms.filter((f) => f.accountType === account.accountType));
  const flow: FlowName = form.fields.some((f) => f.attributeKey === 'renewal_date')
    ? 'Renewal'
    : 'Adoption';
  const { assignee, roleId } = pickAssignee(ctx, account);
  const creator = pickCreator(ctx, account, assignee);
  const dates = planDates(ctx, state);
  const row: TaskRow = {
    id: randomUUID(),
    workspaceId: ctx.ws,
    accountId: account.id,
    kind: 'request_info',
    status: dates.status,
    title: `Please update: ${form.name}`,
    description: rng.chance(0.6)
      ? `<p>Please bring the ${form.name.toLowerCase()} of ${account.name} up to date.</p>`
      : '',
    flowId: ctx.catalog.flowIds[flow],
    assigneeUserId: assignee.id,
    assigneeRoleId: roleId,
    assignedById: creator.id,
    createdById: creator.id,
    dueDate: dates.dueDate,
    priority: 2,
    outcomes: [],
    formId: form.id,
    source: 'manual',
    completedAt: dates.completedAt,
    completedById: dates.completedAt ? assignee.id : null,
    version: dates.status === 'open' ? 1 : 2,
    createdAt: dates.createdAt,
    updatedAt: dates.completedAt ?? dates.createdAt,
  };
  return {
    row,
    state,
    contactIds: [],
    account,
    flow,
    assignee: { type: 'user', id: assignee.id, name: assignee.name },
    form,
  };
}

type Dates = {
  status: 'open' | 'completed' | 'deleted';
  dueDate: string;
  createdAt: Date;
  completedAt: Date | null;
  deletedAt: Date | null;
};

/** Due date and lifecycle instants for a state; everything happened before the clock's now. */
function planDates(ctx: Context, state: TaskState): Dates {
  const { rng, time } = ctx;
  const createdBefore = (due: string, maxDays: number) =>
    time.during(addDays(due < time.today ? due : time.today, -rng.int(1, maxDays)), rng);
  const open = (dueDate: string, maxDays = 21): Dates => ({
    status: 'open',
    dueDate,
    createdAt: createdBefore(dueDate, maxDays),
    completedAt: null,
    deletedAt: null,
  });
  switch (state) {
    case 'overdue':
      return open(time.day(-rng.int(1, 30)));
    case 'due_today':
      return open(time.today, 14);
    case 'due_week':
      return open(time.day(rng.int(1, 6)), 10);
    case 'later':
      return open(time.day(rng.int(7, 75)), 20);
    case 'request_open':
      return open(time.day(rng.int(1, 20)), 10);
    case 'contact_assigned':
      return open(time.day(rng.int(-5, 20)), 14);
    case 'request_overdue':
      return open(time.day(-rng.int(1, 14)), 14);
    case 'request_completed':
      return planDates(ctx, rng.chance(0.7) ? 'completed_on_time' : 'completed_late');
    case 'completed_on_time': {
      const completedAt = time.during(time.day(-rng.int(0, 120)), rng);
      const createdAt = new Date(completedAt.getTime() - rng.int(2 * 60, 20 * 24 * 60) * 60_000);
      return {
        status: 'completed',
        dueDate: addDays(time.dateOf(completedAt), rng.int(0, 7)),
        createdAt,
        completedAt,
        deletedAt: null,
      };
    }
    case 'completed_late': {
      const completedAt = time.during(time.day(-rng.int(0, 120)), rng);
      const dueDate = addDays(time.dateOf(completedAt), -rng.int(1, 14));
      return {
        status: 'completed',
        dueDate,
        createdAt: time.during(addDays(dueDate, -rng.int(1, 20)), rng),
        completedAt,
        deletedAt: null,
      };
    }
    case 'deleted': {
      const dueDate = time.day(rng.int(-20, 30));
      const createdAt = createdBefore(dueDate, 20);
      const deletedAt = new Date(
        createdAt.getTime() + Math.floor(rng.next() * (time.now.getTime() - createdAt.getTime())),
      );
      return { status: 'deleted', dueDate, createdAt, completedAt: null, deletedAt };
    }
  }
}

/** Half the work goes to the Success Manager (often by role); the rest to any member of the account's teams, rarely the admin. */
function pickAssignee(
  ctx: Context,
  account: PlannedAccount,
): { assignee: DemoUser; roleId: string | null } {
  const { rng } = ctx;
  const success = ctx.holders.get(account.id)?.['Success Manager'];
  if (success && rng.chance(0.5))
    return {
      assignee: success,
      roleId: rng.chance(0.5) ? ctx.catalog.roleIds['Success Manager'] : null,
    };
  if (rng.chance(0.03)) return { assignee: ctx.people.admin, roleId: null };
  return { assignee: rng.pick(membersOf(ctx, account)), roleId: null };
}

function pickCreator(ctx: Context, account: PlannedAccount, assignee: DemoUser): DemoUser {
  return ctx.rng.weighted([
    [assignee, 55],
    [ctx.people.leads[account.teams[0]!], 30],
    [ctx.people.admin, 15],
  ] as const);
}

function completer(ctx: Context, account: PlannedAccount, assignee: DemoUser): string {
  return ctx.rng.chance(0.9) ? assignee.id : ctx.people.leads[account.teams[0]!].id;
}

const membersOf = (ctx: Context, account: PlannedAccount) => [
  ...new Set(account.teams.flatMap((t) => ctx.people.members[t])),
];
