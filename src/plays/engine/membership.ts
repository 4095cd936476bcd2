import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { compileCriteria, matchingIds } from '../../segments/compile.ts';
import { workspaceToday } from '../../segments/queries.ts';
import { queryRows } from '../../segments/rows.ts';
import type { Play } from '../queries.ts';
import { fireRun } from './fire.ts';
import { startRun, finishRun } from './runs.ts';

/** Which records to re-evaluate: changed accounts (and their children) / contacts, or all (null). */
export type Scope = { accountIds: string[]; contactIds: string[] } | null;

const uuids = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

function scopeSql(play: Play, scope: Scope): { evaluate: SQL; members: SQL } {
  if (!scope) return { evaluate: sql`true`, members: sql`true` };
  const acc = uuids(scope.accountIds);
  if (play.subject === 'accounts') {
    // Children too: criteria on the parent's fields change when the parent changes.
    return {
      evaluate: sql`(a.id = any(${acc}) or a.parent_id = any(${acc}))`,
      members: sql`(m.record_id = any(${acc}) or m.record_id in (select ch.id from accounts ch where ch.parent_id = any(${acc})))`,
    };
  }
  const con = uuids(scope.contactIds);
  return {
    evaluate: sql`(c.account_id = any(${acc}) or c.id = any(${con}))`,
    members: sql`(m.record_id = any(${con}) or m.record_id in (select ck.id from contacts ck where ck.account_id = any(${acc})))`,
  };
}

export type MembershipOptions = { scope: Scope; fire: boolean; kind: 'enter' | 'exit' | 'enable' | 'sweep'; triggeredBy: string | null; chain: string[]; today: string; now: Date; reason?: string };

/**
 * Enter/exit detection as set differences against the membership table: entered = matching −
 * members (INSERT … ON CONFLICT DO NOTHING, so concurrent workers cannot both see an entry) and
 * exited = members − matching (DELETE … RETURNING). Enter plays fire for the entered rows, exit
 * plays for the exited ones; `fire: false` only records membership (enable "only new records").
 */
export async function applyMembership(tx: DbOrTx, deps: Deps, play: Play, o: MembershipOptions) {
  const cond = await compileCriteria(tx, play.workspaceId, play.subject, play.criteria, { today: o.today, now: o.now });
  const { evaluate, members } = scopeSql(play, o.scope);
  const matching = matchingIds(play.subject, play.workspaceId, cond, evaluate);
  const runId = randomUUID();
  const [ins] = await queryRows<{ n: number }>(tx, sql`with ins as (
      insert into play_memberships (play_id, record_id, workspace_id, run_id, entered_at)
      select ${play.id}::uuid, x.id, ${play.workspaceId}::uuid, ${runId}::uuid, ${o.now} from (${matching}) x
      on conflict do nothing returning 1)
    select count(*)::int as n from ins`);
  const exited = (await queryRows<{ record_id: string }>(tx, sql`with del as (
      delete from play_memberships m where m.play_id = ${play.id}::uuid and ${members}
        and not exists (select 1 from (${matching}) x where x.id = m.record_id)
      returning m.record_id),
    goal as (insert into play_goals (play_id, record_id, reached_at)
      select ${play.id}::uuid, d.record_id, ${o.now} from del d
      where exists (select 1 from play_run_results r where r.play_id = ${play.id}::uuid and r.record_id = d.record_id and r.result = 'created'))
    select record_id from del`)).map((r) => r.record_id);
  if (play.goalCriteria) await recordGoals(tx, play, o, evaluate);
  const entered = ins?.n ?? 0;
  const base = { deps, tx, play, today: o.today, now: o.now, chain: o.chain, dryRun: false, triggeredBy: o.triggeredBy };
  const detail = { entered, exited: exited.length, ...(o.reason ? { reason: o.reason } : {}) };
  if (o.fire && play.trigger.type === 'enter' && entered > 0) {
    await fireRun({ ...base, runId, targets: sql`select m.record_id from play_memberships m where m.play_id = ${play.id}::uuid and m.run_id = ${runId}::uuid` }, o.kind, detail);
  } else if (o.fire && play.trigger.type === 'exit' && exited.length > 0) {
    await fireRun({ ...base, targets: sql`select unnest(${uuids(exited)}) as record_id` }, o.kind, detail);
  } else if (o.kind === 'enable' || (o.kind === 'sweep' && (entered > 0 || exited.length > 0))) {
    // Membership-only changes are still inspectable as a run with no firings.
    await startRun(tx, play, o.kind, { id: runId, now: o.now, triggeredBy: o.triggeredBy, detail: { ...detail, fired: false } });
    await finishRun(tx, runId, { targets: 0, created: 0, skipped: 0, errors: 0, other: 0 }, o.now);
  }
  return { entered, exited: exited.length };
}

/** Goal criteria met by fired records with no goal since their last firing: the effectiveness "goal reached". */
async function recordGoals(tx: DbOrTx, play: Play, o: MembershipOptions, evaluate: SQL) {
  const goal = await compileCriteria(tx, play.workspaceId, play.subject, play.goalCriteria, { today: o.today, now: o.now });
  await tx.execute(sql`insert into play_goals (play_id, record_id, reached_at)
    select ${play.id}::uuid, x.id, ${o.now} from (${matchingIds(play.subject, play.workspaceId, goal, evaluate)}) x
    join lateral (select max(r.created_at) as fired from play_run_results r where r.play_id = ${play.id}::uuid and r.record_id = x.id and r.result = 'created') f on f.fired is not null
    where not exists (select 1 from play_goals g where g.play_id = ${play.id}::uuid and g.record_id = x.id and g.reached_at >= f.fired)`);
}

/** Full re-evaluation in its own transaction (enable, criteria edits, the periodic sweep). */
export async function refreshMembership(deps: Deps, play: Play, o: { fire: boolean; kind: 'enable' | 'sweep'; triggeredBy: string | null; reason?: string }) {
  const { today, now } = await workspaceToday(deps.db, play.workspaceId, deps.clock);
  return deps.db.transaction((tx) => applyMembership(tx, deps, play, { ...o, scope: null, chain: [], today, now }));
}
