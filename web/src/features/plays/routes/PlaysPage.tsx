// Plays: automations that create tasks and update data when records enter or leave criteria.
import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { formatTime } from '@/lib/dates';
import { usePlays } from '../api';

const triggerText: Record<string, string> = {
  enter: 'meets criteria',
  exit: 'no longer meets criteria',
  manual: 'manual',
  recurring: 'recurring',
  task_completed: 'task completed',
};

export function PlaysPage() {
  const plays = usePlays();
  return (
    <>
      <PageHeader
        title="Plays"
        subtitle="Automated playbooks"
        actions={
          <Button component={Link} to="/plays/new">
            New play
          </Button>
        }
      />
      {plays.isPending ? (
        <Loading label="Loading plays" />
      ) : plays.isError ? (
        <ErrorState error={plays.error} />
      ) : plays.data.length === 0 ? (
        <EmptyState
          title="No plays yet"
          action={
            <Button component={Link} to="/plays/new" mt="xs">
              Build the first play
            </Button>
          }
        >
          A play creates tasks when accounts enter a segment, on a schedule, or on demand.
        </EmptyState>
      ) : (
        <Table highlightOnHover aria-label="Plays">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Records</Table.Th>
              <Table.Th>Trigger</Table.Th>
              <Table.Th>Actions</Table.Th>
              <Table.Th>Updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plays.data.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/plays/${p.id}`} fw={500}>
                    {p.name}
                  </Anchor>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {p.description}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={p.status === 'enabled' ? 'teal' : 'gray'}>{p.status}</Badge>
                </Table.Td>
                <Table.Td>{p.subject}</Table.Td>
                <Table.Td>{triggerText[p.trigger?.type] ?? p.trigger?.type}</Table.Td>
                <Table.Td>{p.actions.length}</Table.Td>
                <Table.Td>{formatTime(p.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
