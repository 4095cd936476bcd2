import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { matchingIds } from '../../segments/compile.ts';
import { queryRows } from '../../db/rows.ts';
import type { Play } from '../queries.ts';
import { fireRun } from './fire.ts';
import { startRun, finishRun } from './runs.ts';
import { loadEnv, playCondition, type PlayEnv } from './env.ts';
import { splitIds } from './targets.ts';
import { uuidArray } from '../../db/arrays.ts';
import { noCounts } from './context.ts';
import { leaveJourneys } from '../journeys/exit.ts';
import { playEntriesSql } from '../holdout.ts';

/** Which records to re-evaluate: changed accounts / contacts (with the records that read them), or all (null). */
export type Scope = { accountIds: string[]; contactIds: string[] } | null;

/** `kind` names the runs: 'event' (a change: the run is named after the play's trigger, enter or exit), 'enable' or 'sweep'. */
export type MembershipOptions = {
  scope: Scope;
  fire: boolean;
  kind: 'event' | 'enable' | 'sweep';
  triggeredBy: string | null;
  chain: string[];
  env: PlayEnv;
  reason?: string;
};
type Diff = {
  idx: number;
  entered: number;
  exited: number;
  entered_ids: string | null;
  exited_ids: string | null;
};

/**
 * The records whose membership a change can affect: the changed ones, children of changed accounts
 * (criteria may read the parent), contacts of changed accounts (criteria may read the account).
 * Index lookups only, so the work is proportional to the change, not to the workspace.
 */
function candidates(subject: Play['subject'], scope: NonNullable<Scope>): SQL {
  const acc = uuidArray(scope.accountIds);
  if (subject === 'accounts')
    return sql`select unnest(${acc}) as id union select ch.id from accounts ch where ch.parent_id = any(${acc})`;
  return sql`select unnest(${uuidArray(scope.contactIds)}) as id union select ck.id from contacts ck where ck.account_id = any(${acc})`;
}

/**
 * Enter/exit detection for one play as data-modifying CTEs (suffix `n`): entered = matching −
 * members (INSERT … ON CONFLICT DO NOTHING, so concurrent workers cannot both see an entry),
 * exited = members − matching (DELETE … RETURNING); exits of entered records (fired or held out) reach the play's goal.
 */
function diffCtes(
  play: Play,
  n: number,
  cond: SQL,
  runId: string,
  o: MembershipOptions,
): { ctes: SQL; row: SQL } {
  const cand = play.subject === 'accounts' ? sql.raw('cand_a') : sql.raw('cand_c');
  const alias = play.subject === 'accounts' ? sql`a.id` : sql`c.id`;
  const m = sql.raw(`m${n}`),
    ins = sql.raw(`i${n}`),
    del = sql.raw(`d${n}`),
    goal = sql.raw(`g${n}`);
  const matching = o.scope
    ? matchingIds(play.subject, play.workspaceId, cond, sql`${alias} in (select id from ${cand})`)
    : matchingIds(play.subject, play.workspaceId, cond);
  const fireIn = o.fire && play.trigger.type === 'enter';
  // A journey that ends when its record no longer meets the trigger criteria needs the exits too.
  const fireOut = (o.fire && play.trigger.type === 'exit') || leavesJourneys(play);
  const now = o.env.now;
  return {
    ctes: sql`${m} as materialized (${matching}),
      ${ins} as (insert into play_memberships (play_id, record_id, workspace_id, run_id, entered_at)
        select ${play.id}::uuid, x.id, ${play.workspaceId}::uuid, ${runId}::uuid, ${now} from ${m} x order by x.id
        on conflict do nothing returning record_id),
      ${del} as (delete from play_memberships pm where pm.play_id = ${play.id}::uuid
        ${o.scope ? sql`and pm.record_id in (select id from ${cand})` : sql``}
        and not exists (select 1 from ${m} x where x.id = pm.record_id)
        returning pm.record_id),
      ${goal} as (insert into play_goals (play_id, record_id, reached_at)
        select ${play.id}::uuid, d.record_id, ${now} from ${del} d
        where exists (select 1 from (${playEntriesSql(play.id)}) e where e.record_id = d.record_id))`,
    row: sql`select ${n}::int as idx, (select count(*)::int from ${ins}) as entered, (select count(*)::int from ${del}) as exited,
      ${fireIn ? sql`(select string_agg(record_id::text, ',' order by record_id) from ${ins})` : sql`null::text`} as entered_ids,
      ${fireOut ? sql`(select string_agg(record_id::text, ',' order by record_id) from ${del})` : sql`null::text`} as exited_ids`,
  };
}

/**
 * Applies membership for several plays sharing one scope in ONE statement (the per-event hot path:
 * one round trip however many event plays a workspace has), then fires each play for its entered
 * (enter plays) or exited (exit plays) records. `fire: false` only records membership (enable
 * "only new records").
 */
export async function applyMemberships(
  tx: DbOrTx,
  deps: Deps,
  list: Play[],
  o: MembershipOptions,
): Promise<Array<{ entered: number; exited: number }>> {
  if (list.length === 0) return [];
  const runIds = list.map(() => randomUUID());
  const parts: Array<{ ctes: SQL; row: SQL }> = [];
  for (const [n, play] of list.entries())
    parts.push(diffCtes(play, n, await playCondition(tx, o.env, play, 'criteria'), runIds[n]!, o));
  const shared: SQL[] = [];
  if (o.scope && list.some((p) => p.subject === 'accounts'))
    shared.push(sql`cand_a as materialized (${candidates('accounts', o.scope)})`);
  if (o.scope && list.some((p) => p.subject === 'contacts'))
    shared.push(sql`cand_c as materialized (${candidates('contacts', o.scope)})`);
  const diffs = await queryRows<Diff>(
    tx,
    sql`with ${sql.join([...shared, ...parts.map((p) => p.ctes)], sql`, `)}
    ${sql.join(
      parts.map((p) => p.row),
      sql` union all `,
    )}`,
  );
  const out: Array<{ entered: number; exited: number }> = [];
  for (const [n, play] of list.entries()) {
    const d = diffs.find((x) => x.idx === n);
    const counts = { entered: d?.entered ?? 0, exited: d?.exited ?? 0 };
    if (play.goalCriteria) await recordGoals(tx, play, o);
    await fireFor(
      tx,
      deps,
      play,
      o,
      runIds[n]!,
      splitIds(d?.entered_ids),
      splitIds(d?.exited_ids),
      counts,
    );
    out.push(counts);
  }
  return out;
}

/** One play: see applyMemberships. */
export async function applyMembership(tx: DbOrTx, deps: Deps, play: Play, o: MembershipOptions) {
  const [r] = await applyMemberships(tx, deps, [play], o);
  return r!;
}

async function fireFor(
  tx: DbOrTx,
  deps: Deps,
  play: Play,
  o: MembershipOptions,
  runId: string,
  entered: string[],
  exited: string[],
  counts: { entered: number; exited: number },
) {
  const base = {
    deps,
    tx,
    play,
    env: o.env,
    chain: o.chain,
    dryRun: false,
    triggeredBy: o.triggeredBy,
  };
  const detail = { ...counts, ...(o.reason ? { reason: o.reason } : {}) };
  const kind = o.kind === 'event' ? (play.trigger.type === 'exit' ? 'exit' : 'enter') : o.kind;
  if (exited.length > 0 && leavesJourneys(play))
    await leaveJourneys(tx, play.id, { recordIds: exited }, 'left_trigger', {
      now: o.env.now,
      by: null,
    });
  if (entered.length > 0) {
    await fireRun(base, entered, kind, detail, runId);
  } else if (exited.length > 0 && play.trigger.type === 'exit' && o.fire) {
    await fireRun(base, exited, kind, detail);
  } else if (
    o.kind === 'enable' ||
    (o.kind === 'sweep' && (counts.entered > 0 || counts.exited > 0))
  ) {
    // Membership-only changes are still inspectable as a run with no firings.
    await startRun(tx, play, kind, {
      id: runId,
      now: o.env.now,
      triggeredBy: o.triggeredBy,
      detail: { ...detail, fired: false },
    });
    await finishRun(tx, runId, { targets: 0, ...noCounts() }, o.env.now);
  }
}

/** A journey play whose journeys end when the record no longer meets the trigger criteria. */
const leavesJourneys = (play: Play) =>
  !!play.steps?.length && play.trigger.type === 'enter' && !!play.exitRules?.leaveWhenTriggerNotMet;

/** Goal criteria met by entered records (fired or held out) with no goal since their last entry: the effectiveness "goal reached". */
async function recordGoals(tx: DbOrTx, play: Play, o: MembershipOptions) {
  const goal = await playCondition(tx, o.env, play, 'goalCriteria');
  const alias = play.subject === 'accounts' ? sql`a.id` : sql`c.id`;
  const scope = o.scope ? sql`${alias} in (${candidates(play.subject, o.scope)})` : sql`true`;
  await tx.execute(sql`insert into play_goals (play_id, record_id, reached_at)
    select ${play.id}::uuid, x.id, ${o.env.now} from (${matchingIds(play.subject, play.workspaceId, goal, scope)}) x
    join lateral (select max(e.entered_at) as fired from (${playEntriesSql(play.id)}) e where e.record_id = x.id) f on f.fired is not null
    where not exists (select 1 from play_goals g where g.play_id = ${play.id}::uuid and g.record_id = x.id and g.reached_at >= f.fired)`);
}

/** Full re-evaluation in its own transaction (criteria edits, the periodic sweep). */
export async function refreshMembership(
  deps: Deps,
  play: Play,
  o: { fire: boolean; kind: 'enable' | 'sweep'; triggeredBy: string | null; reason?: string },
) {
  return deps.db.transaction(async (tx) =>
    applyMembership(tx, deps, play, {
      ...o,
      scope: null,
      chain: [],
      env: await loadEnv(tx, play.workspaceId, deps.clock),
    }),
  );
}
