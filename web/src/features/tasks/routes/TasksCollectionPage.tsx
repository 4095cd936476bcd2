// Tasks collection: due-window and assignee filters, grouping with counts, multi-select bulk actions, CSV export.
import { useMemo, useState } from 'react';
import { Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, Loading } from '@/components/feedback';
import { pickerToIso } from '@/lib/dates';
import { useTeams, useUsers } from '@/features/lookups/api';
import { FlowSelect } from '@/features/lookups/pickers';
import { exportUrl, useTaskCollection } from '../api';
import { BulkBar } from '../components/BulkBar';
import { TaskTable } from '../components/TaskTable';
import type { TaskFilters, TaskItem } from '../types';
import { priorityOptions } from '@/lib/priority';

const dueOptions = [
  { value: 'incomplete', label: 'All incomplete' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'today', label: 'Due today' },
  { value: 'this_week', label: 'Due this week' },
  { value: 'next_7_days', label: 'Next 7 days' },
  { value: 'completed', label: 'Completed' },
  { value: 'range', label: 'Date range' },
  { value: 'all', label: 'All tasks' },
];
const groupOptions = [
  { value: 'assignee', label: 'Assignee' },
  { value: 'outcome', label: 'Outcome' },
  { value: 'status', label: 'Status' },
  { value: 'flow', label: 'Flow' },
  { value: 'priority', label: 'Priority' },
  { value: 'account', label: 'Account' },
];

/** The value a row is grouped by, matching the API's group keys. */
function groupKeyOf(t: TaskItem, by: TaskFilters['groupBy']): string | null {
  switch (by) {
    case 'assignee':
      return t.assignee.id;
    case 'outcome':
      return t.outcome;
    case 'status':
      return t.status;
    case 'flow':
      return t.flow.id;
    case 'priority':
      return t.priority;
    case 'account':
      return t.account.id;
    default:
      return null;
  }
}

export function TasksCollectionPage() {
  const [params, setParams] = useSearchParams();
  const users = useUsers();
  const teams = useTeams();
  const get = (k: string) => params.get(k) ?? undefined;
  const due = get('due') ?? 'incomplete';
  const filters: TaskFilters = {
    due: due === 'all' ? undefined : (due as TaskFilters['due']),
    status: due === 'all' ? 'all' : undefined,
    from: get('from'),
    to: get('to'),
    assignee: get('assignee') ?? 'me',
    flowId: get('flowId'),
    priority: get('priority') as TaskFilters['priority'],
    groupBy: get('groupBy') as TaskFilters['groupBy'],
  };
  const setParam = (k: string, v: string | null | undefined) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (v) n.set(k, v);
        else n.delete(k);
        return n;
      },
      { replace: true },
    );
  const list = useTaskCollection(filters);
  const groups = list.data?.pages[0]?.groups;
  // The API pages in work order; grouped, the loaded rows are ordered by group (work order kept inside each).
  const tasks = useMemo(() => {
    const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
    if (!filters.groupBy || !groups) return rows;
    const rank = new Map(groups.map((g, i) => [g.key, i]));
    return rows
      .map((t, i) => ({ t, i, g: rank.get(groupKeyOf(t, filters.groupBy)) ?? groups.length }))
      .sort((a, b) => a.g - b.g || a.i - b.i)
      .map((x) => x.t);
  }, [list.data, groups, filters.groupBy]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const visibleSelected = tasks.filter((t) => selected.has(t.id));

  const assigneeData = [
    {
      group: 'Quick',
      items: [
        { value: 'me', label: 'Me' },
        { value: 'all', label: 'Everyone' },
      ],
    },
    {
      group: 'Teams',
      items: (teams.data ?? []).map((t) => ({ value: `team:${t.id}`, label: `Team: ${t.name}` })),
    },
    { group: 'Users', items: (users.data ?? []).map((u) => ({ value: u.id, label: u.name })) },
  ].filter((g) => g.items.length);
  const groupLabel = (key: string | null) => groups?.find((g) => g.key === key);
  const header = filters.groupBy
    ? (t: TaskItem, i: number) => {
        const key = groupKeyOf(t, filters.groupBy);
        if (i > 0 && groupKeyOf(tasks[i - 1]!, filters.groupBy) === key) return null;
        const g = groupLabel(key);
        return (
          <Text fw={600} size="sm">
            {g?.label ?? key ?? 'None'}{' '}
            <Badge size="sm" variant="light" ml={4}>
              {g?.count ?? '…'}
            </Badge>
          </Text>
        );
      }
    : undefined;

  return (
    <>
      <PageHeader
        title="Tasks"
        subtitle="Every task you can see, filtered and grouped"
        actions={
          <Button component="a" href={exportUrl(filters)} variant="default" download>
            Export CSV
          </Button>
        }
      />
      <Group mb="sm" align="flex-end" wrap="wrap" role="search" aria-label="Filter tasks">
        <Select
          label="Show"
          data={dueOptions}
          value={due}
          onChange={(v) => setParam('due', v)}
          allowDeselect={false}
          w={170}
        />
        {due === 'range' && (
          <>
            <DateInput
              label="From"
              valueFormat="MMM D, YYYY"
              value={get('from') ?? null}
              onChange={(v) => setParam('from', pickerToIso(v))}
              w={150}
            />
            <DateInput
              label="To"
              valueFormat="MMM D, YYYY"
              value={get('to') ?? null}
              onChange={(v) => setParam('to', pickerToIso(v))}
              w={150}
            />
          </>
        )}
        <Select
          label="Assigned to"
          data={assigneeData}
          value={filters.assignee ?? 'me'}
          onChange={(v) => setParam('assignee', v)}
          searchable
          allowDeselect={false}
          w={200}
        />
        <FlowSelect
          label="Flow"
          clearable
          value={get('flowId') ?? null}
          onChange={(v) => setParam('flowId', v)}
          w={160}
        />
        <Select
          label="Priority"
          clearable
          data={priorityOptions}
          value={get('priority') ?? null}
          onChange={(v) => setParam('priority', v)}
          w={120}
        />
        <Select
          label="Group by"
          clearable
          data={groupOptions}
          value={get('groupBy') ?? null}
          onChange={(v) => setParam('groupBy', v)}
          w={150}
        />
      </Group>
      {groups && groups.length > 0 && (
        <Group gap={6} mb="sm" aria-label="Group counts">
          {groups.map((g) => (
            <Badge key={g.key ?? 'none'} variant="outline" size="lg">
              {g.label}: {g.count}
            </Badge>
          ))}
        </Group>
      )}
      {visibleSelected.length > 0 && (
        <BulkBar tasks={visibleSelected} onDone={() => setSelected(new Set())} />
      )}
      <Stack mt="sm">
        {list.isPending ? (
          <Loading label="Loading tasks" />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : tasks.length === 0 ? (
          <EmptyState title="No tasks match">
            Change the filters above to see more tasks.
          </EmptyState>
        ) : (
          <TaskTable
            tasks={tasks}
            caption="Tasks"
            selectable={{ selected, onChange: setSelected }}
            groupHeader={header}
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
    </>
  );
}
