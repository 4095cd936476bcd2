import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../../context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { compileCriteria } from '../../segments/compile.ts';
import { queryRows } from '../../db/rows.ts';
import { loadAllowList, type AllowList } from '../../templates/merge-fields.ts';
import { todayIn } from '../../workspaces/dates.ts';
import { plays } from '../../db/schema/index.ts';
import { asPlay, isEventPlay, type Play } from '../queries.ts';

/**
 * What the engine needs to know about a workspace for one batch or firing, read in ONE query:
 * local date, name, and a fingerprint of everything compiled criteria depend on (attribute
 * definitions, segments). Compiled criteria and merge-field allow-lists are cached under it.
 */
export type PlayEnv = {
  workspaceId: string;
  timeZone: string;
  today: string;
  now: Date;
  workspaceName: string;
  fingerprint: string;
  /** Identity and version of every enabled play: the cached list is reused while it is unchanged. */
  playsFingerprint: string;
  /** Whether some enabled event play reacts to task changes (memoised per env). */
  taskEvents?: boolean;
};

type EnvRow = { time_zone: string; name: string; defs: string; segs: string; plays: string };

export async function loadEnv(db: DbOrTx, workspaceId: string, clock: Clock): Promise<PlayEnv> {
  const [w] = await queryRows<EnvRow>(
    db,
    sql`select w.time_zone, w.name,
      (select md5(coalesce(string_agg(d.entity || ':' || d.key || ':' || d.type || ':' || coalesce(d.enum_values::text, ''), ',' order by d.entity, d.key), ''))
        from attribute_definitions d where d.workspace_id = w.id) as defs,
      (select count(*)::text || ':' || coalesce(max(s.updated_at)::text, '') from segments s where s.workspace_id = w.id) as segs,
      (select coalesce(md5(string_agg(p.id::text || ':' || p.version || ':' || p.updated_at::text || ':' || coalesce(p.owner_user_id::text, '')
        || ':' || coalesce(p.created_by::text, ''), ',' order by p.id)), '') from plays p where p.workspace_id = w.id and p.status = 'enabled') as plays
    from workspaces w where w.id = ${workspaceId}::uuid`,
  );
  const now = clock.now();
  const timeZone = w?.time_zone ?? 'UTC';
  return {
    workspaceId,
    timeZone,
    today: todayIn(timeZone, now),
    now,
    workspaceName: w?.name ?? '',
    fingerprint: `${w?.defs}|${w?.segs}`,
    playsFingerprint: `${workspaceId}:${w?.plays}`,
  };
}

const MAX_ENTRIES = 1000;
const compiled = new Map<string, SQL>();
const allowLists = new Map<string, AllowList>();
const enabledCache = new Map<string, Play[]>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

/** The workspace's enabled plays, re-read only when their fingerprint changed. */
export async function enabledPlays(db: DbOrTx, env: PlayEnv): Promise<Play[]> {
  const hit = enabledCache.get(env.playsFingerprint);
  if (hit) return hit;
  const rows = await db
    .select()
    .from(plays)
    .where(and(eq(plays.workspaceId, env.workspaceId), eq(plays.status, 'enabled')));
  return remember(enabledCache, env.playsFingerprint, rows.map(asPlay));
}

const taskDependent = /"(task_stat|in_segment|not_in_segment)"/;
/** Whether criteria could change when a task is created (task statistics, or a live segment that may use them). */
export const readsTasks = (p: Play) =>
  isEventPlay(p) &&
  (taskDependent.test(JSON.stringify(p.criteria)) ||
    taskDependent.test(JSON.stringify(p.goalCriteria)));

/**
 * The play's criteria (or goal criteria) as a SQL condition, compiled once per play version, day and
 * workspace fingerprint. Criteria with rolling periods ("created in the last 7 days") or live segment
 * references are also keyed by the minute, since their SQL embeds the current instant.
 */
export async function playCondition(
  db: DbOrTx,
  env: PlayEnv,
  play: Play,
  which: 'criteria' | 'goalCriteria',
): Promise<SQL> {
  const criteria = play[which];
  const text = JSON.stringify(criteria ?? null);
  const minute = /periodDays|in_segment/.test(text) ? Math.floor(env.now.getTime() / 60_000) : '';
  const key = `${play.id}:${play.version}:${which}:${env.today}:${env.fingerprint}:${minute}:${text}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const cond = await compileCriteria(db, play.workspaceId, play.subject, criteria, {
    today: env.today,
    now: env.now,
  });
  return remember(compiled, key, cond);
}

/** Merge fields a template may use in this workspace (depends only on the attribute definitions). */
export async function allowListFor(db: DbOrTx, env: PlayEnv): Promise<AllowList> {
  const key = `${env.workspaceId}:${env.fingerprint}`;
  return allowLists.get(key) ?? remember(allowLists, key, await loadAllowList(db, env.workspaceId));
}

/**
 * True when an enabled event play's criteria could change because a task was created. Otherwise
 * the engine's own task inserts write no outbox rows: nobody would react to them.
 */
export async function taskEventsNeeded(db: DbOrTx, env: PlayEnv): Promise<boolean> {
  env.taskEvents ??= (await enabledPlays(db, env)).some(readsTasks);
  return env.taskEvents;
}
