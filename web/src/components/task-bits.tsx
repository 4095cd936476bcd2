// Small pieces for tasks: priority badge and select, due date (red when overdue).
import { Badge, Select, Text, type SelectProps } from '@mantine/core';
import { formatDay } from '@/lib/dates';
import { priorityOptions, type Priority } from '@/lib/priority';

const priorityColor = { high: 'red', normal: 'blue', low: 'gray' } as const;

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <Badge color={priorityColor[priority]} variant="light" size="sm">
      {priority}
    </Badge>
  );
}

/** The priority field of a task form: the three priorities in work order, one always chosen. */
export function PrioritySelect(props: Omit<SelectProps, 'data'>) {
  return <Select label="Priority" data={priorityOptions} allowDeselect={false} {...props} />;
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
