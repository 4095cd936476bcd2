// "Request information": ask a teammate (or an account role) to update account data through a form.
import { useEffect, useState } from 'react';
import { Button, Group, Modal, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { DateField } from '@/components/DateField';
import { closeOrConfirmDiscard } from '@/components/confirm-discard';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { FormErrors } from '@/components/feedback';
import { fieldErrors } from '@/lib/form-errors';
import { addDaysIso, pickerToIso } from '@/lib/dates';
import { useAccountLite, useFlows } from '@/features/lookups/api';
import {
  AccountPicker,
  AssigneePicker,
  FlowSelect,
  FormSelect,
  assigneeFromValue,
} from '@/features/lookups/pickers';
import { useRequestInfo } from '../api';

type Values = {
  accountId: string | null;
  formId: string | null;
  assignee: string | null;
  dueDate: string | null;
  flowId: string | null;
  message: string;
};
const fields = ['accountId', 'formId', 'assignee', 'dueDate', 'flowId', 'message'];

export function RequestInfoDialog({
  accountId,
  onClose,
}: {
  accountId?: string;
  onClose: () => void;
}) {
  const send = useRequestInfo();
  const flows = useFlows();
  const [rest, setRest] = useState<string[]>([]);
  const form = useForm<Values>({
    initialValues: {
      accountId: accountId ?? null,
      formId: null,
      assignee: null,
      dueDate: addDaysIso(7),
      flowId: null,
      message: '',
    },
    validate: {
      accountId: (v) => (v ? null : 'Choose the account'),
      formId: (v) => (v ? null : 'Choose a form'),
      assignee: (v) => (v ? null : 'Choose who fills it in'),
      dueDate: (v) => (v ? null : 'Choose a due date'),
      flowId: (v) => (v ? null : 'Choose a flow'),
    },
  });
  const account = useAccountLite(form.getValues().accountId);
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
      const assignee = assigneeFromValue(v.assignee)!;
      await send.mutateAsync({
        accountId: v.accountId!,
        formId: v.formId!,
        assignee: { userId: assignee.userId, roleId: assignee.roleId },
        dueDate: pickerToIso(v.dueDate)!,
        flowId: v.flowId!,
        message: v.message.trim() || undefined,
      });
      notifications.show({ color: 'teal', message: 'Information request sent' });
      onClose();
    } catch (err) {
      const { byField, rest: other } = fieldErrors(err, fields);
      form.setErrors(byField);
      setRest(other);
    }
  });

  // Typed input is not lost to a stray Esc or Cancel without asking.
  const discard = () => closeOrConfirmDiscard(form.isDirty(), onClose);
  return (
    <Modal
      opened
      onClose={discard}
      title="Request information"
      size="lg"
      closeOnClickOutside={false}
    >
      <form onSubmit={submit} noValidate aria-label="Request information">
        <Stack gap="sm">
          <FormErrors messages={rest} />
          <AccountPicker
            label="Account"
            required
            placeholder="Search accounts"
            {...form.getInputProps('accountId')}
            onChange={(v) => {
              form.setFieldValue('accountId', v);
              form.setFieldValue('formId', null);
            }}
          />
          <FormSelect
            label="Form"
            required
            accountType={account.data?.accountType}
            disabled={!account.data}
            placeholder={
              account.data
                ? `Forms for ${account.data.accountType} accounts`
                : 'Choose the account first'
            }
            {...form.getInputProps('formId')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <AssigneePicker
              label="Assign to"
              required
              accountId={form.getValues().accountId}
              allowContacts={false}
              {...form.getInputProps('assignee')}
            />
            <DateField label="Due date" required {...form.getInputProps('dueDate')} />
            <FlowSelect label="Flow" required {...form.getInputProps('flowId')} />
          </SimpleGrid>
          <Textarea
            label="Message to the assignee"
            autosize
            minRows={2}
            {...form.getInputProps('message')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={discard}>
              Cancel
            </Button>
            <Button type="submit" loading={send.isPending}>
              Send
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
