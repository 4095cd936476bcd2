import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { segments, workspaces } from '../db/schema/index.ts';
import type { Actor } from '../context.ts';
import { accountVisible } from '../auth/access.ts';
import { loadDefinitions } from '../accounts/attributes.ts';
import { errors, type ErrorDetail } from '../http/errors.ts';
import { addDays } from '../workspaces/dates.ts';
import { criteriaSchema, type Criteria } from './criteria.ts';
import { criteriaTooDeep } from './criteria-depth.ts';
import { aliasOf, castParam, checkLiteral, resolveField, type Definitions } from './fields.ts';

export type Subject = 'accounts' | 'contacts';
export type CompileOptions = {
  /** Today (YYYY-MM-DD) in the workspace time zone: the anchor of relative dates. */
  today: string;
  /** The instant for "created/completed in the last N days" (defaults to today's midnight UTC). */
  now?: Date;
  /** Prefix of error paths, e.g. `criteria` or `body.criteria`. */
  path?: string;
  /** The segment being saved, so a reference back to it is caught as a cycle. */
  selfSegmentId?: string;
  /**
   * Whose eyes the criteria see through: a parent account this user cannot see reads as absent (no
   * parent, its fields null), so criteria cannot probe it. Omitted only where the workspace itself
   * evaluates (the play engine) or nothing is evaluated (validation).
   */
  viewer?: Actor;
};

type Ctx = {
  db: DbOrTx;
  workspaceId: string;
  subject: Subject;
  defs: Definitions;
  timeZone: string;
  opts: CompileOptions;
  now: Date;
  visiting: Set<string>;
  details: ErrorDetail[];
};

/**
 * Compiles a criteria tree into one parameterised boolean SQL condition over alias `a` (accounts)
 * or `c` joined to its account `a` (contacts). No user text reaches the SQL text: values and
 * attribute keys are parameters, identifiers come from the fixed map in fields.ts.
 * `null`/`undefined` criteria match everything.
 */
export async function compileCriteria(
  db: DbOrTx,
  workspaceId: string,
  subject: Subject,
  criteria: unknown,
  opts: CompileOptions,
): Promise<SQL> {
  if (criteria === null || criteria === undefined) return sql`true`;
  const path = opts.path ?? 'criteria';
  const tooDeep = criteriaTooDeep(criteria, path);
  if (tooDeep) throw errors.validation([tooDeep], 'The criteria are nested too deeply.');
  const parsed = criteriaSchema.safeParse(criteria);
  if (!parsed.success) {
    throw errors.validation(
      parsed.error.issues.map((i) => ({
        path: [path, ...i.path.map(String)].join('.'),
        message: i.message,
      })),
      'The criteria are not valid.',
    );
  }
  const [ws] = await db
    .select({ timeZone: workspaces.timeZone })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  const defs: Definitions = {
    account: await loadDefinitions(db, workspaceId, 'account'),
    contact: await loadDefinitions(db, workspaceId, 'contact'),
  };
  const ctx: Ctx = {
    db,
    workspaceId,
    subject,
    defs,
    timeZone: ws?.timeZone ?? 'UTC',
    opts,
    now: opts.now ?? new Date(`${opts.today}T00:00:00Z`),
    visiting: new Set(opts.selfSegmentId ? [opts.selfSegmentId] : []),
    details: [],
  };
  const out = await node(ctx, parsed.data, path);
  if (ctx.details.length) throw errors.validation(ctx.details, 'The criteria are not valid.');
  return sql`coalesce((${out}), false)`;
}

/** The ids of the records of a workspace that match a compiled condition, as a subquery. */
export function matchingIds(
  subject: Subject,
  workspaceId: string,
  condition: SQL,
  extra: SQL = sql`true`,
): SQL {
  return subject === 'accounts'
    ? sql`select a.id from accounts a where a.workspace_id = ${workspaceId} and (${extra}) and ${condition}`
    : sql`select c.id from contacts c join accounts a on a.id = c.account_id where c.workspace_id = ${workspaceId} and (${extra}) and ${condition}`;
}

async function node(ctx: Ctx, c: Criteria, path: string): Promise<SQL> {
  switch (c.kind) {
    case 'and':
    case 'or': {
      if (c.items.length === 0) return c.kind === 'and' ? sql`true` : sql`false`;
      const parts: SQL[] = [];
      for (let i = 0; i < c.items.length; i++)
        parts.push(sql`coalesce((${await node(ctx, c.items[i]!, `${path}.items.${i}`)}), false)`);
      return sql`(${sql.join(parts, sql.raw(c.kind === 'and' ? ' and ' : ' or '))})`;
    }
    case 'not':
      return sql`not coalesce((${await node(ctx, c.item, `${path}.item`)}), false)`;
    case 'compare':
      return compare(ctx, c, path);
    case 'tags': {
      const target = tagsTarget(ctx, c.of, path);
      if (!target) return sql`false`;
      const has =
        target === 'p'
          ? onParent(ctx, sql`${c.tag}::text = any(p.tags)`)
          : sql`${c.tag}::text = any(${aliasOf(target)}.tags)`;
      return c.op === 'has' ? has : sql`not (${has})`;
    }
    case 'has_parent': {
      const has = ctx.opts.viewer
        ? sql`a.parent_id is not null and ${accountVisible(ctx.opts.viewer, sql`a.parent_id`)}`
        : sql`a.parent_id is not null`;
      return c.value ? has : sql`not (${has})`;
    }
    case 'task_stat':
      return taskStat(ctx, c);
    case 'in_segment':
    case 'not_in_segment': {
      const inner = await segmentCondition(ctx, c.segmentId, `${path}.segmentId`);
      return c.kind === 'in_segment' ? inner : sql`not coalesce((${inner}), false)`;
    }
  }
}

function tagsTarget(
  ctx: Ctx,
  of: 'self' | 'parent' | 'account',
  path: string,
): 'a' | 'c' | 'p' | null {
  if (of === 'parent') return 'p';
  if (of === 'account') {
    if (ctx.subject !== 'contacts') {
      ctx.details.push({
        path: `${path}.of`,
        message: '"account" tags apply only to contact criteria',
      });
      return null;
    }
    return 'a';
  }
  return ctx.subject === 'accounts' ? 'a' : 'c';
}

function compare(ctx: Ctx, c: Extract<Criteria, { kind: 'compare' }>, path: string): SQL {
  const field = resolveField(ctx.subject, c.field, ctx.defs, ctx.timeZone);
  if (typeof field === 'string') {
    ctx.details.push({ path: `${path}.field`, message: field });
    return sql`false`;
  }
  const { expr, type } = field;
  const fail = (where: string, message: string) => {
    ctx.details.push({ path: `${path}.${where}`, message });
    return sql`false`;
  };
  const lit = (v: unknown, where: string): SQL | null => {
    const problem = checkLiteral(v, type);
    if (problem) {
      ctx.details.push({ path: `${path}.${where}`, message: problem });
      return null;
    }
    return castParam(v, type);
  };
  const ordered = type === 'number' || type === 'date';
  let cond: SQL;
  switch (c.op) {
    case 'eq':
    case 'neq':
    case 'lt':
    case 'gt':
    case 'lte':
    case 'gte': {
      if (c.value === undefined) return fail('value', 'a value is required');
      if (!['eq', 'neq'].includes(c.op) && !ordered)
        return fail('op', `"${c.op}" needs a number or date field`);
      const v = lit(c.value, 'value');
      if (!v) return sql`false`;
      const op = { eq: '=', neq: '<>', lt: '<', gt: '>', lte: '<=', gte: '>=' }[c.op];
      // "not equal" also matches records where the field is not set, as a person would expect.
      cond = c.op === 'neq' ? sql`${expr} is distinct from ${v}` : sql`${expr} ${sql.raw(op)} ${v}`;
      break;
    }
    case 'between': {
      if (!ordered) return fail('op', '"between" needs a number or date field');
      if (!c.values || c.values.length !== 2)
        return fail('values', 'between needs exactly two values');
      const lo = lit(c.values[0], 'values.0');
      const hi = lit(c.values[1], 'values.1');
      if (!lo || !hi) return sql`false`;
      cond = sql`${expr} between ${lo} and ${hi}`;
      break;
    }
    case 'in': {
      if (!c.values || c.values.length === 0) return fail('values', 'in needs at least one value');
      const lits = c.values.map((v, i) => lit(v, `values.${i}`));
      if (lits.some((l) => !l)) return sql`false`;
      cond = sql`${expr} in (${sql.join(lits as SQL[], sql`, `)})`;
      break;
    }
    case 'contains': {
      if (type === 'number' || type === 'date' || type === 'boolean')
        return fail('op', '"contains" needs a text field');
      if (typeof c.value !== 'string' || c.value === '')
        return fail('value', 'a text value is required');
      // strpos, not LIKE: the user's text is matched literally, % and _ included.
      cond = sql`strpos(lower(${expr}), lower(${c.value}::text)) > 0`;
      break;
    }
    case 'is_empty':
      cond = ordered || type === 'boolean' ? sql`${expr} is null` : sql`coalesce(${expr}, '') = ''`;
      break;
    case 'is_set':
      cond =
        ordered || type === 'boolean' ? sql`${expr} is not null` : sql`coalesce(${expr}, '') <> ''`;
      break;
    case 'is_not_set':
      cond = sql`${expr} is null`;
      break;
    default: {
      if (type !== 'date') return fail('op', `"${c.op}" needs a date field`);
      if (c.days === undefined) return fail('days', 'days is required');
      const today = ctx.opts.today;
      const d = (n: number) => sql`${addDays(today, n)}::date`;
      if (c.op === 'within_next_days') cond = sql`${expr} between ${d(0)} and ${d(c.days)}`;
      else if (c.op === 'within_last_days') cond = sql`${expr} between ${d(-c.days)} and ${d(0)}`;
      else if (c.op === 'more_than_days_ago') cond = sql`${expr} < ${d(-c.days)}`;
      else cond = sql`${expr} > ${d(c.days)}`;
    }
  }
  return field.alias === 'p' ? onParent(ctx, cond) : cond;
}

/** A condition on the record's parent account (alias `p`); a parent the viewer cannot see is no parent. */
function onParent(ctx: Ctx, cond: SQL): SQL {
  const visible = ctx.opts.viewer ? accountVisible(ctx.opts.viewer, sql`p.id`) : sql`true`;
  return sql`exists (select 1 from accounts p where p.id = a.parent_id and ${visible} and ${cond})`;
}

function taskStat(ctx: Ctx, c: Extract<Criteria, { kind: 'task_stat' }>): SQL {
  const since = c.periodDays
    ? new Date(ctx.now.getTime() - c.periodDays * 86_400_000).toISOString()
    : null;
  const metric = {
    overdue: sql`t.status = 'open' and t.due_date < ${ctx.opts.today}::date`,
    open: sql`t.status = 'open'`,
    created: since
      ? sql`t.status <> 'deleted' and t.created_at >= ${since}::timestamptz`
      : sql`t.status <> 'deleted'`,
    completed: since
      ? sql`t.status = 'completed' and t.completed_at >= ${since}::timestamptz`
      : sql`t.status = 'completed'`,
  }[c.metric];
  const filters: SQL[] = [metric];
  if (c.playId) filters.push(sql`t.play_id = ${c.playId}::uuid`);
  if (c.flowId) filters.push(sql`t.flow_id = ${c.flowId}::uuid`);
  const count = sql`(select count(*) from tasks t where t.account_id = a.id and ${sql.join(filters, sql` and `)})`;
  const op = { gte: '>=', lte: '<=', eq: '=' }[c.op];
  return sql`${count} ${sql.raw(op)} ${c.value}::int`;
}

/** Another segment's criteria, evaluated live on the same row; cycles are refused. */
async function segmentCondition(ctx: Ctx, segmentId: string, path: string): Promise<SQL> {
  if (ctx.visiting.has(segmentId)) {
    ctx.details.push({ path, message: 'segments refer to each other in a cycle' });
    return sql`false`;
  }
  const [seg] = await ctx.db
    .select()
    .from(segments)
    .where(and(eq(segments.id, segmentId), eq(segments.workspaceId, ctx.workspaceId)));
  if (!seg) {
    ctx.details.push({ path, message: 'no such segment' });
    return sql`false`;
  }
  if (seg.subject !== ctx.subject) {
    ctx.details.push({
      path,
      message: `segment "${seg.name}" is over ${seg.subject}, not ${ctx.subject}`,
    });
    return sql`false`;
  }
  const parsed = criteriaSchema.safeParse(seg.criteria);
  if (!parsed.success) {
    ctx.details.push({ path, message: `segment "${seg.name}" has invalid criteria` });
    return sql`false`;
  }
  ctx.visiting.add(segmentId);
  const before = ctx.details.length;
  const inner = await node(ctx, parsed.data, path);
  // Problems inside a referenced segment are reported at the reference, not at paths of the other tree.
  if (ctx.details.length > before)
    ctx.details.splice(before, ctx.details.length - before, {
      path,
      message: `segment "${seg.name}" cannot be evaluated`,
    });
  ctx.visiting.delete(segmentId);
  return inner;
}
