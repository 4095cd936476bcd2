// Criteria in words, one line per condition ("Health is red", "Has tag vip"), for the version diff.
// Pure (no React): src/plays/versions/diff-definitions.test.ts runs it under Node.
import type { Criteria, Leaf } from '../../segments/types.ts';

/** How to name what a criterion points at (attribute labels, segment names; undefined: it was deleted). */
export type CriteriaNames = {
  field?: (field: string) => string;
  segment?: (id: string) => string | undefined;
  play?: (id: string) => string | undefined;
  flow?: (id: string) => string | undefined;
};

/** "play Renewal push", "a deleted play", or "play <id>" when no names are known. */
function named(kind: string, id: string, name?: (id: string) => string | undefined): string {
  if (!name) return `${kind} ${id}`;
  const found = name(id);
  return found === undefined ? `a deleted ${kind}` : `${kind} ${found}`;
}

const ops: Record<string, string> = {
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
};

/** "attributes.renewal_date" → "renewal date", "name" → "name" (when no label is known). */
export const fieldWords = (field: string) =>
  field
    .replace(/^attributes\./, '')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const value = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function leafWords(l: Leaf, n: CriteriaNames): string {
  switch (l.kind) {
    case 'compare': {
      const field = n.field?.(l.field) ?? fieldWords(l.field);
      const days = l.days ?? l.value;
      switch (l.op) {
        case 'within_next_days':
          return `${capital(field)} is within the next ${days} days`;
        case 'within_last_days':
          return `${capital(field)} was within the last ${days} days`;
        case 'more_than_days_ago':
          return `${capital(field)} is more than ${days} days ago`;
        case 'more_than_days_ahead':
          return `${capital(field)} is more than ${days} days ahead`;
        case 'between':
          return `${capital(field)} is between ${(l.values ?? []).map(value).join(' and ')}`;
        case 'in':
          return `${capital(field)} is one of ${(l.values ?? []).map(value).join(', ')}`;
        case 'is_empty':
        case 'is_set':
        case 'is_not_set':
          return `${capital(field)} ${ops[l.op]}`;
        default:
          return `${capital(field)} ${ops[l.op] ?? l.op} ${value(l.value)}`;
      }
    }
    case 'tags': {
      const whose = l.of === 'parent' ? 'Parent account ' : l.of === 'account' ? 'Account ' : '';
      return `${whose}${whose ? 'has' : 'Has'}${l.op === 'has_not' ? ' no' : ''} tag ${l.tag}`;
    }
    case 'has_parent':
      return l.value ? 'Has a parent account' : 'Has no parent account';
    case 'task_stat': {
      const period = l.periodDays ? ` in the last ${l.periodDays} days` : '';
      const op = l.op === 'gte' ? 'at least' : l.op === 'lte' ? 'at most' : 'exactly';
      const play = l.playId ? ` from ${named('play', l.playId, n.play)}` : '';
      const flow = l.flowId ? ` in ${named('flow', l.flowId, n.flow)}` : '';
      return `${capital(l.metric)} tasks${play}${flow}${period}: ${op} ${l.value}`;
    }
    case 'in_segment':
      return `In ${named('segment', l.segmentId, n.segment)}`;
    case 'not_in_segment':
      return `Not in ${named('segment', l.segmentId, n.segment)}`;
    default:
      return 'Another condition';
  }
}

/** The conditions as lines: "All of these:" / "Any of these:" then one line per condition, nested indented. */
export function criteriaLines(c: Criteria | null | undefined, n: CriteriaNames = {}): string[] {
  if (!c) return ['Every record'];
  const walk = (x: Criteria, indent: string): string[] => {
    if (x.kind === 'and' || x.kind === 'or')
      return [
        `${indent}${x.kind === 'and' ? 'All of these:' : 'Any of these:'}`,
        ...x.items.flatMap((i: Criteria) => walk(i, `${indent}  `)),
      ];
    if (x.kind === 'not') {
      const inner = walk(x.item, '');
      return inner.length === 1
        ? [`${indent}Not: ${inner[0]}`]
        : [`${indent}None of these:`, ...inner.map((l) => `${indent}  ${l}`)];
    }
    return [`${indent}${leafWords(x, n)}`];
  };
  return walk(c, '');
}
