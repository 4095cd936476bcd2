// "Add task": account (pre-filled on an account page), contacts, title, rich description, attachments,
// flow, assignee, priority, due date. Server errors land on their fields; nothing typed is lost on failure.
import { useEffect, useState } from 'react';
import {
  Button,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  TagsInput,
  TextInput,
  Progress,
  Text,
} from '@mantine/core';
import { DateField } from '@/components/DateField';
import { closeOrConfirmDiscard } from '@/components/confirm-discard';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { RichTextField } from '@/components/RichTextField';
import { AttachmentsField, uploadFiles } from '@/components/AttachmentsField';
import { DraftWithAiButton } from '@/features/ai/DraftWithAiButton';
import { FormErrors } from '@/components/feedback';
import { fieldErrors } from '@/lib/form-errors';
import { addDaysIso, pickerToIso } from '@/lib/dates';
import { useMe } from '@/features/auth/api';
import { useFlows } from '@/features/lookups/api';
import {
  AccountField,
  AssigneePicker,
  ContactsMultiSelect,
  FlowSelect,
  assigneeFromValue,
} from '@/features/lookups/pickers';
import { useUploadAttachment } from '@/features/accounts/api';
import { useCreateTask } from '../api';
import type { Priority } from '../types';
import { useTaskPanel } from '../use-task-panel';
import { PrioritySelect } from '@/components/task-bits';

type Values = {
  accountId: string | null;
  contactIds: string[];
  title: string;
  description: string;
  flowId: string | null;
  assignee: string | null;
  priority: Priority;
  dueDate: string | null;
  outcomes: string[];
};
const fields = [
  'accountId',
  'contactIds',
  'title',
  'description',
  'flowId',
  'assignee',
  'priority',
  'dueDate',
  'outcomes',
];

export function AddTaskDialog({ accountId, onClose }: { accountId?: string; onClose: () => void }) {
  const { data: me } = useMe();
  const flows = useFlows();
  const create = useCreateTask();
  const upload = useUploadAttachment();
  const { openTask } = useTaskPanel();
  const [files, setFiles] = useState<File[]>([]);
  const [drafted, setDrafted] = useState<string | null>(null);
  const [rest, setRest] = useState<string[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const form = useForm<Values>({
    initialValues: {
      accountId: accountId ?? null,
      contactIds: [],
      title: '',
      description: '',
      flowId: null,
      assignee: me ? `user:${me.id}` : null,
      priority: 'normal',
      dueDate: addDaysIso(7),
      outcomes: [],
    },
    validate: {
      accountId: (v) => (v ? null : 'Choose the account'),
      title: (v) => (v.trim() ? null : 'Enter a title'),
      description: (v) => (v.trim() ? null : 'Describe the task'),
      flowId: (v) => (v ? null : 'Choose a flow'),
      assignee: (v) => (v ? null : 'Choose who does it'),
      dueDate: (v) => (v ? null : 'Choose a due date'),
    },
  });
  // Default to the first flow once the list arrives.
  const firstFlow = flows.data?.[0]?.id;
  useEffect(() => {
    if (firstFlow && !form.getValues().flowId) {
      form.setFieldValue('flowId', firstFlow);
      // A default is not something the person typed.
      form.resetDirty({ ...form.getValues(), flowId: firstFlow });
    }
  }, [firstFlow]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = form.onSubmit(async (v) => {
    setRest([]);
    try {
      const task = await create.mutateAsync({
        accountId: v.accountId!,
        flowId: v.flowId!,
        title: v.title.trim(),
        description: v.description,
        contactIds: v.contactIds,
        assignee: assigneeFromValue(v.assignee)!,
        dueDate: pickerToIso(v.dueDate)!,
        priority: v.priority,
        outcomes: v.outcomes.length ? v.outcomes : undefined,
      });
      // Attachments go to the account's assets, linked to the new task.
      await uploadFiles(
        files,
        (file) => upload.mutateAsync({ accountId: v.accountId!, file, taskId: task.id }),
        setProgress,
      );
      setProgress(null);
      notifications.show({ color: 'teal', message: `Task “${task.title}” added` });
      onClose();
      openTask(task.id);
    } catch (err) {
      setProgress(null);
      const { byField, rest: other } = fieldErrors(err, fields, { assignee: 'assignee' });
      form.setErrors(byField);
      setRest(other);
    }
  });

  const account = form.getValues().accountId;
  // Typed input is not lost to a stray Esc or Cancel without asking.
  const discard = () => closeOrConfirmDiscard(form.isDirty(), onClose);
  return (
    <Modal opened onClose={discard} title="Add task" size="lg" closeOnClickOutside={false}>
      <form onSubmit={submit} noValidate aria-label="Add task">
        <Stack gap="sm">
          <FormErrors messages={rest} />
          <AccountField presetId={accountId} {...form.getInputProps('accountId')} />
          <ContactsMultiSelect
            label="Associate with contacts"
            accountId={account}
            placeholder={account ? 'Optional' : 'Choose the account first'}
            {...form.getInputProps('contactIds')}
          />
          <TextInput
            label="Title"
            required
            placeholder="e.g. Review open support tickets"
            data-autofocus={accountId ? true : undefined}
            {...form.getInputProps('title')}
          />
          <RichTextField
            label="Description"
            required
            value={form.getValues().description}
            onChange={(html) => form.setFieldValue('description', html)}
            error={form.errors.description as string | undefined}
            replaceWith={drafted}
            action={<DraftWithAiButton source={() => form.getValues()} onDraft={setDrafted} />}
          />
          <AttachmentsField value={files} onChange={setFiles} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <FlowSelect label="Flow" required {...form.getInputProps('flowId')} />
            <AssigneePicker
              label="Assigned to"
              required
              accountId={account}
              {...form.getInputProps('assignee')}
            />
            <PrioritySelect {...form.getInputProps('priority')} />
            <DateField label="Due date" required {...form.getInputProps('dueDate')} />
          </SimpleGrid>
          <TagsInput
            label="Outcomes"
            description="Optional: the person completing the task must choose one"
            {...form.getInputProps('outcomes')}
          />
          {progress !== null && (
            <>
              <Text size="sm">Uploading attachments…</Text>
              <Progress value={progress} aria-label="Upload progress" />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={discard}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || progress !== null}>
              Add
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
