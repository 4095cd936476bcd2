// Bulk actions over the selected tasks: complete (choosing among their outcomes), reassign, reschedule,
// cancel, e-mail a reminder. Tasks that could not be changed are listed by name with the reason.
import { useState } from 'react';
import { Button, Group, List, Modal, Paper, Select, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { closeOrConfirmDiscard } from '@/components/confirm-discard';
import { DateField } from '@/components/DateField';
import { errorMessage } from '@/lib/api-client';
import { addDaysIso, pickerToIso } from '@/lib/dates';
import { AssigneePicker, assigneeFromValue } from '@/features/lookups/pickers';
import { useBulkTasks } from '../api';
import type { BulkInput, TaskItem } from '../types';

type Failure = { title: string; message: string };
const plural = (n: number) => `${n} task${n === 1 ? '' : 's'}`;

/** The outcomes the selected tasks offer (the union), each with the tasks that allow it. */
export function outcomeChoices(tasks: TaskItem[]) {
  const byOutcome = new Map<string, TaskItem[]>();
  for (const t of tasks)
    for (const o of t.outcomes) byOutcome.set(o, [...(byOutcome.get(o) ?? []), t]);
  return [...byOutcome].map(([outcome, allowing]) => ({ outcome, allowing }));
}

export function BulkBar({ tasks, onDone }: { tasks: TaskItem[]; onDone: () => void }) {
  const bulk = useBulkTasks();
  const [dueDate, setDueDate] = useState<string | null>(addDaysIso(7));
  const [assignee, setAssignee] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [failed, setFailed] = useState<{ verb: string; done: number; list: Failure[] } | null>(
    null,
  );
  const ids = tasks.map((t) => t.id);
  const titleOf = new Map(tasks.map((t) => [t.id, t.title]));
  const withOutcomes = tasks.filter((t) => t.outcomes.length > 0);
  const choices = outcomeChoices(tasks);

  const run = (input: Omit<BulkInput, 'taskIds'>, verb: string) => {
    bulk.mutate(
      { ...input, taskIds: ids },
      {
        onSuccess: (r) => {
          const ok = r.results.filter((x) => x.ok).length;
          const bad = r.results.filter((x) => !x.ok);
          setOpen(null);
          setOutcome(null);
          setAssignee(null);
          if (bad.length) {
            setFailed({
              verb,
              done: ok,
              list: bad.map((f) => ({
                title: titleOf.get(f.taskId) ?? 'A task',
                message: f.error?.message ?? 'It could not be changed.',
              })),
            });
          } else {
            notifications.show({
              color: 'teal',
              title: `${verb}: ${ok} of ${plural(r.results.length)}`,
              message: 'Done.',
            });
            onDone();
          }
        },
        onError: (e) =>
          notifications.show({ color: 'red', title: `${verb} failed`, message: errorMessage(e) }),
      },
    );
  };
  const dialog = (key: string, title: string, dirty: boolean, body: React.ReactNode) => (
    <Modal
      opened={open === key}
      onClose={() => closeOrConfirmDiscard(dirty, () => setOpen(null))}
      title={`${title} (${plural(tasks.length)})`}
    >
      <Stack gap="sm">{body}</Stack>
    </Modal>
  );
  return (
    <Paper withBorder p="xs" bg="indigo.0" role="region" aria-label="Bulk actions">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {tasks.length} selected
        </Text>
        <Button size="xs" variant="default" onClick={() => setOpen('complete')}>
          Complete…
        </Button>
        <Button size="xs" variant="default" onClick={() => setOpen('reassign')}>
          Reassign…
        </Button>
        <Button size="xs" variant="default" onClick={() => setOpen('reschedule')}>
          Reschedule…
        </Button>
        {dialog(
          'complete',
          'Complete tasks',
          outcome !== null,
          <>
            {choices.length > 0 ? (
              <>
                <Select
                  label="Outcome"
                  description={`${plural(withOutcomes.length)} of ${tasks.length} ask for an outcome`}
                  data={choices.map((c) => ({
                    value: c.outcome,
                    label: `${c.outcome} (${c.allowing.length} of ${withOutcomes.length})`,
                  }))}
                  value={outcome}
                  onChange={setOutcome}
                  comboboxProps={{ withinPortal: false }}
                />
                <Stack gap={2} aria-label="Which tasks allow which outcome">
                  {choices.map((c) => (
                    <Text key={c.outcome} size="xs" c="dimmed">
                      {c.outcome}: {c.allowing.map((t) => t.title).join(', ')}
                    </Text>
                  ))}
                </Stack>
              </>
            ) : (
              <Text size="sm">None of these tasks asks for an outcome.</Text>
            )}
            <Button
              color="teal"
              loading={bulk.isPending}
              disabled={choices.length > 0 && !outcome}
              onClick={() =>
                run(
                  {
                    action: 'complete',
                    outcomeByTask: outcome
                      ? Object.fromEntries(withOutcomes.map((t) => [t.id, outcome]))
                      : undefined,
                  },
                  'Completed',
                )
              }
            >
              Complete selected
            </Button>
          </>,
        )}
        {dialog(
          'reassign',
          'Reassign tasks',
          assignee !== null,
          <>
            <AssigneePicker
              label="New assignee"
              allowContacts={false}
              value={assignee}
              onChange={setAssignee}
              comboboxProps={{ withinPortal: false }}
            />
            <Button
              disabled={!assignee}
              loading={bulk.isPending}
              onClick={() =>
                run({ action: 'reassign', assignee: assigneeFromValue(assignee) }, 'Reassigned')
              }
            >
              Reassign selected
            </Button>
          </>,
        )}
        {dialog(
          'reschedule',
          'Reschedule tasks',
          false,
          <>
            <DateField label="New due date" value={dueDate} onChange={setDueDate} />
            <Button
              disabled={!dueDate}
              loading={bulk.isPending}
              onClick={() =>
                run({ action: 'reschedule', dueDate: pickerToIso(dueDate)! }, 'Rescheduled')
              }
            >
              Reschedule selected
            </Button>
          </>,
        )}
        <Button
          size="xs"
          variant="default"
          loading={bulk.isPending}
          onClick={() => run({ action: 'remind' }, 'Reminders sent')}
        >
          E-mail reminder
        </Button>
        <Button
          size="xs"
          variant="default"
          color="red"
          onClick={() =>
            modals.openConfirmModal({
              title: `Cancel ${plural(tasks.length)}?`,
              children: (
                <Text size="sm">
                  Cancelled tasks are deleted from every list, report and count.
                </Text>
              ),
              labels: { confirm: 'Cancel tasks', cancel: 'Keep them' },
              confirmProps: { color: 'red' },
              onConfirm: () => run({ action: 'cancel' }, 'Cancelled'),
            })
          }
        >
          Cancel tasks
        </Button>
        <Button size="xs" variant="subtle" onClick={onDone}>
          Clear selection
        </Button>
      </Group>
      <Modal
        opened={failed !== null}
        onClose={() => {
          setFailed(null);
          onDone();
        }}
        title={
          failed ? `${failed.verb}: ${failed.done} of ${failed.done + failed.list.length}` : ''
        }
      >
        {failed && (
          <Stack gap="sm">
            <Text size="sm">
              {failed.list.length === 1
                ? 'This task was not changed:'
                : `These ${failed.list.length} tasks were not changed:`}
            </Text>
            <List size="sm" spacing={4} aria-label="Tasks not changed">
              {failed.list.map((f, i) => (
                <List.Item key={i}>
                  <Text span fw={600}>
                    ‘{f.title}’
                  </Text>{' '}
                  — {f.message}
                </List.Item>
              ))}
            </List>
            <Group justify="flex-end">
              <Button
                onClick={() => {
                  setFailed(null);
                  onDone();
                }}
              >
                Done
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
