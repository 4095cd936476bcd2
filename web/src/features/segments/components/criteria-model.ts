// The builder edits a flat list: match all/any of rows, each row one condition (optionally negated).
// Trees that do not fit that shape are edited as JSON instead.
import type { Criteria, Leaf } from '../types';

export type Row = { negate: boolean; leaf: Leaf };
export type Model = { mode: 'and' | 'or'; rows: Row[] };

const isLeaf = (c: Criteria): c is Leaf => !['and', 'or', 'not'].includes(c.kind);

function toRow(c: Criteria): Row | null {
  if (c.kind === 'not') return isLeaf(c.item) ? { negate: true, leaf: c.item } : null;
  return isLeaf(c) ? { negate: false, leaf: c } : null;
}

/** The builder's model for a criteria tree, or null when it needs the JSON editor. */
export function toModel(c: Criteria | null | undefined): Model | null {
  if (!c) return { mode: 'and', rows: [] };
  if (c.kind === 'and' || c.kind === 'or') {
    const rows = c.items.map(toRow);
    return rows.every(Boolean) ? { mode: c.kind, rows: rows as Row[] } : null;
  }
  const row = toRow(c);
  return row ? { mode: 'and', rows: [row] } : null;
}

export function fromModel(m: Model): Criteria | null {
  if (m.rows.length === 0) return null;
  return {
    kind: m.mode,
    items: m.rows.map((r) => (r.negate ? { kind: 'not', item: r.leaf } : r.leaf)),
  };
}

export const newLeaf = (kind: Leaf['kind']): Leaf => {
  switch (kind) {
    case 'tags':
      return { kind: 'tags', op: 'has', tag: '' };
    case 'has_parent':
      return { kind: 'has_parent', value: true };
    case 'task_stat':
      return { kind: 'task_stat', metric: 'overdue', op: 'gte', value: 1 };
    case 'in_segment':
    case 'not_in_segment':
      return { kind, segmentId: '' };
    default:
      return { kind: 'compare', field: 'name', op: 'contains', value: '' };
  }
};

export const opLabels: Record<string, string> = {
  eq: 'is',
  neq: 'is not',
  lt: 'is less than',
  gt: 'is greater than',
  lte: 'is at most',
  gte: 'is at least',
  between: 'is between',
  in: 'is one of',
  contains: 'contains',
  is_empty: 'is empty',
  is_set: 'is set',
  is_not_set: 'is not set',
  within_next_days: 'is within the next N days',
  within_last_days: 'was within the last N days',
  more_than_days_ago: 'is more than N days ago',
  more_than_days_ahead: 'is more than N days ahead',
};

export const opsFor = (type: string): string[] => {
  if (type === 'date')
    return [
      'eq',
      'lt',
      'gt',
      'between',
      'is_set',
      'is_not_set',
      'within_next_days',
      'within_last_days',
      'more_than_days_ago',
      'more_than_days_ahead',
    ];
  if (type === 'number')
    return ['eq', 'neq', 'lt', 'gt', 'lte', 'gte', 'between', 'is_set', 'is_not_set'];
  if (type === 'boolean') return ['eq', 'is_set', 'is_not_set'];
  if (type === 'enum' || type === 'user') return ['eq', 'neq', 'in', 'is_set', 'is_not_set'];
  return ['eq', 'neq', 'contains', 'in', 'is_empty', 'is_set', 'is_not_set'];
};
