import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { accountRoles, attributeDefinitions } from '../db/schema/index.ts';
import { errors } from '../http/errors.ts';
import { accountIdRef } from './queries.ts';
import { containsPattern } from './cursor.ts';

/**
 * The accounts list's sortable and filterable columns: the name, the lifecycle stage, every account
 * attribute (`attr.<key>`, typed by its definition) and every role (`role.<roleId>`, the holder).
 */
export type ColumnType = 'text' | 'number' | 'date' | 'boolean' | 'enum' | 'user' | 'role';
export type ListColumn = {
  /** The SQL value; null when the account has none (sorted last in both directions, except the name). */
  expr: SQL;
  /** What sorting compares and the cursor carries (a role sorts by its holder's name). */
  sortExpr: SQL;
  /** Cast of a cursor value back to the sort expression's type. */
  sortType: 'text' | 'numeric' | 'date' | 'boolean';
  type: ColumnType;
  /** The name column: ordered by (name, id) only. */
  isName?: boolean;
};

const attrText = (key: string) => sql`(${sql.raw('"accounts"."attributes"')} ->> ${key})`;
const attrJsonType = (key: string) =>
  sql`jsonb_typeof(${sql.raw('"accounts"."attributes"')} -> ${key})`;

/** An attribute cast per its definition; a stored value of another JSON type reads as empty. */
function attributeExpr(
  key: string,
  type: ColumnType,
): { expr: SQL; sortType: ListColumn['sortType'] } {
  switch (type) {
    case 'number':
      return {
        expr: sql`(case when ${attrJsonType(key)} = 'number' then ${attrText(key)}::numeric end)`,
        sortType: 'numeric',
      };
    case 'date':
      return {
        expr: sql`(case when ${attrText(key)} ~ '^\\d{4}-\\d{2}-\\d{2}$' then ${attrText(key)}::date end)`,
        sortType: 'date',
      };
    case 'boolean':
      return {
        expr: sql`(case when ${attrJsonType(key)} = 'boolean' then ${attrText(key)}::boolean end)`,
        sortType: 'boolean',
      };
    default:
      return {
        expr: sql`(case when ${attrJsonType(key)} = 'string' then ${attrText(key)} end)`,
        sortType: 'text',
      };
  }
}

const roleHolderId = (roleId: string) =>
  sql`(select h_c.user_id from account_role_holders h_c where h_c.account_id = ${accountIdRef} and h_c.role_id = ${roleId}::uuid)`;
const roleHolderName = (roleId: string) =>
  sql`(select u_c.name from account_role_holders h_c join users u_c on u_c.id = h_c.user_id
    where h_c.account_id = ${accountIdRef} and h_c.role_id = ${roleId}::uuid)`;

const ATTR = 'attr.';
const ROLE = 'role.';

/** Resolves a column name of the list; null when the workspace has no such column. */
export async function resolveColumn(
  db: DbOrTx,
  workspaceId: string,
  name: string,
): Promise<ListColumn | null> {
  if (name === 'name') {
    const expr = sql`${sql.raw('"accounts"."name"')}`;
    return { expr, sortExpr: expr, sortType: 'text', type: 'text', isName: true };
  }
  if (name === 'lifecycleStage') {
    const expr = sql`${sql.raw('"accounts"."lifecycle_stage"')}`;
    return { expr, sortExpr: expr, sortType: 'text', type: 'text' };
  }
  if (name.startsWith(ATTR)) {
    const key = name.slice(ATTR.length);
    const [def] = await db
      .select({ type: attributeDefinitions.type })
      .from(attributeDefinitions)
      .where(
        and(
          eq(attributeDefinitions.workspaceId, workspaceId),
          eq(attributeDefinitions.entity, 'account'),
          eq(attributeDefinitions.key, key),
        ),
      );
    if (!def) return null;
    const { expr, sortType } = attributeExpr(key, def.type);
    return { expr, sortExpr: expr, sortType, type: def.type };
  }
  if (name.startsWith(ROLE)) {
    const roleId = name.slice(ROLE.length);
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(roleId))
      return null;
    const [role] = await db
      .select({ id: accountRoles.id })
      .from(accountRoles)
      .where(and(eq(accountRoles.workspaceId, workspaceId), eq(accountRoles.id, roleId)));
    if (!role) return null;
    return {
      expr: roleHolderId(roleId),
      sortExpr: roleHolderName(roleId),
      sortType: 'text',
      type: 'role',
    };
  }
  return null;
}

export const filterOps = ['eq', 'lt', 'lte', 'gt', 'gte', 'contains', 'empty', 'set'] as const;
type FilterOp = (typeof filterOps)[number];

const opsByType: Record<ColumnType, readonly FilterOp[]> = {
  number: ['eq', 'lt', 'lte', 'gt', 'gte', 'empty', 'set'],
  date: ['eq', 'lt', 'lte', 'gt', 'gte', 'empty', 'set'],
  text: ['eq', 'contains', 'empty', 'set'],
  enum: ['eq', 'empty', 'set'],
  boolean: ['eq', 'empty', 'set'],
  user: ['eq', 'empty', 'set'],
  role: ['eq', 'empty', 'set'],
};
const comparison: Partial<Record<FilterOp, string>> = {
  eq: '=',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A real YYYY-MM-DD day (2027-02-30 is not: `Date` would roll it over). */
export const isCalendarDay = (raw: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(raw) &&
  !Number.isNaN(Date.parse(raw)) &&
  new Date(raw).toISOString().slice(0, 10) === raw;

/** The value of a filter as a typed bind parameter, or an error message. */
function filterValue(type: ColumnType, raw: string): SQL | string {
  switch (type) {
    case 'number':
      // Plain decimals only: what PostgreSQL's numeric reads exactly (no hex, exponents or NaN).
      return /^-?\d{1,30}(\.\d{1,30})?$/.test(raw) ? sql`${raw}::numeric` : 'must be a number';
    case 'date':
      return isCalendarDay(raw) ? sql`${raw}::date` : 'must be a date (YYYY-MM-DD)';
    case 'boolean':
      return raw === 'true' || raw === 'false' ? sql`${raw}::boolean` : 'must be true or false';
    case 'user':
      return UUID.test(raw) ? sql`${raw.toLowerCase()}` : 'must be a user id';
    case 'role':
      return UUID.test(raw) ? sql`${raw.toLowerCase()}::uuid` : 'must be a user id';
    default:
      return sql`${raw}`;
  }
}

/**
 * One filter `<column>:<op>[:<value>]` (the value may itself contain colons) as a condition.
 * Anything unknown or mistyped is a 400 on `query.filter`.
 */
export async function compileFilter(db: DbOrTx, workspaceId: string, raw: string): Promise<SQL> {
  const bad = (message: string) => errors.field('query.filter', `"${raw}": ${message}`);
  const first = raw.indexOf(':');
  if (first < 1) throw bad('write a filter as column:operator:value');
  const rest = raw.slice(first + 1);
  const second = rest.indexOf(':');
  const name = raw.slice(0, first);
  const op = (second < 0 ? rest : rest.slice(0, second)) as FilterOp;
  const value = second < 0 ? null : rest.slice(second + 1);
  const column = await resolveColumn(db, workspaceId, name);
  if (!column) throw bad('there is no such column');
  if (!opsByType[column.type].includes(op))
    throw bad(`the operator must be one of ${opsByType[column.type].join(', ')}`);
  if (op === 'empty') return sql`${column.expr} is null`;
  if (op === 'set') return sql`${column.expr} is not null`;
  if (value === null || value === '') throw bad('a value is needed');
  if (value.length > 200) throw bad('the value is too long');
  if (op === 'contains') return sql`${column.expr} ilike ${containsPattern(value)}`;
  const typed = filterValue(column.type, value);
  if (typeof typed === 'string') throw bad(typed);
  return sql`${column.expr} ${sql.raw(comparison[op]!)} ${typed}`;
}
