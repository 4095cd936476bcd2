// "Work" view: my tasks or one account's tasks, open / completed / all, in work order.
import { useState } from 'react';
import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { useWorkList, type WorkScope, type WorkStatus } from '../api';
import { TaskTable } from './TaskTable';

export function WorkList({
  scope,
  emptyAction,
}: {
  scope: WorkScope;
  emptyAction?: React.ReactNode;
}) {
  const [status, setStatus] = useState<WorkStatus>('open');
  const list = useWorkList(scope, status);
  const tasks = list.data?.pages.flatMap((p) => p.data) ?? [];
  const overdue = tasks.filter((t) => t.overdue).length;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <SegmentedControl
          size="xs"
          value={status}
          onChange={(v) => setStatus(v as WorkStatus)}
          aria-label="Which tasks"
          data={[
            { value: 'open', label: 'Open' },
            { value: 'completed', label: 'Completed' },
            { value: 'all', label: 'All' },
          ]}
        />
        {status === 'open' && tasks.length > 0 && (
          <Text size="sm" c={overdue ? 'red.8' : 'dimmed'}>
            {tasks.length}
            {list.hasNextPage ? '+' : ''} open · {overdue} overdue
          </Text>
        )}
      </Group>
      {list.isPending ? (
        <Loading label="Loading tasks" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : tasks.length === 0 ? (
        <EmptyState
          title={status === 'completed' ? 'No completed tasks yet' : 'Nothing to do'}
          action={emptyAction}
        >
          {status === 'open'
            ? 'There are no open tasks here. Add one with the + button.'
            : 'Tasks show up here once they are completed.'}
        </EmptyState>
      ) : (
        <TaskTable
          tasks={tasks}
          caption="Tasks"
          showAccount={scope.kind !== 'account'}
          showAssignee={scope.kind !== 'mine'}
        />
      )}
      {list.hasNextPage && (
        <Button
          variant="subtle"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          Load more
        </Button>
      )}
    </Stack>
  );
}
