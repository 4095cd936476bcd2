import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type SQL } from 'drizzle-orm';
import { testContext, type TestContext } from '../test/harness.ts';
import { queryRows } from '../db/rows.ts';
import { bearer } from '../test/fixtures.ts';
import { validateAttributes } from '../accounts/attributes.ts';
import { todayIn, addDays } from '../workspaces/dates.ts';
import { demoCounts, demoTimeZone, seedDemo, seedIfEmpty, type SeedResult } from './seed.ts';
import { planAccounts } from './plan-accounts.ts';
import { createRng } from './random.ts';
import { demoTime } from './seed-time.ts';
import { showcasePlays } from './seed-showcase.ts';

const ADMIN = {
  email: 'owner@demo.test',
  password: 'a configured password',
  token: 'pmk_configured-admin-token-0123456789',
};

describe('demo seed', () => {
  let t: TestContext;
  let seeded: SeedResult;
  let today: string;
  const rows = <T = Record<string, unknown>>(query: SQL) => queryRows<T>(t.deps.db, query);
  const count = async (query: SQL) =>
    Number((await rows<{ n: number }>(sql`select count(*)::int as n from (${query}) q`))[0]!.n);

  before(async () => {
    t = await testContext({
      env: {
        PLAYMAKER_ADMIN_EMAIL: ADMIN.email,
        PLAYMAKER_ADMIN_PASSWORD: ADMIN.password,
        PLAYMAKER_ADMIN_TOKEN: ADMIN.token,
      },
    });
    // An evening instant: New York's date is a day behind UTC's, which catches UTC-vs-local mistakes.
    t.clock.set('2026-03-03T02:30:00Z');
    today = todayIn(demoTimeZone, t.clock.now());
    const first = await seedIfEmpty(t.deps);
    assert.ok(first, 'an empty database is seeded on first start');
    seeded = first;
  });
  after(() => t.close());

  it('creates the promised workspace, people, catalog, accounts, contacts and tasks', async () => {
    assert.equal(today, '2026-03-02');
    const [ws] = await rows<{ time_zone: string }>(sql`select time_zone from workspaces`);
    assert.equal(ws!.time_zone, demoTimeZone);
    assert.equal(await count(sql`select 1 from teams`), demoCounts.teams);
    assert.equal(await count(sql`select 1 from users`), demoCounts.users);
    assert.equal(await count(sql`select 1 from accounts`), demoCounts.accounts);
    assert.equal(await count(sql`select 1 from contacts`), demoCounts.contacts);
    // The baseline's tasks; the showcase's plays fire more (seed-showcase.ts, checked below).
    assert.equal(await count(sql`select 1 from tasks where play_id is null`), demoCounts.tasks);
    assert.ok(demoCounts.tasks >= 900 && demoCounts.accounts >= 200 && demoCounts.contacts >= 600);
    assert.deepEqual(
      (await rows<{ name: string }>(sql`select name from account_roles order by name`)).map(
        (r) => r.name,
      ),
      ['Executive Sponsor', 'Sales Manager', 'Success Manager'],
    );
    assert.deepEqual(
      (await rows<{ name: string }>(sql`select name from flows order by name`)).map((r) => r.name),
      ['Adoption', 'Expansion', 'Onboarding', 'Renewal', 'Risk'],
    );
    assert.equal(await count(sql`select 1 from attribute_definitions where entity = 'account'`), 7);
    assert.equal(
      await count(sql`select 1 from attribute_definitions where key = 'crm_owner' and crm_synced`),
      1,
    );
    assert.equal(await count(sql`select 1 from attribute_definitions where entity = 'contact'`), 2);
    assert.deepEqual(
      (
        await rows<{ account_type: string }>(
          sql`select distinct account_type from forms order by 1`,
        )
      ).map((r) => r.account_type),
      ['customer', 'partner'],
    );
    assert.deepEqual(
      (await rows<{ role: string }>(sql`select distinct role from users order by 1`)).map(
        (r) => r.role,
      ),
      ['admin', 'advanced', 'standard'],
    );
    assert.equal(
      await count(
        sql`select 1 from users where role <> 'admin' and (manager_id is null or working_hours is null or attributes->>'region' is null or attributes->>'language' is null)`,
      ),
      0,
    );
    assert.ok((await count(sql`select 1 from touchpoints where task_id is not null`)) > 0);
  });

  it('has tasks in every state, with overdue and due dates relative to the clock', async () => {
    const open = sql`status = 'open' and kind = 'todo' and assignee_user_id is not null`;
    const completedLocal = sql`(completed_at at time zone ${demoTimeZone})::date`;
    const states: Record<string, SQL> = {
      overdue: sql`select 1 from tasks where ${open} and due_date < ${today}::date`,
      dueToday: sql`select 1 from tasks where ${open} and due_date = ${today}::date`,
      dueThisWeek: sql`select 1 from tasks where ${open} and due_date between ${addDays(today, 1)}::date and ${addDays(today, 6)}::date`,
      later: sql`select 1 from tasks where ${open} and due_date > ${addDays(today, 6)}::date`,
      assignedToContact: sql`select 1 from tasks where status = 'open' and assignee_contact_id is not null`,
      completedOnTime: sql`select 1 from tasks where status = 'completed' and kind = 'todo' and ${completedLocal} <= due_date`,
      completedLate: sql`select 1 from tasks where status = 'completed' and kind = 'todo' and ${completedLocal} > due_date`,
      completedWithOutcome: sql`select 1 from tasks where status = 'completed' and outcome is not null`,
      deleted: sql`select 1 from tasks where status = 'deleted' and deleted_at is not null`,
      requestInfoOpen: sql`select 1 from tasks where kind = 'request_info' and status = 'open'`,
      requestInfoOverdue: sql`select 1 from tasks where kind = 'request_info' and status = 'open' and due_date < ${today}::date`,
      requestInfoCompleted: sql`select 1 from tasks where kind = 'request_info' and status = 'completed'`,
      withContacts: sql`select distinct task_id from task_contacts`,
      byRole: sql`select 1 from tasks where assignee_role_id is not null`,
    };
    for (const [state, query] of Object.entries(states))
      assert.ok((await count(query)) > 0, `no task is ${state}`);
  });

  it('keeps the domain rules the API enforces', async () => {
    const violations: Record<string, SQL> = {
      assigneeWithoutAccess: sql`select 1 from tasks t join users u on u.id = t.assignee_user_id where u.role <> 'admin' and not exists (
        select 1 from team_members tm join account_teams at on at.team_id = tm.team_id where tm.user_id = u.id and at.account_id = t.account_id)`,
      disabledAssignee: sql`select 1 from tasks t join users u on u.id = t.assignee_user_id where not u.enabled and t.status = 'open'`,
      completedMismatch: sql`select 1 from tasks where (status = 'completed') <> (completed_at is not null and completed_by_id is not null)`,
      deletedMismatch: sql`select 1 from tasks where (status = 'deleted') <> (deleted_at is not null)`,
      outcomeMissing: sql`select 1 from tasks where status = 'completed' and cardinality(outcomes) > 0 and not (outcome = any(outcomes))`,
      outcomeOnOpen: sql`select 1 from tasks where status <> 'completed' and outcome is not null`,
      requestInfoWrongForm: sql`select 1 from tasks t join accounts a on a.id = t.account_id left join forms f on f.id = t.form_id
        where t.kind = 'request_info' and (f.id is null or f.account_type <> a.account_type)`,
      requestInfoDeleted: sql`select 1 from tasks where kind = 'request_info' and status = 'deleted'`,
      contactOfOtherAccount: sql`select 1 from tasks t join contacts c on c.id = t.assignee_contact_id where c.account_id <> t.account_id`,
      taskContactOfOtherAccount: sql`select 1 from task_contacts tc join tasks t on t.id = tc.task_id join contacts c on c.id = tc.contact_id where c.account_id <> t.account_id`,
      roleWithoutHolder: sql`select 1 from tasks t where t.assignee_role_id is not null and not exists (
        select 1 from account_role_holders h where h.account_id = t.account_id and h.role_id = t.assignee_role_id and h.user_id = t.assignee_user_id)`,
      holderCannotSee: sql`select 1 from account_role_holders h join users u on u.id = h.user_id where not u.enabled or not exists (
        select 1 from team_members tm join account_teams at on at.team_id = tm.team_id where tm.user_id = u.id and at.account_id = h.account_id)`,
      accountWithoutTeam: sql`select 1 from accounts a where not exists (select 1 from account_teams at where at.account_id = a.id)`,
      inTheFuture: sql`select 1 from tasks where created_at > ${t.clock.now().toISOString()}::timestamptz or completed_at > ${t.clock.now().toISOString()}::timestamptz
        or deleted_at > ${t.clock.now().toISOString()}::timestamptz or completed_at < created_at or deleted_at < created_at`,
      taskBeforeAccount: sql`select 1 from tasks t join accounts a on a.id = t.account_id where t.created_at < a.created_at`,
      noCreatedEvent: sql`select 1 from tasks t where not exists (select 1 from timeline_events e where e.task_id = t.id and e.type = 'task_created')`,
      noCompletedEvent: sql`select 1 from tasks t where t.status = 'completed' and not exists (select 1 from timeline_events e where e.task_id = t.id and e.type = 'task_completed')`,
      timelineOutOfOrder: sql`select 1 from timeline_events a join timeline_events b on b.id = a.id + 1 where b.created_at < a.created_at`,
      pendingChangeEvents: sql`select 1 from change_events where processed_at is null`,
    };
    for (const [rule, query] of Object.entries(violations))
      assert.equal(await count(query), 0, `violated: ${rule}`);
  });

  it('builds an account hierarchy at least two levels deep and attribute values that pass validation', async () => {
    const [depth] = await rows<{ d: number }>(sql`with recursive h as (
      select id, 0 as d from accounts where parent_id is null
      union all select a.id, h.d + 1 from accounts a join h on a.parent_id = h.id) select max(d)::int as d from h`);
    assert.ok(depth!.d >= 2, `hierarchy depth ${depth!.d}`);
    const [ws] = await rows<{ id: string }>(sql`select id from workspaces`);
    for (const a of await rows<{ attributes: Record<string, unknown> }>(
      sql`select attributes from accounts`,
    )) {
      await validateAttributes(t.deps.db, ws!.id, 'account', a.attributes);
    }
    for (const c of await rows<{ attributes: Record<string, unknown> }>(
      sql`select attributes from contacts limit 100`,
    )) {
      await validateAttributes(t.deps.db, ws!.id, 'contact', c.attributes);
    }
  });

  it('produces the same demo data from the fixed seed', () => {
    const time = demoTime(demoTimeZone, t.clock.now());
    const strip = (list: ReturnType<typeof planAccounts>) =>
      list.map(({ id: _id, parentId: _p, ...rest }) => rest);
    assert.deepEqual(
      strip(planAccounts(createRng(7), time, 50)),
      strip(planAccounts(createRng(7), time, 50)),
    );
  });

  it('signs in the configured admin and a demo standard user, and honours the admin token', async () => {
    assert.equal(seeded.email, ADMIN.email);
    assert.equal(seeded.password, ADMIN.password);
    const login = (email: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    const admin = await login(ADMIN.email, ADMIN.password);
    assert.equal(admin.statusCode, 200);
    assert.equal(admin.json().role, 'admin');
    assert.ok(seeded.demoUser);
    const standard = await login(seeded.demoUser.email, seeded.demoUser.password);
    assert.equal(standard.statusCode, 200);
    assert.equal(standard.json().role, 'standard');
    assert.equal((await login(ADMIN.email, 'not the password')).statusCode, 401);

    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: bearer(ADMIN.token),
    });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().email, ADMIN.email);
    assert.equal(me.json().role, 'admin');
  });

  it("gives the admin's feed bell something to show on first start, written like people would", async () => {
    const get = (url: string) =>
      t.app.inject({ method: 'GET', url, headers: bearer(ADMIN.token) }).then((r) => r.json());
    assert.deepEqual(await get('/api/v1/feed/unread-count'), { unread: 3 });
    const items = (await get('/api/v1/feed')).data as Array<{
      kind: string;
      createdAt: string;
      payload: { title: string; by?: { name: string }; completedBy?: { name: string } };
    }>;
    assert.deepEqual(
      items
        .map((i) => `${i.kind}${i.kind === 'task_assigned' ? `: ${i.payload.title}` : ''}`)
        .sort(),
      [
        'task_assigned: Approve the renewal discount',
        'task_assigned: Join the executive QBR',
        'task_outcome',
      ],
    );
    // Newest first, by the dates shown too.
    const dates = items.map((i) => i.createdAt);
    assert.deepEqual(dates, [...dates].sort().reverse());
    // Each names the teammate who did it (not the admin, who is never told about their own acts).
    for (const i of items) assert.ok((i.payload.by ?? i.payload.completedBy)?.name);
  });

  it('shows the engine at work: enabled plays of every trigger, a journey, runs, effectiveness, webhooks', async () => {
    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers: bearer(ADMIN.token) });
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return res.json();
    };
    type PlayOut = {
      id: string;
      name: string;
      status: string;
      trigger: { type: string };
      steps: unknown;
    };
    const plays = (await get('/api/v1/plays?limit=100')).data as PlayOut[];
    const enabled = plays.filter((p) => p.status === 'enabled');
    assert.deepEqual([...new Set(enabled.map((p) => p.trigger.type))].sort(), [
      'enter',
      'recurring',
      'task_completed',
    ]);
    const byName = (name: string) => {
      const found = enabled.find((p) => p.name === name);
      assert.ok(found, `an enabled play "${name}"`);
      return found;
    };

    // A journey with people on at least two different steps.
    const journey = byName(showcasePlays.journey);
    assert.ok(Array.isArray(journey.steps) && journey.steps.length > 0);
    const { steps } = (await get(`/api/v1/plays/${journey.id}/journey-steps`)) as {
      steps: Array<{ stepId: string; active: number }>;
    };
    assert.ok(steps.filter((s) => s.active > 0).length >= 2, JSON.stringify(steps));

    // Past runs with per-record results.
    const qbr = byName(showcasePlays.qbr);
    const runs = (await get(`/api/v1/plays/${qbr.id}/runs`)).data as Array<{ id: string }>;
    assert.ok(runs.length >= 5, `weekly runs: ${runs.length}`);
    const results = (await get(`/api/v1/plays/${qbr.id}/runs/${runs.at(-1)!.id}/results`)).data;
    assert.ok(results.length > 0, 'the oldest run has per-record results');

    // Effectiveness: a score with a weekly history for the QBR play, too early to tell for the newest.
    const eff = await get(`/api/v1/plays/${qbr.id}/effectiveness?weeks=8`);
    assert.equal(eff.tooEarly, false);
    assert.equal(typeof eff.score, 'number');
    assert.ok(eff.counts.completedOnTime > 0 && eff.counts.completed > eff.counts.completedOnTime);
    const scoredWeeks = (eff.series as Array<{ score: number | null }>).filter(
      (w) => w.score !== null,
    );
    assert.ok(scoredWeeks.length >= 4, JSON.stringify(eff.series));
    const rescue = byName(showcasePlays.followUp);
    assert.equal((await get(`/api/v1/plays/${rescue.id}/effectiveness`)).tooEarly, true);
    assert.ok(
      (await get(`/api/v1/plays/${rescue.id}/runs`)).data.length > 0,
      'the follow-up fired',
    );

    // A second published version of the QBR play.
    const versions = (await get(`/api/v1/plays/${qbr.id}/versions`)).data as unknown[];
    assert.ok(versions.length >= 2, JSON.stringify(versions));

    // Webhook deliveries to the unreachable loopback URL, and holidays in the workspace calendar.
    const renewal = byName(showcasePlays.renewal);
    const deliveries = (await get(`/api/v1/webhooks/deliveries?playId=${renewal.id}`))
      .data as Array<{
      request: { url: string };
    }>;
    assert.ok(deliveries.length > 0);
    for (const d of deliveries) assert.match(d.request.url, /^http:\/\/127\.0\.0\.1:/);
    assert.ok((await count(sql`select 1 from holidays`)) >= 2);
  });

  it('seeds only once', async () => {
    assert.equal(await seedIfEmpty(t.deps), null);
    await assert.rejects(seedDemo(t.deps), /already exists/);
    assert.equal(await count(sql`select 1 from workspaces`), 1);
  });
});
