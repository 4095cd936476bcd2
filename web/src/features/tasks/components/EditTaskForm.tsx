// Edit an open to-do: title, description, due date, assignee, priority (a reassignment is logged on the timeline).
import { useState } from 'react';
import { Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DateField } from '@/components/DateField';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { RichTextField } from '@/components/RichTextField';
import { FormErrors } from '@/components/feedback';
import { fieldErrors } from '@/lib/form-errors';
import { pickerToIso } from '@/lib/dates';
import { AssigneePicker, assigneeFromValue } from '@/features/lookups/pickers';
import { useUpdateTask } from '../api';
import type { Priority, TaskDetail } from '../types';
import { PrioritySelect } from '@/components/task-bits';

type Values = {
  title: string;
  description: string;
  dueDate: string | null;
  assignee: string | null;
  priority: Priority;
};

const assigneeValue = (t: TaskDetail) => `${t.assignee.type}:${t.assignee.id}`;

export function EditTaskForm({
  task,
  onDone,
  onReload,
}: {
  task: TaskDetail;
  onDone: () => void;
  onReload: () => void;
}) {
  const update = useUpdateTask(task.id);
  const [rest, setRest] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const form = useForm<Values>({
    initialValues: {
      title: task.title,
      description: task.description,
      dueDate: task.dueDate,
      assignee: assigneeValue(task),
      priority: task.priority,
    },
    validate: {
      title: (v) => (v.trim() ? null : 'Enter a title'),
      description: (v) => (v.trim() ? null : 'Describe the task'),
      dueDate: (v) => (v ? null : 'Choose a due date'),
      assignee: (v) => (v ? null : 'Choose who does it'),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setRest([]);
    setConflict(false);
    // Send only what changed, so an untouched assignee never counts as a reassignment.
    const body: Record<string, unknown> & { version: number } = { version: task.version };
    if (v.title.trim() !== task.title) body.title = v.title.trim();
    if (v.description !== task.description) body.description = v.description;
    if (pickerToIso(v.dueDate) !== task.dueDate) body.dueDate = pickerToIso(v.dueDate);
    if (v.assignee !== assigneeValue(task)) body.assignee = assigneeFromValue(v.assignee);
    if (v.priority !== task.priority) body.priority = v.priority;
    if (Object.keys(body).length === 1) {
      onDone();
      return;
    }
    try {
      await update.mutateAsync(body);
      notifications.show({ color: 'teal', message: 'Task saved' });
      onDone();
    } catch (err) {
      const { byField, rest: other } = fieldErrors(err, [
        'title',
        'description',
        'dueDate',
        'assignee',
        'priority',
      ]);
      form.setErrors(byField);
      if ((err as { code?: string }).code === 'version_conflict') setConflict(true);
      setRest(other);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Edit task">
      <Stack gap="sm">
        <FormErrors messages={rest} />
        {conflict && (
          <Group>
            <Button size="xs" variant="light" onClick={onReload}>
              Load the latest version (your edits stay)
            </Button>
          </Group>
        )}
        <TextInput label="Title" required {...form.getInputProps('title')} />
        <RichTextField
          label="Description"
          required
          value={form.getValues().description}
          onChange={(h) => form.setFieldValue('description', h)}
          error={form.errors.description as string | undefined}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <AssigneePicker
            label="Assigned to"
            required
            accountId={task.account.id}
            {...form.getInputProps('assignee')}
          />
          <DateField label="Due date" required {...form.getInputProps('dueDate')} />
          <PrioritySelect {...form.getInputProps('priority')} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
