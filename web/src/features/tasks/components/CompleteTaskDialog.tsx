// "Mark task as complete": optional (or required) touchpoint, attribute update, follow-up task, and outcome.
import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Fieldset,
  Group,
  Modal,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { DateField } from '@/components/DateField';
import { closeOrConfirmDiscard } from '@/components/confirm-discard';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { RichTextField } from '@/components/RichTextField';
import { FormErrors } from '@/components/feedback';
import { fieldErrors } from '@/lib/form-errors';
import { addDaysIso, pickerToIso } from '@/lib/dates';
import { useMe } from '@/features/auth/api';
import { useAttributeDefs } from '@/features/lookups/api';
import { AttributeInput } from '@/features/lookups/AttributeInput';
import { AssigneePicker, assigneeFromValue } from '@/features/lookups/pickers';
import {
  ParticipantsSelect,
  TouchpointTypeSelect,
  contactParticipant,
  participantIds,
} from '@/features/touchpoints';
import { useCompleteTask } from '../api';
import type { CompleteInput, Priority, TaskDetail, TouchpointIn } from '../types';
import { PrioritySelect } from '@/components/task-bits';

type Values = {
  outcome: string | null;
  withTouchpoint: boolean;
  touchpoint: {
    type: TouchpointIn['type'];
    subject: string;
    body: string;
    participants: string[];
  };
  withAttribute: boolean;
  attr: { key: string | null; value: unknown };
  withFollowUp: boolean;
  followUp: {
    title: string;
    description: string;
    assignee: string | null;
    dueDate: string | null;
    priority: Priority;
  };
};

const fields = [
  'outcome',
  'touchpoint.type',
  'touchpoint.subject',
  'touchpoint.body',
  'touchpoint.participants',
  'followUp.title',
  'followUp.description',
  'followUp.assignee',
  'followUp.dueDate',
  'followUp.priority',
  'attr.value',
];

export function CompleteTaskDialog({
  task,
  onClose,
  onDone,
}: {
  task: TaskDetail;
  onClose: () => void;
  onDone: () => void;
}) {
  const { data: me } = useMe();
  const defs = useAttributeDefs('account');
  const complete = useCompleteTask(task.id);
  const [rest, setRest] = useState<string[]>([]);
  const rules = task.completionRules;
  const requiredKey = rules.attributeUpdateRequired?.key ?? null;
  const form = useForm<Values>({
    initialValues: {
      outcome: null,
      // Associated contacts prompt a touchpoint (with them as participants); required ones cannot be unticked.
      withTouchpoint: rules.touchpointRequired || task.contacts.length > 0,
      touchpoint: {
        type: 'call',
        subject: task.title,
        body: '',
        participants: task.contacts.map((c) => contactParticipant(c.id)),
      },
      withAttribute: Boolean(requiredKey),
      attr: { key: requiredKey, value: null },
      withFollowUp: false,
      followUp: {
        title: '',
        description: '',
        assignee: me ? `user:${me.id}` : null,
        dueDate: addDaysIso(7),
        priority: 'normal',
      },
    },
    validate: (v) => {
      const e: Record<string, string> = {};
      if (task.outcomes.length > 0 && !v.outcome) e.outcome = 'Choose an outcome';
      if (v.withTouchpoint && !v.touchpoint.subject.trim())
        e['touchpoint.subject'] = 'Enter a subject';
      if (v.withAttribute && !v.attr.key) e['attr.key'] = 'Choose an attribute';
      if (v.withAttribute && requiredKey && (v.attr.value === null || v.attr.value === ''))
        e['attr.value'] = 'This update is required';
      if (v.withFollowUp) {
        if (!v.followUp.title.trim()) e['followUp.title'] = 'Enter a title';
        if (!v.followUp.description.trim()) e['followUp.description'] = 'Describe the follow-up';
        if (!v.followUp.assignee) e['followUp.assignee'] = 'Choose who does it';
        if (!v.followUp.dueDate) e['followUp.dueDate'] = 'Choose a due date';
      }
      return e;
    },
  });
  const v = form.getValues();
  const writable = (defs.data ?? []).filter((d) => d.entity === 'account');
  const attrDef = writable.find((d) => d.key === v.attr.key);

  const submit = form.onSubmit(async (val) => {
    setRest([]);
    const body: CompleteInput = { version: task.version, outcome: val.outcome ?? undefined };
    if (val.withTouchpoint) {
      const { participants, ...tp } = val.touchpoint;
      body.touchpoint = { ...tp, subject: tp.subject.trim(), ...participantIds(participants) };
    }
    if (val.withAttribute && val.attr.key)
      body.attributeUpdate = { [val.attr.key]: val.attr.value };
    if (val.withFollowUp) {
      body.followUp = {
        title: val.followUp.title.trim(),
        description: val.followUp.description,
        assignee: assigneeFromValue(val.followUp.assignee)!,
        dueDate: pickerToIso(val.followUp.dueDate)!,
        priority: val.followUp.priority,
      };
    }
    try {
      await complete.mutateAsync(body);
      notifications.show({ color: 'teal', message: `Completed “${task.title}”` });
      onDone();
    } catch (err) {
      // An attribute error comes back as attributeUpdate.<key> or attributes.<key>: show it on the value.
      const { byField, rest: other } = fieldErrors(err, fields, {
        attributeUpdate: 'attr.value',
        attributes: 'attr.value',
        'followUp.assignee': 'followUp.assignee',
        'touchpoint.participantIds': 'touchpoint.participants',
        'touchpoint.userParticipantIds': 'touchpoint.participants',
      });
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
      title={`Mark task as complete: ${task.title}`}
      size="lg"
      closeOnClickOutside={false}
    >
      <form onSubmit={submit} noValidate aria-label="Complete task">
        <Stack gap="sm">
          <FormErrors messages={rest} />
          {task.outcomes.length > 0 && (
            <Radio.Group label="Outcome" required {...form.getInputProps('outcome')}>
              <Group mt={4}>
                {task.outcomes.map((o) => (
                  <Radio key={o} value={o} label={o} />
                ))}
              </Group>
            </Radio.Group>
          )}
          <Checkbox
            label={`Add a post-completion touchpoint${rules.touchpointRequired ? ' (required)' : ''}`}
            disabled={rules.touchpointRequired}
            {...form.getInputProps('withTouchpoint', { type: 'checkbox' })}
          />
          {v.withTouchpoint && (
            <Fieldset legend="Touchpoint">
              <Stack gap="xs">
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TouchpointTypeSelect {...form.getInputProps('touchpoint.type')} />
                  <TextInput
                    label="Subject"
                    required
                    {...form.getInputProps('touchpoint.subject')}
                  />
                </SimpleGrid>
                <ParticipantsSelect
                  accountId={task.account.id}
                  {...form.getInputProps('touchpoint.participants')}
                />
                <RichTextField
                  label="Notes"
                  value={v.touchpoint.body}
                  onChange={(h) => form.setFieldValue('touchpoint.body', h)}
                  minHeight={80}
                />
              </Stack>
            </Fieldset>
          )}
          {rules.automaticAttributeUpdate && (
            <Alert color="blue">
              On completion, <b>{rules.automaticAttributeUpdate.key}</b> is set automatically to{' '}
              {String(rules.automaticAttributeUpdate.value)}.
            </Alert>
          )}
          <Checkbox
            label={`Update an account attribute${requiredKey ? ' (required)' : ''}`}
            disabled={Boolean(requiredKey)}
            {...form.getInputProps('withAttribute', { type: 'checkbox' })}
          />
          {v.withAttribute && (
            <Fieldset legend="Attribute update">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label="Attribute"
                  searchable
                  disabled={Boolean(requiredKey)}
                  data={writable.map((d) => ({ value: d.key, label: d.label }))}
                  {...form.getInputProps('attr.key')}
                  onChange={(k) => {
                    form.setFieldValue('attr.key', k);
                    form.setFieldValue('attr.value', null);
                  }}
                />
                {attrDef && (
                  <AttributeInput
                    def={attrDef}
                    label="New value"
                    value={v.attr.value}
                    onChange={(x) => form.setFieldValue('attr.value', x)}
                    error={form.errors['attr.value'] as string | undefined}
                    required={Boolean(requiredKey)}
                  />
                )}
              </SimpleGrid>
            </Fieldset>
          )}
          <Checkbox
            label="Add a follow-up task"
            {...form.getInputProps('withFollowUp', { type: 'checkbox' })}
          />
          {v.withFollowUp && (
            <Fieldset legend="Follow-up task">
              <Stack gap="xs">
                <TextInput label="Title" required {...form.getInputProps('followUp.title')} />
                <RichTextField
                  label="Description"
                  required
                  value={v.followUp.description}
                  onChange={(h) => form.setFieldValue('followUp.description', h)}
                  error={form.errors['followUp.description'] as string | undefined}
                  minHeight={80}
                />
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <AssigneePicker
                    label="Assigned to"
                    required
                    accountId={task.account.id}
                    {...form.getInputProps('followUp.assignee')}
                  />
                  <DateField
                    label="Due date"
                    required
                    {...form.getInputProps('followUp.dueDate')}
                  />
                  <PrioritySelect {...form.getInputProps('followUp.priority')} />
                </SimpleGrid>
              </Stack>
            </Fieldset>
          )}
          <Divider />
          <Group justify="flex-end">
            <Button variant="default" onClick={discard}>
              Cancel
            </Button>
            <Button type="submit" color="teal" loading={complete.isPending}>
              Complete task
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
