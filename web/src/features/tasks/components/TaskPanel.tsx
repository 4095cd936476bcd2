// The task panel (a drawer over any page): details, attachments, follow-up, edit, reassign history,
// delete, complete.
import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import { ErrorState, Loading } from '@/components/feedback';
import { RichTextView } from '@/components/RichTextField';
import { DueDate, PriorityBadge } from '@/components/task-bits';
import { errorMessage } from '@/lib/api-client';
import { formatTime } from '@/lib/dates';
import { fallbackReasonLabel } from '@/lib/labels';
import { TimelineList } from '@/features/timeline/TimelineList';
import { useDeleteTask, useReassignDynamic, useTask } from '../api';
import type { TaskDetail } from '../types';
import { useTaskPanel } from '../use-task-panel';
import { CompleteTaskDialog } from './CompleteTaskDialog';
import { EditTaskForm } from './EditTaskForm';
import { TaskAttachments } from './TaskAttachments';

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <Text size="sm" c="dimmed" w={110} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div style={{ fontSize: 'var(--mantine-font-size-sm)' }}>{children}</div>
    </Group>
  );
}

function TaskBody({ task, onClose }: { task: TaskDetail; onClose: () => void }) {
  const { setCompleting, openTask } = useTaskPanel();
  const [editing, setEditing] = useState(false);
  const del = useDeleteTask(task.id);
  const dyn = useReassignDynamic(task.id);
  const q = useTask(task.id);
  const open = task.status === 'open';
  const todo = task.kind === 'todo';
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: 'Delete this task?',
      children: (
        <Text size="sm">
          “{task.title}” disappears from every list, report and count. This cannot be undone.
        </Text>
      ),
      labels: { confirm: 'Delete task', cancel: 'Keep it' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        del.mutate(undefined, {
          onSuccess: () => {
            notifications.show({ message: 'Task deleted' });
            onClose();
          },
          onError: (e) =>
            notifications.show({
              color: 'red',
              title: 'Could not delete',
              message: errorMessage(e),
            }),
        }),
    });
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge color={open ? (task.overdue ? 'red' : 'blue') : 'teal'}>
          {open ? (task.overdue ? 'overdue' : 'open') : 'completed'}
        </Badge>
        <PriorityBadge priority={task.priority} />
        {task.kind === 'request_info' && <Badge variant="outline">request information</Badge>}
        {task.source !== 'manual' && (
          <Badge variant="light" color="grape">
            {task.source.replace('_', '-')}
          </Badge>
        )}
      </Group>
      <Title
        order={2}
        size="h3"
        className={open ? (task.overdue ? 'task-overdue' : undefined) : 'task-done'}
      >
        {task.title}
      </Title>
      {task.fallbackReason && (
        <Alert color="orange" title="Assigned to you as the fallback">
          {fallbackReasonLabel(task.fallbackReason)}
          {open && (
            <Group mt="xs">
              <Button
                size="xs"
                variant="light"
                loading={dyn.isPending}
                onClick={() =>
                  dyn.mutate(undefined, {
                    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
                  })
                }
              >
                Reassign dynamically
              </Button>
            </Group>
          )}
        </Alert>
      )}
      {editing ? (
        <EditTaskForm
          task={task}
          onDone={() => setEditing(false)}
          onReload={() => void q.refetch()}
        />
      ) : (
        <>
          <Row label="Account">
            <Anchor component={Link} to={`/accounts/${task.account.id}`}>
              {task.account.name}
            </Anchor>
          </Row>
          {task.childAccount && (
            <Row label="For child account">
              <Anchor component={Link} to={`/accounts/${task.childAccount.id}`}>
                {task.childAccount.name}
              </Anchor>
            </Row>
          )}
          <Row label="Assigned to">
            {task.assignee.name}
            {task.assignee.type === 'contact' ? ' (contact)' : ''}
          </Row>
          {task.assignedBy && <Row label="Assigned by">{task.assignedBy.name}</Row>}
          {task.accountabilityUser && <Row label="Accountable">{task.accountabilityUser.name}</Row>}
          <Row label="Due">
            <DueDate date={task.dueDate} overdue={task.overdue} done={!open} />
          </Row>
          <Row label="Flow">{task.flow.name}</Row>
          {task.contacts.length > 0 && (
            <Row label="Contacts">{task.contacts.map((c) => c.name).join(', ')}</Row>
          )}
          {task.outcomes.length > 0 && <Row label="Outcomes">{task.outcomes.join(' · ')}</Row>}
          {!open && (
            <Row label="Completed">
              {formatTime(task.completedAt)}
              {task.completedBy ? ` by ${task.completedBy.name}` : ''}
              {task.outcome ? ` — ${task.outcome}` : ''}
            </Row>
          )}
          {task.followUp && (
            <Row label="Follow-up">
              <Anchor component="button" type="button" onClick={() => openTask(task.followUp!.id)}>
                {task.followUp.name}
              </Anchor>
            </Row>
          )}

          <Divider label="Description" labelPosition="left" />
          <RichTextView html={task.description} />
          <TaskAttachments accountId={task.account.id} taskId={task.id} />
          <Group mt="sm">
            {open && todo && (
              <Button color="teal" onClick={() => setCompleting(true)}>
                Complete
              </Button>
            )}
            {open && !todo && (
              <Button component={Link} to={`/tasks/${task.id}/form`}>
                Open the form
              </Button>
            )}
            {open && todo && (
              <Button variant="default" onClick={() => setEditing(true)}>
                Edit
              </Button>
            )}
            {todo && open && (
              <Button variant="subtle" color="red" onClick={confirmDelete} loading={del.isPending}>
                Delete
              </Button>
            )}
          </Group>
        </>
      )}
      <Divider label="History" labelPosition="left" mt="md" />
      <TimelineList scope={{ accountId: task.account.id, taskId: task.id }} compact />
    </Stack>
  );
}

export function TaskPanel() {
  const { taskId, close, completing, setCompleting } = useTaskPanel();
  const task = useTask(taskId);
  const t = task.data;
  const completable = t && t.status === 'open' && t.kind === 'todo';
  // From a list's check mark only the Complete dialog shows; from the panel it stacks on top of it.
  const dialog =
    completing && completable ? (
      <CompleteTaskDialog
        task={t}
        onClose={() => (completing === 'list' ? close() : setCompleting(false))}
        onDone={() => (completing === 'list' ? close() : setCompleting(false))}
      />
    ) : null;
  if (completing === 'list') return dialog;
  return (
    <>
      {dialog}
      <Drawer opened={Boolean(taskId)} onClose={close} position="right" size="lg" title="Task">
        {task.isPending ? (
          <Loading label="Loading task" />
        ) : task.isError ? (
          <ErrorState error={task.error} />
        ) : task.data ? (
          <TaskBody key={task.data.id} task={task.data} onClose={close} />
        ) : null}
      </Drawer>
    </>
  );
}
