// A work list: priority, then due date order (the server's) unless a column is sorted; overdue in red,
// done struck through, a check to complete. Below 600 px the rows become cards.
import type { ReactNode } from 'react';
import {
  Anchor,
  Checkbox,
  Group,
  Table,
  Text,
  Tooltip,
  Badge,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router';
import { DueDate, PriorityBadge } from '@/components/task-bits';
import { formatDay } from '@/lib/dates';
import { fallbackReasonLabel } from '@/lib/labels';
import type { TaskItem } from '../types';
import { useTaskPanel } from '../use-task-panel';
import type { WorkSort } from '../work-filters';
import { TaskCards } from './TaskCards';
import { TaskCheck } from './TaskCheck';
import { toggleSelected, type Selectable } from './selection';

/** Server-side sorting: the sorted column and direction, and what a header click asks for. */
export type Sorting = { by?: WorkSort; dir?: 'asc' | 'desc'; onSort: (by: WorkSort) => void };

type Props = {
  tasks: TaskItem[];
  showAccount?: boolean;
  showAssignee?: boolean;
  /** A "Completed" column (lists that hold completed tasks). */
  showCompleted?: boolean;
  selectable?: Selectable;
  sorting?: Sorting;
  caption: string;
  groupHeader?: (task: TaskItem, index: number) => ReactNode;
};

function SortHeader({
  label,
  by,
  sorting,
  w,
}: {
  label: string;
  by: WorkSort;
  sorting?: Sorting;
  w?: number;
}) {
  if (!sorting) return <Table.Th w={w}>{label}</Table.Th>;
  const active = sorting.by === by;
  const dir = active ? (sorting.dir ?? 'asc') : undefined;
  return (
    <Table.Th
      w={w}
      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
      className="nowrap"
    >
      <UnstyledButton onClick={() => sorting.onSort(by)} fw={700} fz="sm">
        {label}
        <span aria-hidden> {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}</span>
        <VisuallyHidden>
          {dir ? `, sorted ${dir === 'asc' ? 'ascending' : 'descending'}` : ', sort'}
        </VisuallyHidden>
      </UnstyledButton>
    </Table.Th>
  );
}

export function TaskTable(props: Props) {
  const narrow = useMediaQuery('(max-width: 599.98px)', false);
  if (narrow) return <TaskCards {...props} />;
  return <WideTable {...props} />;
}

function WideTable({
  tasks,
  showAccount = true,
  showAssignee = true,
  showCompleted = false,
  selectable,
  sorting,
  caption,
  groupHeader,
}: Props) {
  const { openTask } = useTaskPanel();
  const cols =
    4 +
    (showAccount ? 1 : 0) +
    (showAssignee ? 1 : 0) +
    (showCompleted ? 1 : 0) +
    (selectable ? 1 : 0);
  const allSelected =
    selectable && tasks.length > 0 && tasks.every((t) => selectable.selected.has(t.id));
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover verticalSpacing="xs" aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            {selectable && (
              <Table.Th w={36}>
                <Checkbox
                  aria-label="Select all tasks shown"
                  checked={Boolean(allSelected)}
                  indeterminate={!allSelected && tasks.some((t) => selectable.selected.has(t.id))}
                  onChange={() =>
                    selectable.onChange(allSelected ? new Set() : new Set(tasks.map((t) => t.id)))
                  }
                />
              </Table.Th>
            )}
            <Table.Th w={44}>
              <VisuallyHidden>Complete</VisuallyHidden>
            </Table.Th>
            <SortHeader label="Task" by="title" sorting={sorting} />
            {showAccount && <SortHeader label="Account" by="account" sorting={sorting} />}
            {showAssignee && <Table.Th>Assignee</Table.Th>}
            <SortHeader label="Due" by="due" sorting={sorting} />
            <SortHeader label="Priority" by="priority" sorting={sorting} />
            {showCompleted && <SortHeader label="Completed" by="completedAt" sorting={sorting} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((t, i) => {
            const done = t.status === 'completed';
            return [
              groupHeader?.(t, i) ? (
                <Table.Tr key={`g-${t.id}`}>
                  <Table.Td colSpan={cols}>{groupHeader(t, i)}</Table.Td>
                </Table.Tr>
              ) : null,
              <Table.Tr key={t.id} data-testid="task-row" data-task-id={t.id}>
                {selectable && (
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select ${t.title}`}
                      checked={selectable.selected.has(t.id)}
                      onChange={() => toggleSelected(selectable, t.id)}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <TaskCheck task={t} />
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Anchor
                      component="button"
                      type="button"
                      onClick={() => openTask(t.id)}
                      className={done ? 'task-done' : t.overdue ? 'task-overdue' : undefined}
                      c={done ? 'dimmed' : t.overdue ? 'red.8' : undefined}
                      ta="left"
                      fw={500}
                    >
                      {t.title}
                    </Anchor>
                    {t.kind === 'request_info' && (
                      <Badge size="xs" variant="outline" className="badge-full">
                        form
                      </Badge>
                    )}
                    {t.fallbackReason && (
                      <Tooltip
                        label={`Assigned as the fallback: ${fallbackReasonLabel(t.fallbackReason)}`}
                      >
                        <Badge size="xs" color="orange" variant="outline" className="badge-full">
                          fallback
                        </Badge>
                      </Tooltip>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t.flow.name}
                    {t.outcome ? ` · ${t.outcome}` : ''}
                  </Text>
                </Table.Td>
                {showAccount && (
                  <Table.Td className="nowrap">
                    <Anchor component={Link} to={`/accounts/${t.account.id}`} size="sm">
                      {t.account.name}
                    </Anchor>
                  </Table.Td>
                )}
                {showAssignee && (
                  <Table.Td className="nowrap">
                    <Text size="sm">
                      {t.assignee.name}
                      {t.assignee.type === 'contact' ? ' (contact)' : ''}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td className="nowrap">
                  <DueDate date={t.dueDate} overdue={t.overdue} done={done} />
                </Table.Td>
                <Table.Td className="nowrap">
                  <PriorityBadge priority={t.priority} />
                </Table.Td>
                {showCompleted && (
                  <Table.Td className="nowrap">
                    <Text size="sm">{t.completedAt ? formatDay(t.completedAt) : '—'}</Text>
                  </Table.Td>
                )}
              </Table.Tr>,
            ];
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
