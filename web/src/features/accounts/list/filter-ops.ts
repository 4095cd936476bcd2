// The conditions a column filter offers, by the column's kind (their words live in lib/labels.ts).
import { filterOpWords } from '@/lib/labels';
import type { ColumnKind } from './columns';
import type { FilterOp } from './url-state';

export const opsFor = (kind: ColumnKind): Array<[FilterOp, string]> =>
  filterOpWords[kind === 'number' || kind === 'date' || kind === 'text' ? kind : 'choice'];

/** Conditions that need no value. */
export const valueless = (op: FilterOp) => op === 'empty' || op === 'set';
