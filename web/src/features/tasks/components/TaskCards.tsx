// A work list on a phone (below 600 px): one card per task with its title, account, due date and priority.
import type { ReactNode } from 'react';
import { Anchor, Badge, Checkbox, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DueDate, PriorityBadge } from '@/components/task-bits';
import type { TaskItem } from '../types';
import { useTaskPanel } from '../use-task-panel';
import { TaskCheck } from './TaskCheck';
import { toggleSelected, type Selectable } from './selection';

export function TaskCards({
  tasks,
  showAccount = true,
  selectable,
  caption,
  groupHeader,
}: {
  tasks: TaskItem[];
  showAccount?: boolean;
  selectable?: Selectable;
  caption: string;
  groupHeader?: (task: TaskItem, index: number) => ReactNode;
}) {
  const { openTask } = useTaskPanel();
  return (
    <Stack gap="xs" role="list" aria-label={caption}>
      {tasks.map((t, i) => {
        const done = t.status === 'completed';
        const header = groupHeader?.(t, i);
        return (
          <div key={t.id} role="listitem">
            {header}
            <Paper withBorder p="sm" data-testid="task-card" data-task-id={t.id}>
              <Group gap="sm" wrap="nowrap" align="flex-start">
                {selectable && (
                  <Checkbox
                    mt={2}
                    aria-label={`Select ${t.title}`}
                    checked={selectable.selected.has(t.id)}
                    onChange={() => toggleSelected(selectable, t.id)}
                  />
                )}
                <TaskCheck task={t} />
                <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                  <Anchor
                    component="button"
                    type="button"
                    onClick={() => openTask(t.id)}
                    className={done ? 'task-done' : t.overdue ? 'task-overdue' : undefined}
                    c={done ? 'dimmed' : t.overdue ? 'red.8' : undefined}
                    ta="left"
                    fw={600}
                  >
                    {t.title}
                  </Anchor>
                  {showAccount && (
                    <Anchor component={Link} to={`/accounts/${t.account.id}`} size="sm">
                      {t.account.name}
                    </Anchor>
                  )}
                  <Group gap="xs" wrap="wrap">
                    <DueDate date={t.dueDate} overdue={t.overdue} done={done} />
                    <PriorityBadge priority={t.priority} />
                    {t.kind === 'request_info' && (
                      <Badge size="xs" variant="outline" className="badge-full">
                        form
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t.assignee.name}
                    {t.assignee.type === 'contact' ? ' (contact)' : ''}
                    {t.outcome ? ` · ${t.outcome}` : ''}
                  </Text>
                </Stack>
              </Group>
            </Paper>
          </div>
        );
      })}
    </Stack>
  );
}
