// Small visual pieces for tasks: priority badge and due date (red when overdue).
import { Badge, Text } from '@mantine/core';
import { formatDay } from '@/lib/dates';
import type { Priority } from '@/lib/priority';

const priorityColor = { high: 'red', normal: 'blue', low: 'gray' } as const;

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <Badge color={priorityColor[priority]} variant="light" size="sm">
      {priority}
    </Badge>
  );
}

export function DueDate({
  date,
  overdue,
  done,
}: {
  date: string;
  overdue: boolean;
  done?: boolean;
}) {
  return (
    <Text
      size="sm"
      className={overdue && !done ? 'task-overdue' : undefined}
      fw={overdue && !done ? 600 : undefined}
    >
      {formatDay(date)}
      {overdue && !done ? ' · overdue' : ''}
    </Text>
  );
}
