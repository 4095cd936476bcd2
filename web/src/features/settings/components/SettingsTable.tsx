// One settings list as a table: its loading, error and empty states, then a row per item; it scrolls
// inside its box on a phone rather than the whole page sideways.
import type { ReactNode } from 'react';
import { Button, Table } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { confirmDelete } from './confirm-delete';

export function SettingsTable<T extends { id: string }>({
  query,
  label,
  empty,
  columns,
  row,
}: {
  query: UseQueryResult<T[]>;
  /** The table's name for screen readers. */
  label: string;
  /** The empty state's title. */
  empty: string;
  columns: string[];
  /** The cells of one item's row. */
  row: (item: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} />;
  if (query.data.length === 0) return <EmptyState title={empty} />;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c}>{c}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {query.data.map((item) => (
            <Table.Tr key={item.id}>{row(item)}</Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A row's "Delete" button, named for its row, that asks first (see confirmDelete). */
export function DeleteRowButton(props: Parameters<typeof confirmDelete>[0]) {
  return (
    <Button
      size="xs"
      variant="subtle"
      color="red"
      aria-label={`Delete ${props.name}`}
      onClick={() => confirmDelete(props)}
    >
      Delete
    </Button>
  );
}
