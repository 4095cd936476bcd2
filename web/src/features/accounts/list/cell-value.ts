// How an optional column's value reads in a cell or a card.
import { formatDay } from '@/lib/dates';
import type { AccountSummary } from '../api';
import type { ListColumn } from './columns';

export function cellText(
  account: AccountSummary,
  column: ListColumn,
  userName: (id: string) => string | undefined,
): string {
  if (column.kind === 'role') return account.roles[column.id.slice('role.'.length)]?.name ?? '—';
  const value = account.attributes[column.id.slice('attr.'.length)];
  if (value === null || value === undefined || value === '') return '—';
  switch (column.kind) {
    case 'number':
      return typeof value === 'number' ? value.toLocaleString() : String(value);
    case 'date':
      return formatDay(String(value));
    case 'boolean':
      return value === true ? 'Yes' : value === false ? 'No' : String(value);
    case 'user':
      return userName(String(value)) ?? 'Unknown user';
    default:
      return String(value);
  }
}
