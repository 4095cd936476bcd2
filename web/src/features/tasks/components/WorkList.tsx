// "Work" view: my tasks, one account's or one segment's, open / completed / all, in work order.
import { useState } from 'react';
import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { useTaskCounts, useWorkList, type WorkScope, type WorkStatus } from '../api';
import { BulkBar } from './BulkBar';
import { TaskTable } from './TaskTable';

export function WorkList({
  scope,
  emptyAction,
  bulk = false,
}: {
  scope: WorkScope;
  emptyAction?: React.ReactNode;
  /** Row checkboxes and the bulk bar (complete, reassign, reschedule, cancel, remind), as in the collection. */
  bulk?: boolean;
}) {
  const [status, setStatus] = useState<WorkStatus>('open');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const list = useWorkList(scope, status);
  // A segment's list is the tasks collection, so its counts are exact over the whole set.
  const segmentId = scope.kind === 'segment' ? scope.segmentId : undefined;
  const counts = useTaskCounts({ segmentId }, Boolean(segmentId));
  const tasks = list.data?.pages.flatMap((p) => p.data) ?? [];
  const overdue = tasks.filter((t) => t.overdue).length;
  const visibleSelected = tasks.filter((t) => selected.has(t.id)).map((t) => t.id);
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
        {segmentId
          ? counts.data && (
              <Text size="sm" aria-label="Task counts">
                {counts.data.open} open ·{' '}
                <Text span c={counts.data.overdue ? 'red.8' : undefined}>
                  {counts.data.overdue} overdue
                </Text>{' '}
                · {counts.data.completed} completed
              </Text>
            )
          : status === 'open' &&
            tasks.length > 0 && (
              <Text size="sm" c={overdue ? 'red.8' : 'dimmed'}>
                {tasks.length}
                {list.hasNextPage ? '+' : ''} open · {overdue} overdue
              </Text>
            )}
      </Group>
      {bulk && visibleSelected.length > 0 && (
        <BulkBar selected={visibleSelected} onDone={() => setSelected(new Set())} />
      )}
      {list.isPending ? (
        <Loading label="Loading tasks" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : tasks.length === 0 ? (
        <EmptyState
          title={status === 'completed' ? 'No completed tasks yet' : 'Nothing to do'}
          action={emptyAction}
        >
          {status !== 'open'
            ? 'Tasks show up here once they are completed.'
            : scope.kind === 'segment'
              ? "There are no open tasks on this segment's accounts."
              : 'There are no open tasks here. Add one with the + button.'}
        </EmptyState>
      ) : (
        <TaskTable
          tasks={tasks}
          caption={scope.kind === 'segment' ? 'Segment work' : 'Tasks'}
          showAccount={scope.kind !== 'account'}
          showAssignee={scope.kind !== 'mine'}
          selectable={bulk ? { selected, onChange: setSelected } : undefined}
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
