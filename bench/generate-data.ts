import pg from 'pg';
import { benchTimeZone, type BenchPeople } from './generate-setup.ts';

export type GenerateInput = {
  url: string;
  people: BenchPeople;
  accounts: number;
  tasks: number;
  today: string;
  log: (s: string) => void;
};

/**
 * Accounts, their teams and role holders, and tasks, all set-based (generate_series) on one session
 * so temp tables can map series numbers to ids. Families of 20 accounts share a team: account g with
 * g % 20 = 0 is a parent, 1–3 its children, 4–5 grandchildren under child 1, 6 one level deeper.
 */
export async function generateData(input: GenerateInput): Promise<void> {
  const client = new pg.Client({ connectionString: input.url });
  await client.connect();
  try {
    await client.query(`set maintenance_work_mem = '256MB'`);
    await client.query(`select setseed(0.42)`); // the same data on every run
    // Foreign-key triggers off while loading: every generated row references existing ids by construction.
    await client.query(`set session_replication_role = replica`);
    await mapTables(client, input.people);
    let t = Date.now();
    await generateAccounts(client, input);
    input.log(
      `  accounts: ${input.accounts.toLocaleString('en-US')} in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
    t = Date.now();
    await withoutIndexes(client, 'tasks', () => generateTasks(client, input));
    await client.query(`set session_replication_role = origin`);
    input.log(
      `  tasks: ${input.tasks.toLocaleString('en-US')} (and their indexes) in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
    t = Date.now();
    await client.query('vacuum analyze');
    input.log(`  vacuum analyze in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}

async function mapTables(client: pg.Client, people: BenchPeople) {
  await client.query(`create temp table b_team (idx int primary key, id uuid not null)`);
  await client.query(
    `create temp table b_user (team_idx int, slot int, id uuid not null, primary key (team_idx, slot))`,
  );
  await client.query(
    `insert into b_team select * from jsonb_to_recordset($1::jsonb) as r(idx int, id uuid)`,
    [JSON.stringify(people.teams)],
  );
  await client.query(
    `insert into b_user select * from jsonb_to_recordset($1::jsonb) as r(team_idx int, slot int, id uuid)`,
    [JSON.stringify(people.users.map((u) => ({ team_idx: u.teamIdx, slot: u.slot, id: u.id })))],
  );
}

async function generateAccounts(client: pg.Client, input: GenerateInput) {
  const ws = input.people.workspaceId;
  const teams = input.people.teams.length;
  await client.query(
    `create temp table b_acc as
    select g, gen_random_uuid() as id, (g / 20) % $1 as team_idx, g % 10 = 3 as partner from generate_series(1, $2::int) g`,
    [teams, input.accounts],
  );
  await client.query(`alter table b_acc add primary key (g)`);
  await client.query(
    `insert into accounts (id, workspace_id, external_id, name, account_type, lifecycle_stage, tags, attributes, created_at, updated_at)
    select id, $1::uuid, 'B' || lpad(g::text, 7, '0'), 'Account ' || g, case when partner then 'partner' else 'customer' end,
      (array['Onboarding','Adoption','Mature','Renewal','At risk'])[1 + (g * 7) % 5],
      case g % 9 when 0 then array['strategic'] when 1 then array['reference','upsell-candidate'] else '{}'::text[] end,
      jsonb_build_object('arr', 1000 + (g * 7919) % 500000, 'health', (array['good','good','average','poor'])[1 + (g * 31) % 4],
        'licenses', 5 + (g * 17) % 500, 'nps', (g * 11) % 100 - 20, 'renewal_date', to_char($2::date + ((g * 13) % 400 - 30), 'YYYY-MM-DD')),
      now() - make_interval(days => 400 + g % 800), now() - make_interval(days => g % 100)
    from b_acc`,
    [ws, input.today],
  );
  // parent = the family head (g - g % 20) for 1–3, child 1 for 4–5, grandchild 4 for 6.
  await client.query(`update accounts a set parent_id = p.id from b_acc c join b_acc p on p.g = c.g - c.g % 20 +
      case when c.g % 20 between 1 and 3 then 0 when c.g % 20 between 4 and 5 then 1 else 4 end
    where a.id = c.id and c.g >= 20 and c.g % 20 between 1 and 6`);
  await client.query(
    `insert into account_teams (workspace_id, account_id, team_id)
    select $1::uuid, a.id, t.id from b_acc a join b_team t on t.idx = a.team_idx
    union all
    select $1::uuid, a.id, t.id from b_acc a join b_team t on t.idx = (a.team_idx + 1) % $2 where a.g % 20 = 7`,
    [ws, teams],
  );
  const roles = input.people.catalog.roleIds;
  await client.query(
    `insert into account_role_holders (workspace_id, account_id, role_id, user_id)
    select $1::uuid, a.id, $2::uuid, u.id from b_acc a join b_user u on u.team_idx = a.team_idx and u.slot = 1 + a.g % 4
    union all
    select $1::uuid, a.id, $3::uuid, u.id from b_acc a join b_user u on u.team_idx = a.team_idx and u.slot = 0`,
    [ws, roles['Success Manager'], roles['Sales Manager']],
  );
}

/**
 * Tasks in batches of 100,000: accounts skewed (a few get many), assignees from the account's team
 * with a skewed share per user (lead 10 %, then 35/25/20/10 %), 70 % completed (a third of them late),
 * 5 % deleted, 25 % open (20 % of those overdue), every 33rd a request-information task.
 */
async function generateTasks(client: pg.Client, input: GenerateInput) {
  const { people } = input;
  const flows = Object.values(people.catalog.flowIds);
  const customerForm = people.catalog.forms.find((f) => f.accountType === 'customer')!.id;
  const partnerForm = people.catalog.forms.find((f) => f.accountType === 'partner')!.id;
  const batch = 100_000;
  for (let lo = 1; lo <= input.tasks; lo += batch) {
    const hi = Math.min(input.tasks, lo + batch - 1);
    await client.query(
      `insert into tasks (id, workspace_id, account_id, kind, status, title, description, flow_id, assignee_user_id,
        assigned_by_id, created_by_id, due_date, priority, outcomes, outcome, source, form_id, completed_at, completed_by_id, deleted_at,
        version, created_at, updated_at)
      select gen_random_uuid(), $1::uuid, a.id, d.kind, d.status, 'Task ' || d.t, '<p>Generated for the benchmark.</p>', ($4::uuid[])[1 + d.t % 5], u.id,
        u.id, u.id, d.due_date, (array[1,2,2,2,3])[1 + (d.t * 7) % 5]::smallint,
        case when d.with_outcomes then array['Done','Rescheduled','No further action'] else '{}'::text[] end,
        case when d.with_outcomes and d.status = 'completed' then (array['Done','Rescheduled','No further action'])[1 + d.t % 3] end,
        'manual', case when d.kind = 'request_info' then (case when a.partner then $5::uuid else $6::uuid end) end,
        d.completed_at, case when d.status = 'completed' then u.id end, d.deleted_at,
        case when d.status = 'open' then 1 else 2 end, d.created_at, coalesce(d.completed_at, d.deleted_at, d.created_at)
      from (
        select s.*,
          case when status = 'completed' then (done_at at time zone $7)::date + (floor(r3 * 21)::int - 7)
               when status = 'deleted' then $3::date + (floor(r3 * 60)::int - 30)
               when r2 < 0.20 then $3::date - (1 + floor(r3 * 60)::int)
               when r2 < 0.25 then $3::date
               when r2 < 0.40 then $3::date + (1 + floor(r3 * 6)::int)
               else $3::date + (7 + floor(r3 * 120)::int) end as due_date,
          case when status = 'completed' then done_at end as completed_at,
          case when status = 'deleted' then now() - r2 * interval '60 days' + r3 * r2 * interval '60 days' end as deleted_at,
          case when status = 'completed' then done_at - r3 * interval '20 days' - interval '1 hour'
               else now() - r2 * interval '60 days' - interval '1 hour' end as created_at
        from (
          select z.*, now() - r2 * interval '365 days' as done_at,
            case when t % 33 = 0 then 'request_info' else 'todo' end as kind,
            t % 33 <> 0 and t % 10 < 3 as with_outcomes,
            case when r1 < 0.70 then 'completed' when r1 < 0.75 and t % 33 <> 0 then 'deleted' else 'open' end as status
          from (
            select t, 1 + least($2::int - 1, floor(power(random(), 1.6) * $2::int)::int) as g,
              random() as r1, random() as r2, random() as r3, random() as r4
            from generate_series(${lo}, ${hi}) t
          ) z
        ) s
      ) d
      join b_acc a on a.g = d.g
      join b_user u on u.team_idx = a.team_idx
        and u.slot = case when d.r4 < 0.10 then 0 when d.r4 < 0.45 then 1 when d.r4 < 0.70 then 2 when d.r4 < 0.90 then 3 else 4 end`,
      [
        people.workspaceId,
        input.accounts,
        input.today,
        `{${flows.join(',')}}`,
        partnerForm,
        customerForm,
        benchTimeZone,
      ],
    );
  }
}

/** Bulk-load trick: drop the secondary indexes, load, then rebuild each index from its own definition. */
async function withoutIndexes(client: pg.Client, table: string, load: () => Promise<void>) {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = 'public' and i.tablename = $1
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [table],
  );
  for (const r of rows) await client.query(`drop index ${pg.escapeIdentifier(r.indexname)}`);
  try {
    await load();
  } finally {
    for (const r of rows) await client.query(r.indexdef);
  }
}
