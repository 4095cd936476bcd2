// The filter bar of a work list: search, due window, flow, priority, account, segment, source play,
// outcome (lists with completed tasks), assignee, grouping. Every choice is written to the URL.
import { useEffect, useState } from 'react';
import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { client, ok } from '@/lib/api-client';
import { pickerToIso } from '@/lib/dates';
import { priorityOptions } from '@/lib/priority';
import { AccountPicker, FlowSelect } from '@/features/lookups/pickers';
import { useTeams, useUsers } from '@/features/lookups/api';
import { canManagePlays, useMe } from '@/features/auth/api';
import { usePlays } from '@/features/plays/api';
import { useSegments } from '@/features/segments/api';
import type { TaskPage } from '../types';
import { DateField } from '@/components/DateField';
import { activeFilterCount, workQuery, type WorkScope, type WorkView } from '../work-filters';

const dueOptions = [
  { value: 'overdue', label: 'Overdue' },
  { value: 'today', label: 'Due today' },
  { value: 'this_week', label: 'Due this week' },
  { value: 'next_7_days', label: 'Next 7 days' },
  { value: 'range', label: 'Custom range' },
];
const groupOptions = [
  { value: 'account', label: 'Account' },
  { value: 'priority', label: 'Priority' },
  { value: 'flow', label: 'Flow' },
];

/** The outcomes completed tasks in this list carry (an outcome group count, so it is the whole set). */
function useOutcomeChoices(scope: WorkScope, view: WorkView, enabled: boolean) {
  const query = {
    ...workQuery(scope, { ...view, outcome: undefined }),
    status: 'completed' as const,
  };
  return useQuery({
    queryKey: ['tasks', 'groups', query, 'outcome'],
    queryFn: ({ signal }) =>
      ok<TaskPage>(
        client.GET('/api/v1/tasks', {
          params: { query: { ...query, groupBy: 'outcome', limit: 1 } },
          signal,
        }),
      ).then((p) => (p.groups ?? []).flatMap((g) => (g.key ? [g.key] : []))),
    enabled,
  });
}

export function WorkListFilters({
  scope,
  view,
  onChange,
}: {
  scope: WorkScope;
  view: WorkView;
  onChange: (patch: Partial<WorkView>, opts?: { replace?: boolean }) => void;
}) {
  const [search, setSearch] = useState(view.q ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  // Back/forward or a cleared filter changes the URL: the box follows it.
  useEffect(() => setSearch(view.q ?? ''), [view.q]);
  useEffect(() => {
    if ((view.q ?? '') !== q) onChange({ q: q || undefined }, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a settled search writes the URL
  }, [q]);
  // On a phone the filters fold away behind one button, so the list starts on the first screen.
  const narrow = useMediaQuery('(max-width: 599.98px)', false);
  const [expanded, setExpanded] = useState(false);
  const filters = activeFilterCount(view) - (view.q ? 1 : 0);
  const users = useUsers();
  const teams = useTeams();
  // Only play authors can list plays (the server refuses others), so only they filter by one.
  const showPlays = canManagePlays(useMe().data);
  const plays = usePlays(showPlays);
  const segments = useSegments('accounts');
  const outcomes = useOutcomeChoices(scope, view, view.status !== 'open');
  const assigneeData = [
    {
      group: 'Quick',
      items: [
        { value: 'me', label: 'Me' },
        { value: 'contacts', label: 'Contacts' },
      ],
    },
    {
      group: 'Teams',
      items: (teams.data ?? []).map((t) => ({ value: `team:${t.id}`, label: `Team: ${t.name}` })),
    },
    {
      group: 'Users',
      items: (users.data ?? [])
        .filter((u) => u.enabled)
        .map((u) => ({ value: u.id, label: u.name })),
    },
  ].filter((g) => g.items.length > 0);
  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="search" aria-label="Filter tasks">
      <TextInput
        label="Search"
        placeholder="Title or account"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        w={200}
      />
      {narrow && !expanded ? (
        <Button variant="default" onClick={() => setExpanded(true)} aria-expanded={false}>
          Filters{filters ? ` (${filters})` : ''}
        </Button>
      ) : (
        <>
          <Select
            label="Due"
            placeholder="Any time"
            clearable
            data={dueOptions}
            value={view.due ?? null}
            onChange={(v) => onChange({ due: (v as WorkView['due']) ?? undefined })}
            w={150}
          />
          {view.due === 'range' && (
            <>
              <DateField
                label="From"
                value={view.from ?? null}
                onChange={(v) => onChange({ from: pickerToIso(v) ?? undefined })}
                w={140}
              />
              <DateField
                label="To"
                value={view.to ?? null}
                onChange={(v) => onChange({ to: pickerToIso(v) ?? undefined })}
                w={140}
              />
            </>
          )}
          <FlowSelect
            label="Flow"
            placeholder="Any"
            clearable
            value={view.flowId ?? null}
            onChange={(v) => onChange({ flowId: v ?? undefined })}
            w={150}
          />
          <Select
            label="Priority"
            placeholder="Any"
            clearable
            data={priorityOptions}
            value={view.priority ?? null}
            onChange={(v) => onChange({ priority: (v as WorkView['priority']) ?? undefined })}
            w={120}
          />
          {scope.kind !== 'account' && (
            <AccountPicker
              label="Account"
              placeholder="Any"
              clearable
              value={view.accountId ?? null}
              onChange={(v) => onChange({ accountId: v ?? undefined })}
              w={180}
            />
          )}
          {scope.kind !== 'segment' && (
            <Select
              label="Segment"
              placeholder="Any"
              clearable
              searchable
              data={(segments.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={view.segmentId ?? null}
              onChange={(v) => onChange({ segmentId: v ?? undefined })}
              w={170}
            />
          )}
          {showPlays && (
            <Select
              label="Source play"
              placeholder="Any"
              clearable
              searchable
              data={(plays.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={view.playId ?? null}
              onChange={(v) => onChange({ playId: v ?? undefined })}
              w={170}
            />
          )}
          {view.status !== 'open' && (
            <Select
              label="Outcome"
              placeholder="Any"
              clearable
              searchable
              data={[
                ...new Set([...(outcomes.data ?? []), ...(view.outcome ? [view.outcome] : [])]),
              ]}
              value={view.outcome ?? null}
              onChange={(v) => onChange({ outcome: v ?? undefined })}
              w={150}
            />
          )}
          {scope.kind !== 'mine' && (
            <Select
              label="Assigned to"
              placeholder="Anyone"
              clearable
              searchable
              data={assigneeData}
              value={view.assignee ?? null}
              onChange={(v) => onChange({ assignee: v ?? undefined })}
              w={170}
            />
          )}
          <Select
            label="Group by"
            placeholder="No grouping"
            clearable
            data={groupOptions}
            value={view.group ?? null}
            onChange={(v) => onChange({ group: (v as WorkView['group']) ?? undefined })}
            w={140}
          />
          {activeFilterCount(view) > 0 && (
            <Button
              variant="subtle"
              onClick={() =>
                onChange({
                  q: undefined,
                  due: undefined,
                  from: undefined,
                  to: undefined,
                  flowId: undefined,
                  priority: undefined,
                  accountId: undefined,
                  segmentId: undefined,
                  playId: undefined,
                  outcome: undefined,
                  assignee: undefined,
                })
              }
            >
              Clear filters
            </Button>
          )}
        </>
      )}
    </Group>
  );
}
