// Segments: saved criteria over accounts or contacts.
import { Anchor, Badge, Button, Table } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { formatTime } from '@/lib/dates';
import { canManagePlays, useMe } from '@/features/auth/api';
import { useSegments } from '../api';

export function SegmentsPage() {
  const segments = useSegments();
  const { data: me } = useMe();
  return (
    <>
      <PageHeader
        title="Segments"
        subtitle="Accounts or contacts that meet saved criteria"
        actions={
          canManagePlays(me) && (
            <Button component={Link} to="/segments/new">
              New segment
            </Button>
          )
        }
      />
      {segments.isPending ? (
        <Loading label="Loading segments" />
      ) : segments.isError ? (
        <ErrorState error={segments.error} />
      ) : segments.data.length === 0 ? (
        <EmptyState title="No segments yet">
          Build one to follow a group of accounts and their work.
        </EmptyState>
      ) : (
        <Table highlightOnHover aria-label="Segments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Subject</Table.Th>
              <Table.Th>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {segments.data.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/segments/${s.id}`}>
                    {s.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light">{s.subject}</Badge>
                </Table.Td>
                <Table.Td>{formatTime(s.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
