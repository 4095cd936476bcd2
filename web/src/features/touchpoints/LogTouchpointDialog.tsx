// "Log touchpoint": account (preset on an account page), date (today or earlier), type, subject,
// participants (the account's contacts and colleagues), rich-text notes and attachments saved to the
// account's assets. Types are the built-in four and the workspace's own (Settings → Touchpoint types).
import { useState } from 'react';
import { Button, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { DateField } from '@/components/DateField';
import { closeOrConfirmDiscard } from '@/components/confirm-discard';
import { FormErrors } from '@/components/feedback';
import { RichTextField } from '@/components/RichTextField';
import { AttachmentsField, uploadFiles } from '@/components/AttachmentsField';
import { fieldErrors } from '@/lib/form-errors';
import { pickerToIso, todayIso } from '@/lib/dates';
import { AccountField } from '@/features/lookups/pickers';
import { useUploadAttachment } from '@/features/accounts/api';
import { useLogTouchpoint } from './api';
import { ParticipantsSelect, TouchpointTypeSelect, participantIds } from './fields';

type Values = {
  accountId: string | null;
  occurredOn: string | null;
  type: string;
  subject: string;
  participants: string[];
  body: string;
};
const fields = ['accountId', 'occurredAt', 'type', 'subject', 'participants', 'body'];

/** Today means "just now"; an earlier day is logged at noon so it stays that day in any time zone nearby. */
function occurredAt(day: string): string {
  return day === todayIso() ? new Date().toISOString() : dayjs(`${day}T12:00:00`).toISOString();
}

export function LogTouchpointDialog({
  accountId,
  onClose,
}: {
  accountId?: string;
  onClose: () => void;
}) {
  const log = useLogTouchpoint();
  const upload = useUploadAttachment();
  const [files, setFiles] = useState<File[]>([]);
  const [rest, setRest] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const form = useForm<Values>({
    initialValues: {
      accountId: accountId ?? null,
      occurredOn: todayIso(),
      type: 'call',
      subject: '',
      participants: [],
      body: '',
    },
    validate: {
      accountId: (v) => (v ? null : 'Choose the account'),
      subject: (v) => (v.trim() ? null : 'Enter a subject'),
      occurredOn: (v) =>
        !v
          ? 'Choose the date'
          : pickerToIso(v)! > todayIso()
            ? 'The date cannot be in the future'
            : null,
    },
  });

  const submit = form.onSubmit(async (v) => {
    setRest([]);
    try {
      const tp = await log.mutateAsync({
        accountId: v.accountId!,
        body: {
          type: v.type,
          subject: v.subject.trim(),
          body: v.body,
          ...participantIds(v.participants),
          occurredAt: occurredAt(pickerToIso(v.occurredOn)!),
        },
      });
      setUploading(true);
      await uploadFiles(files, (file) =>
        upload.mutateAsync({ accountId: v.accountId!, file, touchpointId: tp.id }),
      );
      setUploading(false);
      notifications.show({ color: 'teal', message: `Touchpoint “${tp.subject}” logged` });
      onClose();
    } catch (err) {
      setUploading(false);
      // Both participant lists' errors land on the one field that holds them.
      const { byField, rest: other } = fieldErrors(err, fields, {
        occurredAt: 'occurredOn',
        participantIds: 'participants',
        userParticipantIds: 'participants',
      });
      form.setErrors(byField);
      setRest(other);
    }
  });

  const account = form.getValues().accountId;
  // Typed input is not lost to a stray Esc or Cancel without asking.
  const discard = () => closeOrConfirmDiscard(form.isDirty() || files.length > 0, onClose);
  return (
    <Modal opened onClose={discard} title="Log touchpoint" size="lg" closeOnClickOutside={false}>
      <form onSubmit={submit} noValidate aria-label="Log touchpoint">
        <Stack gap="sm">
          <FormErrors messages={rest} />
          <AccountField presetId={accountId} {...form.getInputProps('accountId')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TouchpointTypeSelect {...form.getInputProps('type')} />
            <DateField
              label="Date"
              required
              maxDate={new Date()}
              {...form.getInputProps('occurredOn')}
            />
          </SimpleGrid>
          <TextInput
            label="Subject"
            required
            placeholder="e.g. Quarterly business review"
            data-autofocus={accountId ? true : undefined}
            {...form.getInputProps('subject')}
          />
          <ParticipantsSelect
            accountId={account}
            placeholder={account ? 'Contacts and colleagues' : 'Choose the account first'}
            {...form.getInputProps('participants')}
          />
          <RichTextField
            label="Notes"
            value={form.getValues().body}
            onChange={(html) => form.setFieldValue('body', html)}
            error={form.errors.body as string | undefined}
            minHeight={100}
          />
          <AttachmentsField value={files} onChange={setFiles} />
          <Group justify="flex-end">
            <Button variant="default" onClick={discard}>
              Cancel
            </Button>
            <Button type="submit" loading={log.isPending || uploading}>
              Log touchpoint
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
