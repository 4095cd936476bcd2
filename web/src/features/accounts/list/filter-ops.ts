// The conditions a column filter offers, in words, by the column's kind.
import type { ColumnKind } from './columns';
import type { FilterOp } from './url-state';

const ordered = (before: string, after: string): Array<[FilterOp, string]> => [
  ['lt', before],
  ['lte', `${before} or equal`],
  ['eq', 'equal to'],
  ['gte', `${after} or equal`],
  ['gt', after],
];

export function opsFor(kind: ColumnKind): Array<[FilterOp, string]> {
  const presence: Array<[FilterOp, string]> = [
    ['set', 'has a value'],
    ['empty', 'is empty'],
  ];
  switch (kind) {
    case 'number':
      return [...ordered('less than', 'more than'), ...presence];
    case 'date':
      return [
        ['lt', 'before'],
        ['lte', 'on or before'],
        ['eq', 'on'],
        ['gte', 'on or after'],
        ['gt', 'after'],
        ...presence,
      ];
    case 'text':
      return [['contains', 'contains'], ['eq', 'is'], ...presence];
    default:
      return [['eq', 'is'], ...presence];
  }
}

/** Conditions that need no value. */
export const valueless = (op: FilterOp) => op === 'empty' || op === 'set';
