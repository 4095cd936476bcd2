import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import type { WorkingHours } from '../db/schema/index.ts';
import { queryRows } from '../db/rows.ts';
import { uuidArray } from '../db/arrays.ts';
import type { AssigneeRule } from './rule.ts';

export type Pool = Extract<AssigneeRule, { type: 'pool' }>['pool'];
export type Candidate = {
  id: string;
  open: number;
  capacity: number;
  timeZone: string | null;
  workingHours: WorkingHours | null;
};

/** Open tasks count as this many hours of effort (tasks carry no estimate of their own). */
export const HOURS_PER_OPEN_TASK = 1;
const defaultHours: WorkingHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

/** Enabled pool members (named users and/or a team), filtered by profile attributes, with their open-task load. */
export async function poolCandidates(
  db: DbOrTx,
  workspaceId: string,
  pool: Pool,
): Promise<Candidate[]> {
  const ids = pool.userIds ?? [];
  const members = sql`(u.id = any(${uuidArray(ids)}) or ${pool.teamId ? sql`u.id in (select tm.user_id from team_members tm where tm.team_id = ${pool.teamId}::uuid)` : sql`false`})`;
  const match =
    pool.match && Object.keys(pool.match).length
      ? sql`u.attributes @> ${JSON.stringify(pool.match)}::jsonb`
      : sql`true`;
  const rows = await queryRows<{
    id: string;
    open: number;
    capacity: number;
    time_zone: string | null;
    working_hours: WorkingHours | null;
  }>(
    db,
    sql`
    select u.id, u.weekly_capacity_hours as capacity, u.time_zone, u.working_hours,
      (select count(*)::int from tasks t where t.workspace_id = ${workspaceId}::uuid and t.assignee_user_id = u.id and t.status = 'open') as open
    from users u where u.workspace_id = ${workspaceId}::uuid and u.enabled and ${members} and ${match} order by u.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    open: r.open,
    capacity: r.capacity,
    timeZone: r.time_zone,
    workingHours: r.working_hours,
  }));
}

/** True when `now` falls inside the user's working hours, in the user's own time zone. */
export function withinWorkingHours(c: Candidate, now: Date): boolean {
  const wh = c.workingHours ?? defaultHours;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: c.timeZone ?? 'UTC',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  const hm = `${get('hour')}:${get('minute')}`;
  return wh.days.includes(day) && hm >= wh.start && hm < wh.end;
}

/**
 * Picks assignees for `count` new tasks from one pool, updating loads as it goes so a burst is
 * spread out. Round robin advances a stored cursor with one atomic UPDATE (safe across workers:
 * concurrent firings get disjoint turns). Returns one user id per task, or null where nobody
 * qualifies, and whether the pool had any enabled member at all (fallback reason `pool_empty`).
 */
export async function pickAssignees(
  db: DbOrTx,
  workspaceId: string,
  pool: Pool,
  count: number,
  now: Date,
  cursorKey: string,
): Promise<{ picks: Array<string | null>; empty: boolean }> {
  const cands = await poolCandidates(db, workspaceId, pool);
  if (cands.length === 0 || count === 0)
    return { picks: new Array<string | null>(count).fill(null), empty: cands.length === 0 };
  const out: Array<string | null> = [];
  if (pool.strategy === 'round_robin') {
    const [row] = await queryRows<{ position: number }>(
      db,
      sql`
      insert into assignment_cursors (key, workspace_id, position) values (${cursorKey}, ${workspaceId}::uuid, ${count})
      on conflict (key) do update set position = assignment_cursors.position + ${count} returning position`,
    );
    const start = (row?.position ?? count) - count;
    for (let i = 0; i < count; i++) out.push(cands[(start + i) % cands.length]!.id);
    return { picks: out, empty: false };
  }
  const load = new Map(cands.map((c) => [c.id, c.open]));
  const free = (c: Candidate) => c.capacity - load.get(c.id)! * HOURS_PER_OPEN_TASK;
  // Working hours do not change within one firing: checked once per candidate.
  const working = new Set(
    pool.strategy === 'next_available'
      ? cands.filter((c) => withinWorkingHours(c, now)).map((c) => c.id)
      : [],
  );
  for (let i = 0; i < count; i++) {
    let pick: Candidate | null = null;
    for (const c of cands) {
      if (pool.strategy === 'next_available') {
        if (!working.has(c.id) || free(c) < HOURS_PER_OPEN_TASK) continue;
        if (!pick || free(c) > free(pick)) pick = c;
      } else if (!pick || load.get(c.id)! < load.get(pick.id)!) pick = c;
    }
    out.push(pick?.id ?? null);
    if (pick) load.set(pick.id, load.get(pick.id)! + 1);
  }
  return { picks: out, empty: false };
}
