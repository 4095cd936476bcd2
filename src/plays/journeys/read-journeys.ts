// What people inspect (SPEC §13): how many records are at each step of a play, who is in it, one
// journey's steps, an account's journeys. Advanced users and admins; non-admins see only records of
// their teams (others are left out of lists and counts, and a journey outside is 404).
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { accountVisible, loadVisibleAccount, requireRole } from '../../auth/access.ts';
import { queryRows } from '../../db/rows.ts';
import { cursorPart, decodeCursor, encodeCursor } from '../../http/cursor.ts';
import { errors } from '../../http/errors.ts';
import { loadPlay } from '../queries.ts';
import { flattenSteps } from './walk.ts';
import type { WaitingFor } from './steps.ts';

const cursorShape = z.tuple([cursorPart.instant, cursorPart.id]);

type Row = {
  id: string;
  play_id: string;
  play_name: string;
  play_version: number;
  record_id: string;
  record_name: string | null;
  account_id: string;
  account_name: string | null;
  holdout: boolean;
  step_id: string | null;
  visit: number;
  step_started_at: Date | string | null;
  wake_at: Date | string | null;
  waiting_for: WaitingFor | null;
  entered_at: Date | string;
  ended_at: Date | string | null;
  end_reason: string | null;
  ended_by: string | null;
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const journeyOut = (r: Row) => ({
  id: r.id,
  playId: r.play_id,
  playName: r.play_name,
  playVersion: r.play_version,
  recordId: r.record_id,
  recordName: r.record_name,
  accountId: r.account_id,
  accountName: r.account_name,
  holdout: r.holdout,
  status: (r.ended_at ? 'ended' : 'running') as 'ended' | 'running',
  stepId: r.step_id,
  visit: r.visit,
  stepStartedAt: iso(r.step_started_at),
  wakeAt: iso(r.wake_at),
  waitingFor: r.waiting_for,
  enteredAt: iso(r.entered_at)!,
  endedAt: iso(r.ended_at),
  endReason: r.end_reason as JourneyOut['endReason'],
  endedBy: r.ended_by,
});
export type JourneyOut = {
  endReason:
    'end' | 'exit_criteria' | 'left_trigger' | 'removed' | 'holdout' | 'play_deleted' | null;
} & Record<string, unknown>;

/** The journey columns with play, record and account names. */
const select = sql`select j.id, j.play_id, p.name as play_name, j.play_version, j.record_id,
    coalesce(ra.name, nullif(trim(coalesce(rc.first_name, '') || ' ' || coalesce(rc.last_name, '')), '')) as record_name,
    j.account_id, a.name as account_name, j.holdout, j.step_id, j.visit, j.step_started_at, j.wake_at, j.waiting_for,
    j.entered_at, j.ended_at, j.end_reason, j.ended_by
  from journeys j join plays p on p.id = j.play_id join accounts a on a.id = j.account_id
  left join accounts ra on ra.id = j.record_id left join contacts rc on rc.id = j.record_id`;

/** Per step of the play: journeys on it now, of which waiting, and steps done; plus totals. */
export async function journeyStepCounts(deps: Deps, actor: Actor, playId: string) {
  requireRole(actor, 'advanced');
  const play = await loadPlay(deps.db, actor.workspaceId, playId);
  const visible = accountVisible(actor, sql`j.account_id`);
  const now = await queryRows<{ step_id: string; active: number; waiting: number }>(
    deps.db,
    sql`select j.step_id, count(*)::int as active, count(*) filter (where j.waiting_for is not null)::int as waiting
      from journeys j where j.play_id = ${play.id}::uuid and j.ended_at is null and ${visible} group by j.step_id`,
  );
  const done = await queryRows<{ step_id: string; done: number }>(
    deps.db,
    sql`select js.step_id, count(*)::int as done from journey_steps js join journeys j on j.id = js.journey_id
      where js.play_id = ${play.id}::uuid and ${visible} group by js.step_id`,
  );
  const [t] = await queryRows<{ entered: number; running: number; ended: number; holdout: number }>(
    deps.db,
    sql`select count(*)::int as entered, count(*) filter (where j.ended_at is null)::int as running,
        count(*) filter (where j.ended_at is not null and not j.holdout)::int as ended, count(*) filter (where j.holdout)::int as holdout
      from journeys j where j.play_id = ${play.id}::uuid and ${visible}`,
  );
  const ids = [
    ...new Set([
      ...flattenSteps(play.steps ?? []).map((s) => s.id),
      ...now.map((r) => r.step_id),
      ...done.map((r) => r.step_id),
    ]),
  ];
  return {
    steps: ids.map((stepId) => ({
      stepId,
      active: now.find((r) => r.step_id === stepId)?.active ?? 0,
      waiting: now.find((r) => r.step_id === stepId)?.waiting ?? 0,
      done: done.find((r) => r.step_id === stepId)?.done ?? 0,
    })),
    totals: t ?? { entered: 0, running: 0, ended: 0, holdout: 0 },
  };
}

/** A play's journeys, newest entry first, by status and current step. */
export async function listPlayJourneys(
  deps: Deps,
  actor: Actor,
  playId: string,
  q: { status?: 'running' | 'ended'; stepId?: string; cursor?: string; limit: number },
) {
  requireRole(actor, 'advanced');
  const play = await loadPlay(deps.db, actor.workspaceId, playId);
  const after = decodeCursor(q.cursor, cursorShape);
  const rows = await queryRows<Row>(
    deps.db,
    sql`${select} where j.play_id = ${play.id}::uuid and ${accountVisible(actor, sql`j.account_id`)}
      ${q.status === 'running' ? sql`and j.ended_at is null` : q.status === 'ended' ? sql`and j.ended_at is not null` : sql``}
      ${q.stepId ? sql`and j.step_id = ${q.stepId}` : sql``}
      ${after ? sql`and (j.entered_at, j.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
      order by j.entered_at desc, j.id desc limit ${q.limit + 1}`,
  );
  return page(rows, q.limit);
}

function page(rows: Row[], limit: number) {
  const data = rows.slice(0, limit).map(journeyOut);
  const last = data.at(-1);
  return {
    data,
    nextCursor: rows.length > limit && last ? encodeCursor([last.enteredAt, last.id]) : null,
  };
}

/** One journey with what each step did, or 404. */
export async function getJourney(deps: Deps, actor: Actor, id: string) {
  requireRole(actor, 'advanced');
  const [row] = await queryRows<Row>(
    deps.db,
    sql`${select} where j.id = ${id}::uuid and j.workspace_id = ${actor.workspaceId}::uuid and ${accountVisible(actor, sql`j.account_id`)}`,
  );
  if (!row) throw errors.notFound('Journey');
  const steps = await queryRows<{
    step_id: string;
    visit: number;
    at: Date | string;
    result: Record<string, unknown>;
    run_id: string | null;
  }>(
    deps.db,
    sql`select step_id, visit, at, result, run_id from journey_steps where journey_id = ${id}::uuid order by at, step_id, visit`,
  );
  return {
    ...journeyOut(row),
    steps: steps.map((s) => ({
      stepId: s.step_id,
      visit: s.visit,
      at: iso(s.at)!,
      runId: s.run_id,
      result: s.result,
    })),
  };
}

/** An account's journeys and its contacts', newest first. */
export async function listAccountJourneys(
  deps: Deps,
  actor: Actor,
  accountId: string,
  q: { cursor?: string; limit: number },
) {
  requireRole(actor, 'advanced');
  await loadVisibleAccount(deps.db, actor, accountId);
  const after = decodeCursor(q.cursor, cursorShape);
  const rows = await queryRows<Row>(
    deps.db,
    sql`${select} where j.workspace_id = ${actor.workspaceId}::uuid and j.account_id = ${accountId}::uuid
      ${after ? sql`and (j.entered_at, j.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
      order by j.entered_at desc, j.id desc limit ${q.limit + 1}`,
  );
  return page(rows, q.limit);
}
