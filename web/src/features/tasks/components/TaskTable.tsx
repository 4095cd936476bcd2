// A work list: priority, then due date order (the server's), overdue in red, done struck through, a check to complete.
import type { ReactNode } from 'react';
import {
  ActionIcon,
  Anchor,
  Checkbox,
  Group,
  Table,
  Text,
  Tooltip,
  Badge,
  VisuallyHidden,
} from '@mantine/core';
import { Link } from 'react-router';
import { DueDate, PriorityBadge } from '@/components/task-bits';
import { fallbackReasonLabel } from '@/lib/labels';
import type { TaskItem } from '../types';
import { useTaskPanel } from '../use-task-panel';

type Props = {
  tasks: TaskItem[];
  showAccount?: boolean;
  showAssignee?: boolean;
  selectable?: { selected: Set<string>; onChange: (ids: Set<string>) => void };
  caption: string;
  groupHeader?: (task: TaskItem, index: number) => ReactNode;
};

export function TaskTable({
  tasks,
  showAccount = true,
  showAssignee = true,
  selectable,
  caption,
  groupHeader,
}: Props) {
  const { openTask, openComplete } = useTaskPanel();
  const cols = 4 + (showAccount ? 1 : 0) + (showAssignee ? 1 : 0) + (selectable ? 1 : 0);
  const allSelected =
    selectable && tasks.length > 0 && tasks.every((t) => selectable.selected.has(t.id));
  const toggle = (id: string) => {
    if (!selectable) return;
    const next = new Set(selectable.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    selectable.onChange(next);
  };
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
            <Table.Th>Task</Table.Th>
            {showAccount && <Table.Th>Account</Table.Th>}
            {showAssignee && <Table.Th>Assignee</Table.Th>}
            <Table.Th>Due</Table.Th>
            <Table.Th>Priority</Table.Th>
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
                      onChange={() => toggle(t.id)}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  {done ? (
                    <Tooltip label={`Completed${t.outcome ? `: ${t.outcome}` : ''}`}>
                      <ActionIcon
                        variant="filled"
                        color="teal"
                        radius="xl"
                        size="sm"
                        aria-label={`${t.title} is completed`}
                        onClick={() => openTask(t.id)}
                      >
                        ✓
                      </ActionIcon>
                    </Tooltip>
                  ) : t.kind === 'request_info' ? (
                    <Tooltip label="Open the form">
                      <ActionIcon
                        component={Link}
                        to={`/tasks/${t.id}/form`}
                        variant="outline"
                        radius="xl"
                        size="sm"
                        aria-label={`Fill in the form for ${t.title}`}
                      >
                        ✎
                      </ActionIcon>
                    </Tooltip>
                  ) : (
                    <Tooltip label="Complete task">
                      <ActionIcon
                        variant="outline"
                        color="teal"
                        radius="xl"
                        size="sm"
                        aria-label={`Complete ${t.title}`}
                        onClick={() => openComplete(t.id)}
                      >
                        ✓
                      </ActionIcon>
                    </Tooltip>
                  )}
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
                      <Badge size="xs" variant="outline">
                        form
                      </Badge>
                    )}
                    {t.fallbackReason && (
                      <Tooltip
                        label={`Assigned as the fallback: ${fallbackReasonLabel(t.fallbackReason)}`}
                      >
                        <Badge size="xs" color="orange" variant="outline">
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
                  <Table.Td>
                    <Anchor component={Link} to={`/accounts/${t.account.id}`} size="sm">
                      {t.account.name}
                    </Anchor>
                  </Table.Td>
                )}
                {showAssignee && (
                  <Table.Td>
                    <Text size="sm">
                      {t.assignee.name}
                      {t.assignee.type === 'contact' ? ' (contact)' : ''}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <DueDate date={t.dueDate} overdue={t.overdue} done={done} />
                </Table.Td>
                <Table.Td>
                  <PriorityBadge priority={t.priority} />
                </Table.Td>
              </Table.Tr>,
            ];
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
