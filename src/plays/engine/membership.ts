import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { matchingIds } from '../../segments/compile.ts';
import { queryRows } from '../../segments/rows.ts';
import type { Play } from '../queries.ts';
import { fireRun } from './fire.ts';
import { startRun, finishRun } from './runs.ts';
import { loadEnv, playCondition, type PlayEnv } from './env.ts';
import { uuidArray } from './targets.ts';

/** Which records to re-evaluate: changed accounts / contacts (with the records that read them), or all (null). */
export type Scope = { accountIds: string[]; contactIds: string[] } | null;

/**
 * The records whose membership a change can affect: the changed ones, children of changed accounts
 * (criteria may read the parent), contacts of changed accounts (criteria may read the account).
 * Index lookups only, so the work is proportional to the change, not to the workspace.
 */
function candidates(play: Play, scope: NonNullable<Scope>): SQL {
  const acc = uuidArray(scope.accountIds);
  if (play.subject === 'accounts') return sql`select unnest(${acc}) as id union select ch.id from accounts ch where ch.parent_id = any(${acc})`;
  return sql`select unnest(${uuidArray(scope.contactIds)}) as id union select ck.id from contacts ck where ck.account_id = any(${acc})`;
}

export type MembershipOptions = { scope: Scope; fire: boolean; kind: 'enter' | 'exit' | 'enable' | 'sweep'; triggeredBy: string | null; chain: string[]; env: PlayEnv; reason?: string };
type Diff = { entered: number; exited: number; entered_ids: string[] | null; exited_ids: string[] | null };

/**
 * Enter/exit detection as set differences against the membership table, in ONE statement:
 * entered = matching − members (INSERT … ON CONFLICT DO NOTHING, so concurrent workers cannot both
 * see an entry) and exited = members − matching (DELETE … RETURNING). Enter plays fire for the
 * entered records, exit plays for the exited ones; `fire: false` only records membership (enable
 * "only new records"). Exits of fired records count as reaching the play's goal.
 */
export async function applyMembership(tx: DbOrTx, deps: Deps, play: Play, o: MembershipOptions) {
  const cond = await playCondition(tx, o.env, play, 'criteria');
  const runId = randomUUID();
  const now = o.env.now;
  const fireIn = o.fire && play.trigger.type === 'enter';
  const fireOut = o.fire && play.trigger.type === 'exit';
  const alias = play.subject === 'accounts' ? sql`a.id` : sql`c.id`;
  const matching = o.scope ? matchingIds(play.subject, play.workspaceId, cond, sql`${alias} in (select id from cand)`) : matchingIds(play.subject, play.workspaceId, cond);
  const [d] = await queryRows<Diff>(tx, sql`with ${o.scope ? sql`cand as materialized (${candidates(play, o.scope)}),` : sql``}
    matching as materialized (${matching}),
    ins as (insert into play_memberships (play_id, record_id, workspace_id, run_id, entered_at)
      select ${play.id}::uuid, x.id, ${play.workspaceId}::uuid, ${runId}::uuid, ${now} from matching x order by x.id
      on conflict do nothing returning record_id),
    del as (delete from play_memberships m where m.play_id = ${play.id}::uuid
      ${o.scope ? sql`and m.record_id in (select id from cand)` : sql``}
      and not exists (select 1 from matching x where x.id = m.record_id)
      returning m.record_id),
    goal as (insert into play_goals (play_id, record_id, reached_at)
      select ${play.id}::uuid, d.record_id, ${now} from del d
      where exists (select 1 from play_run_results r where r.play_id = ${play.id}::uuid and r.record_id = d.record_id and r.result = 'created'))
    select (select count(*)::int from ins) as entered, (select count(*)::int from del) as exited,
      ${fireIn ? sql`(select array_agg(record_id::text order by record_id) from ins)` : sql`null::text[]`} as entered_ids,
      ${fireOut ? sql`(select array_agg(record_id::text order by record_id) from del)` : sql`null::text[]`} as exited_ids`);
  if (play.goalCriteria) await recordGoals(tx, play, o);
  const entered = d?.entered ?? 0;
  const exited = d?.exited ?? 0;
  const base = { deps, tx, play, env: o.env, chain: o.chain, dryRun: false, triggeredBy: o.triggeredBy };
  const detail = { entered, exited, ...(o.reason ? { reason: o.reason } : {}) };
  if (fireIn && entered > 0) {
    await fireRun(base, d!.entered_ids ?? [], o.kind, detail, runId);
  } else if (fireOut && exited > 0) {
    await fireRun(base, d!.exited_ids ?? [], o.kind, detail);
  } else if (o.kind === 'enable' || (o.kind === 'sweep' && (entered > 0 || exited > 0))) {
    // Membership-only changes are still inspectable as a run with no firings.
    await startRun(tx, play, o.kind, { id: runId, now, triggeredBy: o.triggeredBy, detail: { ...detail, fired: false } });
    await finishRun(tx, runId, { targets: 0, created: 0, skipped: 0, errors: 0, other: 0 }, now);
  }
  return { entered, exited };
}

/** Goal criteria met by fired records with no goal since their last firing: the effectiveness "goal reached". */
async function recordGoals(tx: DbOrTx, play: Play, o: MembershipOptions) {
  const goal = await playCondition(tx, o.env, play, 'goalCriteria');
  const alias = play.subject === 'accounts' ? sql`a.id` : sql`c.id`;
  const scope = o.scope ? sql`${alias} in (${candidates(play, o.scope)})` : sql`true`;
  await tx.execute(sql`insert into play_goals (play_id, record_id, reached_at)
    select ${play.id}::uuid, x.id, ${o.env.now} from (${matchingIds(play.subject, play.workspaceId, goal, scope)}) x
    join lateral (select max(r.created_at) as fired from play_run_results r where r.play_id = ${play.id}::uuid and r.record_id = x.id and r.result = 'created') f on f.fired is not null
    where not exists (select 1 from play_goals g where g.play_id = ${play.id}::uuid and g.record_id = x.id and g.reached_at >= f.fired)`);
}

/** Full re-evaluation in its own transaction (criteria edits, the periodic sweep). */
export async function refreshMembership(deps: Deps, play: Play, o: { fire: boolean; kind: 'enable' | 'sweep'; triggeredBy: string | null; reason?: string }) {
  return deps.db.transaction(async (tx) => applyMembership(tx, deps, play, { ...o, scope: null, chain: [], env: await loadEnv(tx, play.workspaceId, deps.clock) }));
}
