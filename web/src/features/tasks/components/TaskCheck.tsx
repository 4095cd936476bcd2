// The round button in front of a task: done (opens it), fill in the form, or complete it.
import { ActionIcon, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import type { TaskItem } from '../types';
import { useTaskPanel } from '../use-task-panel';

export function TaskCheck({ task: t }: { task: TaskItem }) {
  const { openTask, openComplete } = useTaskPanel();
  if (t.status === 'completed')
    return (
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
    );
  if (t.kind === 'request_info')
    return (
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
    );
  return (
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
  );
}
