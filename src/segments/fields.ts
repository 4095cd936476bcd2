import { sql, type SQL } from 'drizzle-orm';
import type { attributeDefinitions } from '../db/schema/index.ts';
import { isIsoDate } from '../accounts/attributes.ts';

export type FieldType = 'text' | 'number' | 'date' | 'boolean' | 'enum' | 'user';
type Definition = typeof attributeDefinitions.$inferSelect;

/** Table aliases used by compiled criteria: `a` account, `c` contact, `p` an account's parent. */
export type Alias = 'a' | 'c' | 'p';
const aliasSql: Record<Alias, SQL> = { a: sql.raw('a'), c: sql.raw('c'), p: sql.raw('p') };
export const aliasOf = (alias: Alias) => aliasSql[alias];

// The only column names that ever reach SQL text: a fixed map from public field names.
const accountColumns: Record<string, { column: string; type: FieldType }> = {
  name: { column: 'name', type: 'text' },
  external_id: { column: 'external_id', type: 'text' },
  lifecycle_stage: { column: 'lifecycle_stage', type: 'text' },
  account_type: { column: 'account_type', type: 'text' },
  created_at: { column: 'created_at', type: 'date' },
};
const contactColumns: Record<string, { column: string; type: FieldType }> = {
  first_name: { column: 'first_name', type: 'text' },
  last_name: { column: 'last_name', type: 'text' },
  email: { column: 'email', type: 'text' },
  phone: { column: 'phone', type: 'text' },
  created_at: { column: 'created_at', type: 'date' },
};

export type ResolvedField = { alias: Alias; expr: SQL; type: FieldType };
export type Definitions = { account: Map<string, Definition>; contact: Map<string, Definition> };

/**
 * Resolves a public field path to a typed SQL expression, or returns an error message.
 * Accounts: `name`, `attributes.k`, `parent.name`, `parent.attributes.k`.
 * Contacts: `first_name`, `attributes.k`, `account.name`, `account.attributes.k`, `account.parent.…`.
 */
export function resolveField(
  subject: 'accounts' | 'contacts',
  path: string,
  defs: Definitions,
  timeZone: string,
): ResolvedField | string {
  let rest = path;
  let alias: Alias = subject === 'accounts' ? 'a' : 'c';
  if (subject === 'contacts' && rest.startsWith('account.')) {
    alias = 'a';
    rest = rest.slice('account.'.length);
  }
  if (alias === 'a' && rest.startsWith('parent.')) {
    alias = 'p';
    rest = rest.slice('parent.'.length);
  }
  const entity = alias === 'c' ? 'contact' : 'account';
  const t = aliasOf(alias);
  if (rest.startsWith('attributes.')) {
    const key = rest.slice('attributes.'.length);
    const def = (entity === 'contact' ? defs.contact : defs.account).get(key);
    if (!def) return `unknown ${entity} attribute "${key}"`;
    return { alias, type: def.type, expr: attributeExpr(t, key, def.type) };
  }
  const col = (entity === 'contact' ? contactColumns : accountColumns)[rest];
  if (!col) return `unknown ${entity} field "${rest}"`;
  const column = sql`${t}.${sql.raw(col.column)}`;
  if (col.type === 'date')
    return { alias, type: 'date', expr: sql`(${column} at time zone ${timeZone}::text)::date` };
  return { alias, type: col.type, expr: column };
}

/** A typed read of one custom attribute; values of the wrong JSON type read as "not set", never an error. */
function attributeExpr(t: SQL, key: string, type: FieldType): SQL {
  const k = sql`${key}::text`;
  switch (type) {
    case 'number':
      return sql`(case when jsonb_typeof(${t}.attributes->${k}) = 'number' then (${t}.attributes->>${k})::numeric end)`;
    case 'boolean':
      return sql`(case when jsonb_typeof(${t}.attributes->${k}) = 'boolean' then (${t}.attributes->>${k})::boolean end)`;
    case 'date':
      return sql`(case when (${t}.attributes->>${k}) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' then left(${t}.attributes->>${k}, 10)::date end)`;
    default:
      return sql`(${t}.attributes->>${k})`;
  }
}

/** The SQL type a literal is cast to for comparison with a field of this type. */
export function castParam(value: unknown, type: FieldType): SQL {
  switch (type) {
    case 'number':
      return sql`${value}::numeric`;
    case 'date':
      return sql`${value}::date`;
    case 'boolean':
      return sql`${value}::boolean`;
    default:
      return sql`${String(value)}::text`;
  }
}

/** Checks a literal against the field type; returns an error message or null. */
export function checkLiteral(value: unknown, type: FieldType): string | null {
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? null : 'must be a date (YYYY-MM-DD)';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    default:
      return typeof value === 'string' || typeof value === 'number' ? null : 'must be text';
  }
}
