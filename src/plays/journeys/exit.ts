// Ending journeys (SPEC §13): the end step, exit criteria, leaving the trigger criteria, removal by a
// user. The play version's exit rule says what happens to the open tasks the journey created.
import { sql } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/rows.ts';
import { textArray, uuidArray, intArray } from '../../db/arrays.ts';
import { timelinePayloadSql } from '../../timeline/payload-sql.ts';
import type { Play } from '../queries.ts';
import type { EndReason } from './state.ts';
import { loadJourneyPlays, versionKey } from './journey-play.ts';
import { cancelTasks, completeTasks } from './close-tasks.ts';
import type { ExitRules } from './steps.ts';

type Ended = { id: string; record_id: string; account_id: string };

const keepsTasks = (reason: EndReason) => reason === 'end' || reason === 'play_deleted';

/**
 * Ends running journeys of one play version: one UPDATE (only those still running), the open-task
 * policy, then one `journey_ended` timeline entry each. `by` is the user who removed them, if any.
 */
export async function endJourneys(
  tx: DbOrTx,
  play: Play,
  ends: Array<{ id: string; reason: EndReason }>,
  o: { now: Date; by: Actor | null },
): Promise<number> {
  if (ends.length === 0) return 0;
  const ended = await queryRows<Ended & { reason: EndReason }>(
    tx,
    sql`update journeys j set ended_at = ${o.now}, end_reason = v.reason, ended_by = ${o.by?.userId ?? null}::uuid,
        step_id = null, wake_at = null, waiting_for = null
      from unnest(${uuidArray(ends.map((e) => e.id))}, ${textArray(ends.map((e) => e.reason))}) v(id, reason)
      where j.id = v.id and j.ended_at is null
      returning j.id, j.record_id, j.account_id, v.reason`,
  );
  if (ended.length === 0) return 0;
  const policy: ExitRules['openTasks'] = play.exitRules?.openTasks ?? { policy: 'keep' };
  // Reaching the end leaves the journey's tasks as they are: the policy is for leaving early. A
  // deleted play keeps its tasks too (work already handed out), so its journeys end without it.
  const early = ended.filter((e) => !keepsTasks(e.reason));
  const counts =
    policy.policy === 'keep'
      ? new Map<string, number>()
      : await applyOpenTaskPolicy(tx, play, early, policy, o);
  const payload = timelinePayloadSql('journey_ended', {
    playId: sql`${play.id}::text`,
    playName: sql`${play.name}::text`,
    journeyId: sql`v.id::text`,
    reason: sql`v.reason`,
    openTasks: sql`case when v.reason in ('end', 'play_deleted') then null else jsonb_build_object('policy', ${policy.policy}::text, 'count', v.n) end`,
  });
  await tx.execute(sql`insert into timeline_events (workspace_id, account_id, type, payload, created_at)
    select ${play.workspaceId}::uuid, v.account_id, 'journey_ended', ${payload}, ${o.now}
    from unnest(${uuidArray(ended.map((e) => e.id))}, ${uuidArray(ended.map((e) => e.account_id))},
      ${textArray(ended.map((e) => e.reason))}, ${intArray(ended.map((e) => counts.get(e.id) ?? 0))}) v(id, account_id, reason, n)`);
  return ended.length;
}

/** The open tasks the journeys' action steps created, cancelled or completed with the policy's outcome. */
async function applyOpenTaskPolicy(
  tx: DbOrTx,
  play: Play,
  ended: Ended[],
  policy: Exclude<ExitRules['openTasks'], { policy: 'keep' }>,
  o: { now: Date; by: Actor | null },
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (ended.length === 0) return counts;
  const open = await queryRows<{ journey_id: string; task_id: string }>(
    tx,
    sql`with e as (select * from unnest(${uuidArray(ended.map((x) => x.id))}, ${uuidArray(ended.map((x) => x.record_id))}) e(id, record)),
      s as materialized (select distinct js.journey_id, e.record, js.run_id, js.step_id from journey_steps js join e on e.id = js.journey_id where js.run_id is not null)
    select s.journey_id, t.id as task_id from s
      join play_run_results r on r.run_id = s.run_id and r.record_id = s.record and r.action_id = s.step_id and r.task_id is not null
      join tasks t on t.id = r.task_id and t.status = 'open'`,
  );
  if (open.length === 0) return counts;
  for (const r of open) counts.set(r.journey_id, (counts.get(r.journey_id) ?? 0) + 1);
  const ids = open.map((r) => r.task_id);
  if (policy.policy === 'cancel') {
    await cancelTasks(tx, play.workspaceId, ids, o);
    return counts;
  }
  // Completed by the user who removed them, else in the play's name (its owner or creator).
  const actor: Actor = o.by ?? {
    userId: play.ownerUserId ?? play.createdBy ?? '',
    workspaceId: play.workspaceId,
    role: 'admin',
    name: play.name,
    email: '',
    teamIds: [],
    via: 'token',
  };
  await completeTasks(tx, actor, ids, policy.outcome, o.now);
  return counts;
}

/**
 * Ends the running journeys of `play` for these records or journeys, or all of them (left the
 * trigger criteria, removal, the play deleted), each under its own version's exit rule. Answers how
 * many ended.
 */
export async function leaveJourneys(
  tx: DbOrTx,
  playId: string,
  where: { recordIds: string[] } | { journeyIds: string[] } | { all: true },
  reason: EndReason,
  o: { now: Date; by: Actor | null },
): Promise<number> {
  const rows = await queryRows<{ id: string; play_version: number }>(
    tx,
    sql`select j.id, j.play_version from journeys j where j.play_id = ${playId}::uuid and j.ended_at is null
      and ${'recordIds' in where ? sql`j.record_id = any(${uuidArray(where.recordIds)})` : 'journeyIds' in where ? sql`j.id = any(${uuidArray(where.journeyIds)})` : sql`true`}
      order by j.id for update`,
  );
  const versions = [...new Set(rows.map((r) => r.play_version))];
  const byVersion = await loadJourneyPlays(
    tx,
    versions.map((v) => ({ playId, version: v })),
  );
  let n = 0;
  for (const v of versions) {
    const play = byVersion.get(versionKey(playId, v));
    if (!play) continue;
    n += await endJourneys(
      tx,
      play,
      rows.filter((r) => r.play_version === v).map((r) => ({ id: r.id, reason })),
      o,
    );
  }
  return n;
}
