// The accounts list's view lives in the URL, so a reload or a shared link shows the same list:
// search and fixed filters, the sorted column and direction, and column filters (`filter=col:op:value`).
import type { AccountFilters } from '../api';

export type FilterOp = 'eq' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains' | 'empty' | 'set';
export type ColumnFilter = { column: string; op: FilterOp; value?: string };
export type ListView = {
  filters: AccountFilters;
  sort?: string;
  dir?: 'asc' | 'desc';
  columnFilters: ColumnFilter[];
};

const fixed = ['q', 'teamId', 'lifecycleStage', 'accountType', 'tag', 'hasParent'] as const;
const ops: FilterOp[] = ['eq', 'lt', 'lte', 'gt', 'gte', 'contains', 'empty', 'set'];

export function parseFilter(raw: string): ColumnFilter | null {
  const [column, op, ...rest] = raw.split(':');
  if (!column || !op || !ops.includes(op as FilterOp)) return null;
  const value = rest.join(':');
  return { column, op: op as FilterOp, ...(value ? { value } : {}) };
}
export const formatFilter = (f: ColumnFilter) =>
  f.value === undefined ? `${f.column}:${f.op}` : `${f.column}:${f.op}:${f.value}`;

export function readView(params: URLSearchParams): ListView {
  const filters: AccountFilters = {};
  for (const k of fixed) {
    const v = params.get(k);
    if (v) (filters as Record<string, string>)[k] = v;
  }
  const dir = params.get('dir');
  return {
    filters,
    sort: params.get('sort') ?? undefined,
    dir: dir === 'asc' || dir === 'desc' ? dir : undefined,
    columnFilters: params
      .getAll('filter')
      .map(parseFilter)
      .filter((f): f is ColumnFilter => f !== null),
  };
}

export function writeView(view: ListView): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of fixed) {
    const v = view.filters[k];
    if (v) out.set(k, v);
  }
  if (view.sort) out.set('sort', view.sort);
  if (view.sort && view.dir) out.set('dir', view.dir);
  for (const f of view.columnFilters) out.append('filter', formatFilter(f));
  return out;
}
