import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../context.ts';
import { tasks } from '../db/schema/index.ts';
import { createTemplate } from '../templates/manage-templates.ts';
import { createTemplateBody } from '../templates/schema.ts';
import { createSegment } from '../segments/manage-segments.ts';
import { segmentInputSchema } from '../segments/schema.ts';
import { createPlay, updatePlay } from '../plays/manage-plays.ts';
import { enablePlay } from '../plays/enable-play.ts';
import { runManualPlay } from '../plays/run-play.ts';
import { publishDraft } from '../plays/versions/manage-versions.ts';
import { playInputSchema, type PlayInput } from '../plays/schema.ts';
import { settleEngine } from '../plays/settle-engine.ts';
import { completeTask } from '../tasks/complete-task.ts';
import { putAllowlist } from '../webhooks/manage-settings.ts';
import { addHoliday } from '../working-days/add-holiday.ts';
import { addDays } from '../workspaces/dates.ts';
import type { Catalog } from './seed-catalog.ts';
import { seedJourney } from './seed-journey.ts';
import { seedFeed } from './seed-feed.ts';
import type { DatedTimeline } from './dated-timeline.ts';
import { completedEntry } from './plan-history.ts';
import { textArray, uuidArray } from '../db/arrays.ts';
import type { People } from './seed-people.ts';
import type { DemoTime } from './seed-time.ts';

/** The demo's plays by name; the first screen's "What to try next" links find them by these names. */
export const showcasePlays = {
  renewal: 'Renewal in 60 days → renewal call',
  qbr: 'Weekly QBR prep',
  followUp: 'At-risk renewal → rescue plan',
  journey: 'Onboarding call campaign',
} as const;

/** Loopback and closed: deliveries fail, retry and end as dead letters, and nothing leaves the machine. */
const unreachableWebhook = 'http://127.0.0.1:9/demo-crm/{{account.external_id}}';
const WEEKS_OF_HISTORY = 6;

const at = (deps: Deps, when: Date): Deps => ({ ...deps, clock: { now: () => when } });
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);
/** When the showcase's history begins: the recurring play's first firing. */
export const historyStart = (now: Date) => daysBefore(now, WEEKS_OF_HISTORY * 7);
const play = (input: Record<string, unknown>): PlayInput => playInputSchema.parse(input);

/**
 * What makes Playmaker different, already at work on first start: templates with outcomes and
 * notification rules, segments, enabled plays of each trigger type and a journey, weeks of runs
 * (through the use cases, on a clock set back in time) and completed tasks so effectiveness has a
 * history, a webhook whose deliveries fail to a closed loopback port, holidays, a play with a
 * second published version, and the admin's feed. Runs after the demo's baseline transaction has
 * committed; `timeline` holds the baseline's entries dated after `historyStart`, written (with the
 * history's own) as the history reaches their dates.
 */
export async function seedShowcase(
  deps: Deps,
  ws: string,
  people: People,
  catalog: Catalog,
  time: DemoTime,
  timeline: DatedTimeline,
): Promise<void> {
  const now = deps.clock.now();
  const admin: Actor = {
    userId: people.admin.id,
    workspaceId: ws,
    role: 'admin',
    name: people.admin.name,
    email: people.admin.email,
    teamIds: [],
    via: 'token',
  };
  const weeksAgo = historyStart(now);
  const past = at(deps, weeksAgo);

  for (const [offset, name] of [
    [9, 'Company offsite'],
    [30, 'Founders’ day'],
  ] as const)
    await addHoliday(deps, admin, { calendar: 'default', date: time.day(offset), name });
  await putAllowlist(deps, admin, { entries: ['127.0.0.1/32'] });

  const csm = { type: 'role' as const, roleId: catalog.roleIds['Success Manager'] };
  const renewalCall = await createTemplate(
    past,
    admin,
    createTemplateBody.parse({
      name: 'Renewal call',
      title: 'Renewal call with {{account.name}}',
      description: '<p>Confirm the renewal date, the seats and who signs.</p>',
      dueOffsetDays: 7,
      priority: 'high',
      flowId: catalog.flowIds.Renewal,
      assigneeRule: csm,
      outcomes: [{ name: 'Renewing' }, { name: 'At risk' }, { name: 'Not renewing' }],
      notificationRules: [
        { to: 'assignee', when: 'assigned' },
        { to: 'assignee_manager', when: { daysAfterDue: 2, unit: 'working_days' } },
      ],
    }),
  );
  const qbrPrep = await createTemplate(
    past,
    admin,
    createTemplateBody.parse({
      name: 'QBR preparation',
      title: 'Prepare the QBR for {{account.name}}',
      description: '<p>Usage, open issues and the next quarter’s goals on one page.</p>',
      dueOffsetDays: 5,
      flowId: catalog.flowIds.Adoption,
      assigneeRule: csm,
      outcomes: [{ name: 'Deck ready' }, { name: 'Meeting booked' }],
      notificationRules: [{ to: 'assignee', when: { daysBeforeDue: 1 } }],
    }),
  );

  const renewing = {
    kind: 'compare',
    field: 'attributes.renewal_date',
    op: 'within_next_days',
    days: 60,
  };
  const poorHealth = { kind: 'compare', field: 'attributes.health', op: 'eq', value: 'poor' };
  await createSegment(
    deps,
    admin,
    segmentInputSchema.parse({
      name: 'Renewing in the next 60 days',
      subject: 'accounts',
      criteria: renewing,
    }),
  );
  const poor = await createSegment(
    deps,
    admin,
    segmentInputSchema.parse({
      name: 'Enterprise customers in poor health',
      subject: 'accounts',
      criteria: {
        kind: 'and',
        items: [
          poorHealth,
          { kind: 'compare', field: 'account_type', op: 'eq', value: 'customer' },
          { kind: 'compare', field: 'attributes.arr', op: 'gte', value: 150_000 },
        ],
      },
    }),
  );

  // The recurring play, created and enabled weeks ago, run once a week since: the effectiveness history.
  const qbr = await createPlay(
    past,
    admin,
    play({
      name: showcasePlays.qbr,
      description:
        'Every Monday: prepare the quarterly review of enterprise customers in poor health.',
      subject: 'accounts',
      trigger: { type: 'recurring', recurring: { cron: '0 8 * * 1' } },
      fromSegmentId: poor.id,
      actions: [{ type: 'create_task', templateId: qbrPrep.id, assignee: csm }],
    }),
  );
  for (let week = WEEKS_OF_HISTORY; week >= 1; week--) {
    const firedAt = daysBefore(now, week * 7);
    await timeline.upTo(firedAt);
    if (week === WEEKS_OF_HISTORY) await enablePlay(past, admin, qbr.id, { fireNow: true });
    else await runManualPlay(at(deps, firedAt), admin, qbr.id, {});
    await completeWeek(deps, now, admin, qbr.id, firedAt, week, timeline);
  }
  // History done: the rest of the timeline, then the admin's feed, dated now, so ids follow dates.
  await timeline.rest();
  await deps.db.transaction((tx) => seedFeed(deps, tx, ws, people, catalog, time));

  // The event play: renewals 60 days out get the renewal call, and the CRM hears of it (webhook).
  const renewal = await createPlay(
    deps,
    admin,
    play({
      name: showcasePlays.renewal,
      description: 'When a customer’s renewal is 60 days away, the success manager calls them.',
      subject: 'accounts',
      trigger: { type: 'enter' },
      criteria: renewing,
      actions: [
        { type: 'create_task', templateId: renewalCall.id, assignee: csm },
        {
          type: 'webhook',
          webhook: {
            name: 'Tell the CRM',
            urlTemplate: unreachableWebhook,
            bodyTemplate: '{"account": {{account.name}}, "event": "renewal_call_planned"}',
          },
        },
      ],
    }),
  );
  await enablePlay(deps, admin, renewal.id, { fireNow: true });

  // The task-completed play: a renewal call marked "At risk" starts a rescue plan. Too early to tell.
  await createPlay(
    deps,
    admin,
    play({
      name: showcasePlays.followUp,
      description: 'A renewal call that ends “At risk” gets a rescue plan within two working days.',
      subject: 'accounts',
      trigger: {
        type: 'task_completed',
        taskCompleted: { templateId: renewalCall.id, outcome: 'At risk' },
      },
      actions: [
        {
          type: 'create_task',
          title: 'Rescue plan for {{account.name}}',
          description: '<p>Agree the three things that would make them renew.</p>',
          dueInDays: 2,
          dueUnit: 'working_days',
          flowId: catalog.flowIds.Risk,
          assignee: csm,
        },
      ],
    }),
  ).then((p) => enablePlay(deps, admin, p.id, { fireNow: false }));

  await seedJourney(deps, admin, showcasePlays.journey, catalog.flowIds.Onboarding, csm);

  // An edit to a published play is a draft until published: the QBR play gets a version 2 with a goal.
  const current = await updatePlay(
    deps,
    admin,
    qbr.id,
    { goalCriteria: { kind: 'compare', field: 'attributes.health', op: 'neq', value: 'poor' } },
    qbr.version,
  );
  await publishDraft(deps, admin, qbr.id, current.version);

  // The renewal calls completed so far fire the task-completed play through the engine.
  const [call] = await tasks_of(deps, ws, renewal.id);
  if (call) await completeTask(deps, admin, call.id, { outcome: 'At risk' });
  await settleEngine(deps);
}

const tasks_of = (deps: Deps, ws: string, playId: string) =>
  deps.db
    .select({
      id: tasks.id,
      accountId: tasks.accountId,
      assigneeUserId: tasks.assigneeUserId,
      title: tasks.title,
      kind: tasks.kind,
      dueDate: tasks.dueDate,
    })
    .from(tasks)
    .where(and(eq(tasks.workspaceId, ws), eq(tasks.playId, playId), isNull(tasks.completedAt)))
    .orderBy(asc(tasks.dueDate), asc(tasks.id));

/**
 * Completes most of the tasks a run fired: on time (the day before due) or late (the day after),
 * a little worse each older week so the history has a shape; the latest week is left mostly open.
 * All between this run and the next (a task left from an earlier week is done late, after this
 * run). Written set-based like the baseline's completed tasks (the completion use case's change
 * events would find nothing to do: no play or journey follows these tasks' completion), with their
 * timeline entries queued in date order.
 */
async function completeWeek(
  deps: Deps,
  now: Date,
  admin: Actor,
  playId: string,
  firedAt: Date,
  week: number,
  timeline: DatedTimeline,
) {
  const open = await tasks_of(deps, admin.workspaceId, playId);
  const fired = open.filter(
    (t) => t.dueDate && t.dueDate <= addDays(firedAt.toISOString().slice(0, 10), 7),
  );
  const done = week === 1 ? Math.floor(fired.length / 3) : Math.ceil(fired.length * 0.8);
  const completed = fired.slice(0, done).map((t, i) => {
    const late = i % 4 === 0 || (week >= 5 && i % 3 === 0);
    const due = new Date(`${t.dueDate}T15:00:00Z`).getTime() + (late ? 1 : -1) * 86_400_000;
    const at = Math.min(Math.max(due, firedAt.getTime() + 3_600_000), now.getTime());
    return {
      ...t,
      completedAt: new Date(at),
      completedById: admin.userId,
      outcome: i % 2 ? 'Meeting booked' : 'Deck ready',
    };
  });
  if (completed.length === 0) return;
  await deps.db.execute(sql`update tasks t set status = 'completed', completed_at = v.at,
      completed_by_id = ${admin.userId}::uuid, outcome = v.outcome, version = t.version + 1, updated_at = v.at
    from unnest(${uuidArray(completed.map((c) => c.id))}, ${textArray(completed.map((c) => c.completedAt.toISOString()))}::timestamptz[],
      ${textArray(completed.map((c) => c.outcome))}) as v(id, at, outcome)
    where t.id = v.id and t.status = 'open'`);
  timeline.add(completed.map((c) => completedEntry(admin.workspaceId, c)));
}
