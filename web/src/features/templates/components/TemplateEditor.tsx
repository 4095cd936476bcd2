// Create or edit a task template: merge-field title and description, due offset, priority, flow, assignee rule,
// outcomes with automation, notification rules and post-completion requirements.
import { useState } from 'react';
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { RichTextField } from '@/components/RichTextField';
import { MergeTextInput } from '@/components/merge-fields';
import { FormErrors } from '@/components/feedback';
import { mergeTargets, routeErrors, type ErrorTargets } from '@/lib/form-errors';
import { useAttributeDefs } from '@/features/lookups/api';
import { FlowSelect, FormSelect, UserSelect } from '@/features/lookups/pickers';
import { AssigneeRuleFields } from '@/features/plays';
import { useSaveTemplate, type NotificationRule, type Template, type TemplateInput } from '../api';
import { OutcomesEditor, outcomeErrorTargets } from './OutcomesEditor';
import { PrioritySelect } from '@/components/task-bits';
import { DueOffsetField } from '@/components/DueOffsetField';
import { dueUnitLabels, type DueUnit } from '@/lib/labels';

const empty: TemplateInput = {
  name: '',
  title: '',
  description: '',
  dueOffsetDays: 7,
  dueOffsetUnit: 'days',
  priority: 'normal',
  flowId: '',
  assigneeRule: { type: 'role', roleId: '' },
  outcomes: [],
  notificationRules: [{ to: 'assignee', when: 'assigned', via: 'email' }],
  completionRules: {},
  formId: null,
};

const whenKind = (w: NotificationRule['when']) =>
  w === 'assigned' ? 'assigned' : 'daysBeforeDue' in w ? 'before' : 'after';

/** Every error path the editor shows next to an input for this draft; any other path goes to the general alert. */
function templateErrorTargets(t: TemplateInput): ErrorTargets {
  const rules = t.notificationRules.map((r, i) => {
    const at = `notificationRules.${i}`;
    const days =
      r.when === 'assigned'
        ? []
        : [`${at}.when.${'daysBeforeDue' in r.when ? 'daysBeforeDue' : 'daysAfterDue'}`];
    return {
      exact: [at],
      fields: [
        `${at}.to`,
        `${at}.when`,
        `${at}.via`,
        ...(typeof r.to === 'object' ? [`${at}.to.userId`] : []),
        ...days,
      ],
    };
  });
  return mergeTargets(
    {
      fields: [
        'name',
        'title',
        'description',
        'dueOffsetDays',
        'dueOffsetUnit',
        'priority',
        'flowId',
        'assigneeRule',
        'formId',
        'completionRules.touchpointRequired',
        'completionRules.attributeUpdateRequired',
      ],
      exact: ['notificationRules'],
    },
    outcomeErrorTargets(t.outcomes),
    ...rules,
  );
}

export function TemplateEditor({
  template,
  onClose,
}: {
  template: Template | null;
  onClose: () => void;
}) {
  const save = useSaveTemplate(template?.id ?? null);
  const defs = useAttributeDefs('account');
  const [t, setT] = useState<TemplateInput>(() => (template ? { ...template } : empty));
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [rest, setRest] = useState<string[]>([]);
  const set = (patch: Partial<TemplateInput>) => setT((x) => ({ ...x, ...patch }));
  const rules = t.completionRules;
  const submit = async () => {
    setErrs({});
    setRest([]);
    try {
      const { ...body } = t as TemplateInput & Partial<Template>;
      delete body.id;
      delete body.createdAt;
      delete body.updatedAt;
      await save.mutateAsync({ ...body, formId: body.formId || null, version: template?.version });
      notifications.show({ color: 'teal', message: 'Template saved' });
      onClose();
    } catch (err) {
      // The draft stays as typed; every error is shown on its input or listed in the alert.
      const { byField, rest: other } = routeErrors(err, templateErrorTargets(t));
      setErrs(byField);
      setRest([...other, ...(Object.keys(byField).length ? ['Fix the marked fields.'] : [])]);
    }
  };
  const setRule = (i: number, r: NotificationRule) =>
    set({ notificationRules: t.notificationRules.map((x, j) => (j === i ? r : x)) });
  return (
    <Modal
      opened
      onClose={onClose}
      title={template ? `Edit ${template.name}` : 'New task template'}
      size="xl"
      closeOnClickOutside={false}
    >
      <Stack gap="sm">
        <TextInput
          label="Template name"
          required
          value={t.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={errs.name}
        />
        <MergeTextInput
          label="Task title"
          destination="task_title"
          required
          description="Merge fields: {{account.name}}, {{contact.first_name}}, {{assignee.name}}, {{account.attributes.renewal_date}}"
          value={t.title}
          onChange={(title) => set({ title })}
          error={errs.title}
        />
        <RichTextField
          label="Description"
          mergeDestination="task_description"
          required
          value={t.description}
          onChange={(h) => set({ description: h })}
          error={errs.description}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <DueOffsetField
            label="Due after assignment"
            value={t.dueOffsetDays}
            unit={t.dueOffsetUnit}
            onChange={(n, unit) => set({ dueOffsetDays: n ?? 1, dueOffsetUnit: unit })}
            error={errs.dueOffsetDays ?? errs.dueOffsetUnit}
          />
          <PrioritySelect
            value={t.priority}
            onChange={(v) => set({ priority: v as 'normal' })}
            error={errs.priority}
          />
          <FlowSelect
            label="Flow"
            required
            value={t.flowId || null}
            onChange={(v) => set({ flowId: v ?? '' })}
            error={errs.flowId}
          />
        </SimpleGrid>
        <AssigneeRuleFields
          label="Assignee"
          value={t.assigneeRule}
          onChange={(assigneeRule) => set({ assigneeRule })}
          error={errs.assigneeRule}
        />
        <OutcomesEditor
          value={t.outcomes}
          onChange={(outcomes) => set({ outcomes })}
          errors={errs}
        />
        <Text size="sm" fw={500}>
          Notifications
        </Text>
        {errs.notificationRules && (
          <Text size="sm" c="red.8">
            {errs.notificationRules}
          </Text>
        )}
        {t.notificationRules.map((r, i) => (
          <Group
            key={i}
            gap="xs"
            align="flex-start"
            role="group"
            aria-label={`Notification ${i + 1}`}
          >
            {errs[`notificationRules.${i}`] && (
              <Text size="sm" c="red.8" w="100%">
                {errs[`notificationRules.${i}`]}
              </Text>
            )}
            <Select
              aria-label="To whom"
              w={190}
              allowDeselect={false}
              value={typeof r.to === 'string' ? r.to : 'user'}
              data={[
                { value: 'assignee', label: 'The assignee' },
                { value: 'assignee_manager', label: "The assignee's manager" },
                { value: 'user', label: 'A named user' },
              ]}
              onChange={(v) =>
                setRule(i, { ...r, to: v === 'user' ? { userId: '' } : (v as 'assignee') })
              }
              error={errs[`notificationRules.${i}.to`]}
            />
            {typeof r.to === 'object' && (
              <UserSelect
                aria-label="User"
                w={180}
                value={r.to.userId || null}
                onChange={(v) => setRule(i, { ...r, to: { userId: v ?? '' } })}
                error={errs[`notificationRules.${i}.to.userId`]}
              />
            )}
            <Select
              aria-label="When"
              w={200}
              allowDeselect={false}
              value={whenKind(r.when)}
              data={[
                { value: 'assigned', label: 'When assigned' },
                { value: 'before', label: 'Days before due' },
                { value: 'after', label: 'Days after due, if open' },
              ]}
              onChange={(v) =>
                setRule(i, {
                  ...r,
                  when:
                    v === 'assigned'
                      ? 'assigned'
                      : v === 'before'
                        ? { daysBeforeDue: 1 }
                        : { daysAfterDue: 1 },
                })
              }
              error={errs[`notificationRules.${i}.when`]}
            />
            {r.when !== 'assigned' && (
              <NumberInput
                aria-label="Days"
                w={80}
                min={0}
                value={'daysBeforeDue' in r.when ? r.when.daysBeforeDue : r.when.daysAfterDue}
                error={
                  errs[
                    `notificationRules.${i}.when.${'daysBeforeDue' in r.when ? 'daysBeforeDue' : 'daysAfterDue'}`
                  ]
                }
                onChange={(n) =>
                  setRule(i, {
                    ...r,
                    when:
                      'daysBeforeDue' in (r.when as object)
                        ? { ...(r.when as object), daysBeforeDue: Number(n) || 0 }
                        : { ...(r.when as object), daysAfterDue: Number(n) || 0 },
                  } as NotificationRule)
                }
              />
            )}
            {r.when !== 'assigned' && (
              <Select
                aria-label="Count in"
                w={150}
                allowDeselect={false}
                data={(Object.keys(dueUnitLabels) as DueUnit[]).map((k) => ({
                  value: k,
                  label: dueUnitLabels[k],
                }))}
                value={r.when.unit ?? 'days'}
                onChange={(v) =>
                  setRule(i, {
                    ...r,
                    when: { ...(r.when as object), unit: (v ?? 'days') as DueUnit },
                  } as NotificationRule)
                }
              />
            )}
            <Select
              aria-label="How"
              w={100}
              allowDeselect={false}
              data={[
                { value: 'email', label: 'E-mail' },
                { value: 'sms', label: 'SMS' },
              ]}
              value={r.via}
              onChange={(v) => setRule(i, { ...r, via: v as 'email' })}
              error={errs[`notificationRules.${i}.via`]}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove notification ${i + 1}`}
              onClick={() =>
                set({ notificationRules: t.notificationRules.filter((_, j) => j !== i) })
              }
            >
              ✕
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            size="xs"
            variant="subtle"
            onClick={() =>
              set({
                notificationRules: [
                  ...t.notificationRules,
                  { to: 'assignee', when: { daysAfterDue: 1 }, via: 'email' },
                ],
              })
            }
          >
            Add notification
          </Button>
        </Group>
        {t.notificationRules.some((r) => r.via === 'sms') && (
          <Text size="xs" c="dimmed">
            Text messages reach only people who turned on SMS notifications on their profile, with a
            phone number.
          </Text>
        )}
        <Text size="sm" fw={500}>
          On completion
        </Text>
        <Group gap="lg" align="flex-end">
          <Checkbox
            label="Touchpoint is mandatory"
            checked={Boolean(rules.touchpointRequired)}
            onChange={(e) =>
              set({ completionRules: { ...rules, touchpointRequired: e.currentTarget.checked } })
            }
            error={errs['completionRules.touchpointRequired']}
          />
          <Select
            label="Mandatory attribute update"
            clearable
            w={240}
            data={(defs.data ?? []).map((d) => ({ value: d.key, label: d.label }))}
            value={rules.attributeUpdateRequired?.key ?? null}
            onChange={(k) =>
              set({ completionRules: { ...rules, attributeUpdateRequired: k ? { key: k } : null } })
            }
            error={errs['completionRules.attributeUpdateRequired']}
          />
          <FormSelect
            label="Form to fill on completion"
            clearable
            w={240}
            value={t.formId}
            onChange={(v) => set({ formId: v })}
            error={errs.formId}
          />
        </Group>
        {/* Next to the buttons: the modal scrolls, and a failed save must never be silent. */}
        <FormErrors title="The template was not saved" messages={rest} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} loading={save.isPending}>
            Save template
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
