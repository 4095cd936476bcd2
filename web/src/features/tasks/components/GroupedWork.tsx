// A grouped work list: every group whole, each paged on its own ("Show more"), with its exact count;
// the count chip filters the list to that group.
import { useState, type ReactNode } from 'react';
import { Button, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { ErrorState, Loading } from '@/components/feedback';
import { useWorkGroups, useWorkList } from '../api';
import type { TaskFilters, TaskGroup } from '../types';
import type { WorkScope, WorkView } from '../work-filters';
import { TaskTable, type Sorting } from './TaskTable';
import type { Selection } from './selection';

type TableOptions = {
  caption: string;
  showAccount: boolean;
  showAssignee: boolean;
  showCompleted: boolean;
};

const PER_GROUP = 10;

/** The filter that narrows a list to one group (the API's group key). */
function groupFilter(by: WorkView['group'], key: string | null): Partial<WorkView> {
  if (by === 'account') return { accountId: key ?? undefined };
  if (by === 'flow') return { flowId: key ?? undefined };
  return { priority: (key ?? undefined) as WorkView['priority'] };
}

function GroupSection({
  scope,
  view,
  group,
  onFilter,
  table,
  sorting,
  selection,
}: {
  scope: WorkScope;
  view: WorkView;
  group: TaskGroup;
  onFilter: (patch: Partial<WorkView>) => void;
  table: TableOptions;
  sorting: Sorting;
  selection?: Selection;
}) {
  const filter = groupFilter(view.group, group.key);
  const list = useWorkList(scope, view, filter as TaskFilters, PER_GROUP);
  const tasks = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Stack gap={4} component="section" aria-label={`${group.label}: ${group.count} tasks`}>
      <Group gap="xs">
        <Title order={3} size="h5">
          {group.label || 'None'}
        </Title>
        <UnstyledButton
          onClick={() => onFilter(filter)}
          // The accessible name starts with the visible count (WCAG label in name).
          aria-label={`${group.count.toLocaleString()} tasks: show only ${group.label || 'None'}`}
          className="count-chip"
        >
          {group.count.toLocaleString()}
        </UnstyledButton>
      </Group>
      {list.isPending ? (
        <Loading label={`Loading ${group.label}`} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <TaskTable
          tasks={tasks}
          {...table}
          caption={`${table.caption}: ${group.label}`}
          showAccount={table.showAccount && view.group !== 'account'}
          sorting={sorting}
          selectable={selection?.forTasks(tasks)}
        />
      )}
      {list.hasNextPage && (
        <Button
          variant="subtle"
          size="xs"
          onClick={() => void list.fetchNextPage()}
          loading={list.isFetchingNextPage}
        >
          Show more of {group.label} ({(group.count - tasks.length).toLocaleString()} more)
        </Button>
      )}
    </Stack>
  );
}

export function GroupedWork({
  scope,
  view,
  onFilter,
  table,
  sorting,
  selection,
  empty,
}: {
  scope: WorkScope;
  view: WorkView;
  onFilter: (patch: Partial<WorkView>) => void;
  table: TableOptions;
  sorting: Sorting;
  selection?: Selection;
  empty: ReactNode;
}) {
  const groups = useWorkGroups(scope, view);
  // Each group is its own query: many groups are shown twenty at a time.
  const [shown, setShown] = useState(20);
  if (groups.isPending) return <Loading label="Loading groups" />;
  if (groups.isError)
    return <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />;
  if (groups.data.length === 0) return <>{empty}</>;
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {groups.data.length.toLocaleString()} groups
      </Text>
      {groups.data.slice(0, shown).map((g) => (
        <GroupSection
          key={g.key ?? 'none'}
          scope={scope}
          view={view}
          group={g}
          onFilter={onFilter}
          table={table}
          sorting={sorting}
          selection={selection}
        />
      ))}
      {groups.data.length > shown && (
        <Button variant="default" onClick={() => setShown((x) => x + 20)}>
          Show more groups ({(groups.data.length - shown).toLocaleString()} more)
        </Button>
      )}
    </Stack>
  );
}
