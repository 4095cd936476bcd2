// Bulk actions over the selected tasks: complete (with outcome), reassign, reschedule, cancel, e-mail a reminder.
import { useState } from 'react';
import { Button, Group, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '@/lib/api-client';
import { addDaysIso, pickerToIso } from '@/lib/dates';
import { AssigneePicker, assigneeFromValue } from '@/features/lookups/pickers';
import { useBulkTasks } from '../api';
import type { BulkInput } from '../types';

export function BulkBar({ selected, onDone }: { selected: string[]; onDone: () => void }) {
  const bulk = useBulkTasks();
  const [dueDate, setDueDate] = useState<string | null>(addDaysIso(7));
  const [assignee, setAssignee] = useState<string | null>(null);
  const [outcome, setOutcome] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const run = (input: Omit<BulkInput, 'taskIds'>, verb: string) => {
    bulk.mutate(
      { ...input, taskIds: selected },
      {
        onSuccess: (r) => {
          const ok = r.results.filter((x) => x.ok).length;
          const failed = r.results.filter((x) => !x.ok);
          notifications.show({
            color: failed.length ? 'orange' : 'teal',
            title: `${verb}: ${ok} of ${r.results.length} task${r.results.length === 1 ? '' : 's'}`,
            message: failed.length
              ? failed
                  .slice(0, 3)
                  .map((f) => f.error?.message ?? 'failed')
                  .join('; ')
              : 'Done.',
          });
          setOpen(null);
          onDone();
        },
        onError: (e) =>
          notifications.show({ color: 'red', title: `${verb} failed`, message: errorMessage(e) }),
      },
    );
  };
  const dialog = (key: string, title: string, body: React.ReactNode) => (
    <Modal
      opened={open === key}
      onClose={() => setOpen(null)}
      title={`${title} (${selected.length} task${selected.length === 1 ? '' : 's'})`}
    >
      <Stack gap="sm">{body}</Stack>
    </Modal>
  );
  return (
    <Paper withBorder p="xs" bg="indigo.0" role="region" aria-label="Bulk actions">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {selected.length} selected
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
          <>
            <TextInput
              label="Outcome"
              description="Needed for tasks that have outcomes"
              value={outcome}
              onChange={(e) => setOutcome(e.currentTarget.value)}
            />
            <Button
              color="teal"
              loading={bulk.isPending}
              onClick={() =>
                run({ action: 'complete', outcome: outcome.trim() || undefined }, 'Completed')
              }
            >
              Complete selected
            </Button>
          </>,
        )}
        {dialog(
          'reassign',
          'Reassign tasks',
          <>
            <AssigneePicker
              label="New assignee"
              allowContacts={false}
              value={assignee}
              onChange={setAssignee}
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
          <>
            <DateInput
              label="New due date"
              valueFormat="MMM D, YYYY"
              value={dueDate}
              onChange={setDueDate}
            />
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
              title: `Cancel ${selected.length} task${selected.length === 1 ? '' : 's'}?`,
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
    </Paper>
  );
}
