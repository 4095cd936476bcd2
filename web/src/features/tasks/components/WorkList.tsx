// The one work list (My Portfolio, Account → Work, Segment → Work): search, filters, sortable columns
// and grouping in the URL; exact totals over the whole filtered set; bulk actions on the selection.
import { useEffect, useMemo } from 'react';
import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { useWorkList, useWorkTotals } from '../api';
import type { TaskTotals } from '../types';
import {
  activeFilterCount,
  readWorkView,
  workQuery,
  writeWorkView,
  type WorkScope,
  type WorkSort,
  type WorkStatus,
  type WorkView,
} from '../work-filters';
import { BulkBar } from './BulkBar';
import { GroupedWork } from './GroupedWork';
import { TaskTable, type Sorting } from './TaskTable';
import { useSelection } from './selection';
import { WorkListFilters } from './WorkListFilters';

const n = (x: number) => x.toLocaleString();

/** "312 open · 20 overdue · 4 due today · 1,204 completed": the whole filtered set, never a page. */
function Totals({ counts }: { counts: TaskTotals | undefined }) {
  if (!counts) return null;
  return (
    <Text size="sm" aria-label="Task counts" role="status">
      {n(counts.open)} open ·{' '}
      <Text span c={counts.overdue ? 'red.8' : undefined} fw={counts.overdue ? 600 : undefined}>
        {n(counts.overdue)} overdue
      </Text>{' '}
      · {n(counts.dueToday)} due today · {n(counts.completed)} completed
    </Text>
  );
}

export function WorkList({
  scope,
  emptyAction,
  bulk = true,
}: {
  scope: WorkScope;
  emptyAction?: React.ReactNode;
  /** Row checkboxes and the bulk bar (complete, reassign, reschedule, cancel, remind). */
  bulk?: boolean;
}) {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readWorkView(params), [params]);
  const setView = (patch: Partial<WorkView>, opts?: { replace?: boolean }) =>
    setParams((p) => writeWorkView(p, patch), opts);
  const grouped = Boolean(view.group);
  const list = useWorkList(scope, view, {}, 50, !grouped);
  const totals = useWorkTotals(scope, view, grouped);
  const counts = grouped ? totals.data : list.data?.pages[0]?.counts;
  const tasks = list.data?.pages.flatMap((p) => p.data) ?? [];
  const selection = useSelection();
  const queryKey = JSON.stringify(workQuery(scope, view));
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new view starts with nothing selected
  useEffect(() => selection.clear(), [queryKey]);

  const sortBy = view.sort ?? (view.status === 'completed' ? 'completedAt' : undefined);
  const sorting: Sorting = {
    by: sortBy,
    dir: view.dir ?? (sortBy === 'completedAt' ? 'desc' : sortBy ? 'asc' : undefined),
    onSort: (by: WorkSort) => {
      const current = sortBy === by ? (view.dir ?? (by === 'completedAt' ? 'desc' : 'asc')) : null;
      const dir = current
        ? current === 'asc'
          ? 'desc'
          : 'asc'
        : by === 'completedAt'
          ? 'desc'
          : 'asc';
      setView({ sort: by, dir });
    },
  };
  const common = {
    caption: scope.kind === 'segment' ? 'Segment work' : 'Tasks',
    showAccount: scope.kind !== 'account',
    showAssignee: scope.kind !== 'mine',
    showCompleted: view.status !== 'open',
  };
  const filtered = activeFilterCount(view) > 0;
  const empty = (
    <EmptyState
      title={
        filtered
          ? 'No tasks match'
          : view.status === 'completed'
            ? 'No completed tasks yet'
            : 'Nothing to do'
      }
      action={filtered ? undefined : emptyAction}
    >
      {filtered
        ? 'Change or clear the filters to see more tasks.'
        : view.status !== 'open'
          ? 'Tasks show up here once they are completed.'
          : scope.kind === 'segment'
            ? "There are no open tasks on this segment's accounts."
            : 'There are no open tasks here. Add one with the + button.'}
    </EmptyState>
  );
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <SegmentedControl
          size="xs"
          value={view.status}
          onChange={(v) =>
            setView({
              status: v as WorkStatus,
              // Outcomes belong to completed tasks; completion time sorts only lists that hold them.
              ...(v === 'open' ? { outcome: undefined } : {}),
              ...(v === 'open' && view.sort === 'completedAt'
                ? { sort: undefined, dir: undefined }
                : {}),
            })
          }
          aria-label="Which tasks"
          data={[
            { value: 'open', label: 'Open' },
            { value: 'completed', label: 'Completed' },
            { value: 'all', label: 'All' },
          ]}
        />
        <Totals counts={counts} />
      </Group>
      <WorkListFilters scope={scope} view={view} onChange={setView} />
      {bulk && selection.selected.size > 0 && (
        <BulkBar tasks={[...selection.selected.values()]} onDone={selection.clear} />
      )}
      {grouped ? (
        <GroupedWork
          scope={scope}
          view={view}
          onFilter={(patch) => setView({ ...patch, group: undefined })}
          table={common}
          sorting={sorting}
          selection={bulk ? selection : undefined}
          empty={empty}
        />
      ) : list.isPending ? (
        <Loading label="Loading tasks" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : tasks.length === 0 ? (
        empty
      ) : (
        <TaskTable
          tasks={tasks}
          {...common}
          sorting={sorting}
          selectable={bulk ? selection.forTasks(tasks) : undefined}
        />
      )}
      {!grouped && list.hasNextPage && (
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
