// Segment → Work: open and/or completed tasks on the segment's accounts, with counts.
import { useState } from 'react';
import { Anchor, Button, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { DueDate, PriorityBadge } from '@/components/task-bits';
import { useUsers } from '@/features/lookups/api';
import { useTaskPanel } from '@/features/tasks/use-task-panel';
import { useSegmentWork } from '../api';

export function SegmentWorkView({ segmentId }: { segmentId: string }) {
  const [status, setStatus] = useState<'open' | 'completed' | 'all'>('open');
  const work = useSegmentWork(segmentId, status);
  const users = useUsers();
  const { openTask } = useTaskPanel();
  const rows = work.data?.pages.flatMap((p) => p.data) ?? [];
  const counts = work.data?.pages[0]?.counts;
  const userName = (id: string | null) =>
    id ? (users.data?.find((u) => u.id === id)?.name ?? '—') : 'contact';
  return (
    <>
      <Group justify="space-between" mb="sm">
        <SegmentedControl
          size="xs"
          value={status}
          onChange={(v) => setStatus(v as 'open')}
          aria-label="Which tasks"
          data={[
            { value: 'open', label: 'Open' },
            { value: 'completed', label: 'Completed' },
            { value: 'all', label: 'All' },
          ]}
        />
        {counts && (
          <Text size="sm">
            {counts.open} open ·{' '}
            <Text span c={counts.overdue ? 'red.8' : undefined}>
              {counts.overdue} overdue
            </Text>{' '}
            · {counts.completed} completed
          </Text>
        )}
      </Group>
      {work.isPending ? (
        <Loading />
      ) : work.isError ? (
        <ErrorState error={work.error} />
      ) : rows.length === 0 ? (
        <EmptyState title="No tasks">No task on this segment's accounts matches.</EmptyState>
      ) : (
        <Table highlightOnHover aria-label="Segment work">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Task</Table.Th>
              <Table.Th>Account</Table.Th>
              <Table.Th>Assignee</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Priority</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    onClick={() => openTask(t.id)}
                    className={
                      t.status === 'completed'
                        ? 'task-done'
                        : t.overdue
                          ? 'task-overdue'
                          : undefined
                    }
                  >
                    {t.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/accounts/${t.accountId}`}>
                    {t.accountName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{userName(t.assigneeUserId)}</Table.Td>
                <Table.Td>
                  <DueDate date={t.dueDate} overdue={t.overdue} done={t.status === 'completed'} />
                </Table.Td>
                <Table.Td>
                  <PriorityBadge priority={t.priority} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {work.hasNextPage && (
        <Button variant="subtle" onClick={() => void work.fetchNextPage()}>
          Load more
        </Button>
      )}
    </>
  );
}
