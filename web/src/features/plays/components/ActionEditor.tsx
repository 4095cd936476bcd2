// One play action: create task (inline or from a template), request information, update information,
// celebrate/notify, webhook, send e-mail, tags, enroll. Field errors arrive keyed by the action's field path.
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { errorsUnder, type ErrorTargets } from '@/lib/form-errors';
import { useAttributeDefs } from '@/features/lookups/api';
import { FlowSelect, FormSelect } from '@/features/lookups/pickers';
import { useTemplates } from '@/features/templates/api';
import { usePlays } from '../api';
import type { Action, ActionType, WebhookDef } from '../types';
import { AssigneeRuleFields } from './AssigneeRuleFields';
import { WebhookFields, webhookErrorTargets } from './WebhookFields';

export const actionLabels: Record<ActionType, string> = {
  create_task: 'Create task',
  request_information: 'Request information',
  update_information: 'Update information',
  celebrate: 'Celebrate milestone',
  notify: 'Notify team',
  webhook: 'Webhook',
  send_email: 'Send e-mail to contact',
  add_tag: 'Add tag',
  remove_tag: 'Remove tag',
  enroll: 'Enroll in another play',
};

export function newAction(type: ActionType): Action {
  switch (type) {
    case 'create_task':
      return {
        type,
        title: '',
        description: '',
        dueInDays: 7,
        priority: 'normal',
        assignee: { type: 'role', roleId: '' },
      };
    case 'request_information':
      return { type, formId: '', assignee: { type: 'role', roleId: '' }, dueInDays: 7, flowId: '' };
    case 'update_information':
      return { type, set: [{ key: '', value: '' }] };
    case 'celebrate':
    case 'notify':
      return { type, message: '', style: 'default' };
    case 'webhook':
      return { type, webhook: { name: '', method: 'POST', urlTemplate: '', headers: [] } };
    case 'send_email':
      return { type, subject: '', body: '' };
    case 'add_tag':
    case 'remove_tag':
      return { type, tag: '' };
    default:
      return { type: 'enroll', playId: '' };
  }
}

type SetRow = Extract<Action, { type: 'update_information' }>['set'][number];
/** The input that shows a value problem of an "update information" row: value, days offset, or the Change select when clearing. */
const setValueSlot = (s: SetRow, i: number) =>
  s.clear
    ? `set.${i}.clear`
    : s.triggerDateOffsetDays !== undefined
      ? `set.${i}.triggerDateOffsetDays`
      : `set.${i}.value`;

/**
 * The error paths (relative to the action) that the editor below shows next to an input for this action;
 * the play form lists every other path in its general alert. Keep in step with the `e(...)` calls below.
 */
export function actionErrorTargets(action: Action): ErrorTargets {
  const box = { exact: [''], aliases: { type: '', id: '' } };
  switch (action.type) {
    case 'create_task':
      return {
        ...box,
        fields: [
          'templateId',
          'title',
          'description',
          'dueInDays',
          'priority',
          'flowId',
          'assignee',
          'assignedBy',
          'outcomes',
          'completionRules.touchpointRequired',
          'completionRules.attributeUpdateRequired',
          'completionRules.automaticAttributeUpdate',
          ...(action.completionRules?.automaticAttributeUpdate
            ? [
                'completionRules.automaticAttributeUpdate.value',
                'completionRules.automaticAttributeUpdate.target',
              ]
            : []),
        ],
      };
    case 'request_information':
      return { ...box, fields: ['formId', 'dueInDays', 'flowId', 'assignee', 'message'] };
    case 'update_information':
      return {
        exact: ['', 'set', ...action.set.map((_, i) => `set.${i}`)],
        fields: action.set.flatMap((s, i) => [`set.${i}.key`, setValueSlot(s, i)]),
        // Attribute values are checked by key (`set.renewal_date`): shown on that row's value.
        aliases: {
          ...box.aliases,
          ...Object.fromEntries(
            action.set
              .filter((s) => s.key && !/^\d+$/.test(s.key))
              .map((s) => [`set.${s.key}`, setValueSlot(s, action.set.indexOf(s))]),
          ),
        },
      };
    case 'celebrate':
    case 'notify':
      return { ...box, fields: ['message', 'style'] };
    case 'webhook': {
      const w = webhookErrorTargets(action.webhook);
      return {
        exact: ['', ...(w.exact ?? []).map((k) => `webhook.${k}`)],
        fields: (w.fields ?? []).map((k) => `webhook.${k}`),
        aliases: box.aliases,
      };
    }
    case 'send_email':
      return { ...box, fields: ['subject', 'body'] };
    case 'add_tag':
    case 'remove_tag':
      return { ...box, fields: ['tag'] };
    default:
      return { ...box, fields: ['playId'] };
  }
}

const joined = (...messages: Array<string | undefined>) =>
  messages.filter(Boolean).join('; ') || undefined;

const mergeHint =
  'Merge fields: {{account.name}}, {{account.attributes.renewal_date}}, {{contact.first_name}}, {{assignee.name}}, {{play.trigger_date}}, {{child.name}} (hierarchy plays)';

type Props = {
  action: Action;
  index: number;
  onChange: (a: Action) => void;
  onRemove: () => void;
  errors: Record<string, string>;
  playId?: string;
  manual: boolean;
  /** The play places one task per qualifying child on its parent: post-completion updates may target the child. */
  perChild?: boolean;
};

export function ActionEditor({
  action,
  index,
  onChange,
  onRemove,
  errors,
  playId,
  manual,
  perChild,
}: Props) {
  const templates = useTemplates();
  const plays = usePlays();
  const defs = useAttributeDefs('account');
  const e = (k: string) => errors[k];
  let body: React.ReactNode = null;
  switch (action.type) {
    case 'create_task': {
      const rules = action.completionRules ?? {};
      body = (
        <Stack gap="xs">
          <Select
            label="From a template"
            clearable
            placeholder="Inline task"
            value={action.templateId ?? null}
            error={e('templateId')}
            data={(templates.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
            onChange={(v) => onChange({ ...action, templateId: v ?? undefined })}
          />
          <TextInput
            label="Title"
            required={!action.templateId}
            description={mergeHint}
            value={action.title ?? ''}
            onChange={(ev) => onChange({ ...action, title: ev.currentTarget.value })}
            error={e('title')}
          />
          <Textarea
            label="Description"
            required={!action.templateId}
            autosize
            minRows={2}
            value={action.description ?? ''}
            onChange={(ev) => onChange({ ...action, description: ev.currentTarget.value })}
            error={e('description')}
          />
          <Group grow align="flex-start">
            <NumberInput
              label="Due in (days after firing)"
              min={1}
              value={action.dueInDays ?? ''}
              onChange={(v) => onChange({ ...action, dueInDays: v === '' ? undefined : Number(v) })}
              error={e('dueInDays')}
            />
            <Select
              label="Priority"
              data={['high', 'normal', 'low']}
              value={action.priority ?? 'normal'}
              onChange={(v) => onChange({ ...action, priority: (v ?? 'normal') as 'normal' })}
              error={e('priority')}
            />
            <FlowSelect
              label="Flow"
              required={!action.templateId}
              clearable
              value={action.flowId ?? null}
              onChange={(v) => onChange({ ...action, flowId: v ?? undefined })}
              error={e('flowId')}
            />
          </Group>
          <AssigneeRuleFields
            label="Assignee"
            value={action.assignee}
            onChange={(assignee) => onChange({ ...action, assignee })}
            error={e('assignee')}
          />
          <AssigneeRuleFields
            label="Assigned by"
            allowPool={false}
            value={action.assignedBy}
            onChange={(r) =>
              onChange({ ...action, assignedBy: r as { type: 'user'; userId: string } })
            }
            error={e('assignedBy')}
          />
          <TagsInput
            label="Outcomes"
            value={action.outcomes ?? []}
            onChange={(outcomes) =>
              onChange({ ...action, outcomes: outcomes.length ? outcomes : undefined })
            }
            error={e('outcomes')}
          />
          <Text size="sm" fw={500}>
            Post-completion
          </Text>
          <Checkbox
            label="Touchpoint is mandatory"
            checked={Boolean(rules.touchpointRequired)}
            onChange={(ev) =>
              onChange({
                ...action,
                completionRules: { ...rules, touchpointRequired: ev.currentTarget.checked },
              })
            }
            error={e('completionRules.touchpointRequired')}
          />
          <Group grow align="flex-start">
            <Select
              label="Mandatory attribute update"
              clearable
              data={(defs.data ?? []).map((d) => ({ value: d.key, label: d.label }))}
              value={rules.attributeUpdateRequired?.key ?? null}
              onChange={(k) =>
                onChange({
                  ...action,
                  completionRules: { ...rules, attributeUpdateRequired: k ? { key: k } : null },
                })
              }
              error={e('completionRules.attributeUpdateRequired')}
            />
            <Select
              label="Automatic attribute update"
              clearable
              data={(defs.data ?? [])
                .filter((d) => !d.crmSynced)
                .map((d) => ({ value: d.key, label: d.label }))}
              value={rules.automaticAttributeUpdate?.key ?? null}
              error={e('completionRules.automaticAttributeUpdate')}
              onChange={(k) =>
                onChange({
                  ...action,
                  completionRules: {
                    ...rules,
                    automaticAttributeUpdate: k
                      ? { key: k, value: rules.automaticAttributeUpdate?.value ?? '' }
                      : null,
                  },
                })
              }
            />
            {rules.automaticAttributeUpdate && (
              <TextInput
                label="…set to"
                value={String(rules.automaticAttributeUpdate.value ?? '')}
                error={e('completionRules.automaticAttributeUpdate.value')}
                onChange={(ev) =>
                  onChange({
                    ...action,
                    completionRules: {
                      ...rules,
                      automaticAttributeUpdate: {
                        ...rules.automaticAttributeUpdate!,
                        value: ev.currentTarget.value,
                      },
                    },
                  })
                }
              />
            )}
            {rules.automaticAttributeUpdate && perChild && (
              <Select
                label="…on"
                allowDeselect={false}
                value={rules.automaticAttributeUpdate.target ?? 'account'}
                error={e('completionRules.automaticAttributeUpdate.target')}
                data={[
                  { value: 'account', label: 'the parent (task account)' },
                  { value: 'child', label: 'the qualifying child' },
                  { value: 'both', label: 'parent and child' },
                ]}
                onChange={(v) =>
                  onChange({
                    ...action,
                    completionRules: {
                      ...rules,
                      automaticAttributeUpdate: {
                        ...rules.automaticAttributeUpdate!,
                        target: (v ?? 'account') as 'account',
                      },
                    },
                  })
                }
              />
            )}
          </Group>
        </Stack>
      );
      break;
    }
    case 'request_information':
      body = (
        <Stack gap="xs">
          <Group grow align="flex-start">
            <FormSelect
              label="Form"
              required
              value={action.formId || null}
              onChange={(v) => onChange({ ...action, formId: v ?? '' })}
              error={e('formId')}
            />
            <NumberInput
              label="Due in (days)"
              min={1}
              value={action.dueInDays}
              onChange={(v) => onChange({ ...action, dueInDays: Number(v) || 0 })}
              error={e('dueInDays')}
            />
            <FlowSelect
              label="Flow"
              required
              value={action.flowId || null}
              onChange={(v) => onChange({ ...action, flowId: v ?? '' })}
              error={e('flowId')}
            />
          </Group>
          <AssigneeRuleFields
            label="Assignee"
            allowPool={false}
            value={action.assignee}
            onChange={(r) =>
              onChange({ ...action, assignee: r as { type: 'role'; roleId: string } })
            }
            error={e('assignee')}
          />
          <Textarea
            label="Message"
            autosize
            value={action.message ?? ''}
            onChange={(ev) => onChange({ ...action, message: ev.currentTarget.value || undefined })}
            error={e('message')}
          />
        </Stack>
      );
      break;
    case 'update_information':
      body = (
        <Stack gap="xs">
          {action.set.map((s, i) => {
            const set = (patch: Partial<typeof s>) =>
              onChange({
                ...action,
                set: action.set.map((x, j) => (j === i ? { ...x, ...patch } : x)),
              });
            const def = defs.data?.find((d) => d.key === s.key);
            return (
              <Group key={i} gap="xs" align="flex-end">
                <Select
                  label="Attribute"
                  w={200}
                  data={(defs.data ?? [])
                    .filter((d) => !d.crmSynced)
                    .map((d) => ({ value: d.key, label: d.label }))}
                  value={s.key || null}
                  onChange={(k) => set({ key: k ?? '' })}
                  error={joined(e(`set.${i}`), e(`set.${i}.key`))}
                />
                <Select
                  label="Change"
                  w={180}
                  allowDeselect={false}
                  value={
                    s.clear ? 'clear' : s.triggerDateOffsetDays !== undefined ? 'trigger' : 'set'
                  }
                  onChange={(m) =>
                    set(
                      m === 'clear'
                        ? { clear: true, value: undefined, triggerDateOffsetDays: undefined }
                        : m === 'trigger'
                          ? { clear: undefined, value: undefined, triggerDateOffsetDays: 0 }
                          : { clear: undefined, triggerDateOffsetDays: undefined, value: '' },
                    )
                  }
                  data={[
                    { value: 'set', label: 'Set to' },
                    { value: 'clear', label: 'Clear' },
                    ...(def?.type === 'date'
                      ? [{ value: 'trigger', label: 'Trigger date ± days' }]
                      : []),
                  ]}
                  error={e(`set.${i}.clear`)}
                />
                {!s.clear && s.triggerDateOffsetDays === undefined && (
                  <TextInput
                    label="Value"
                    value={String(s.value ?? '')}
                    onChange={(ev) =>
                      set({
                        value:
                          def?.type === 'number'
                            ? Number(ev.currentTarget.value)
                            : ev.currentTarget.value,
                      })
                    }
                    error={e(`set.${i}.value`)}
                  />
                )}
                {s.triggerDateOffsetDays !== undefined && (
                  <NumberInput
                    label="Days after trigger (negative: before)"
                    value={s.triggerDateOffsetDays}
                    onChange={(v) => set({ triggerDateOffsetDays: Number(v) || 0 })}
                    error={e(`set.${i}.triggerDateOffsetDays`)}
                  />
                )}
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove attribute ${i + 1}`}
                  onClick={() => onChange({ ...action, set: action.set.filter((_, j) => j !== i) })}
                >
                  ✕
                </ActionIcon>
              </Group>
            );
          })}
          {e('set') && (
            <Text size="sm" c="red.8">
              {e('set')}
            </Text>
          )}
          <Group>
            <Button
              size="xs"
              variant="subtle"
              onClick={() => onChange({ ...action, set: [...action.set, { key: '', value: '' }] })}
            >
              Add attribute
            </Button>
          </Group>
        </Stack>
      );
      break;
    case 'celebrate':
    case 'notify':
      body = (
        <Group grow align="flex-start">
          <Textarea
            label="Message"
            required
            autosize
            value={action.message}
            onChange={(ev) => onChange({ ...action, message: ev.currentTarget.value })}
            error={e('message')}
          />
          <Select
            label="Style"
            maw={160}
            data={['default', 'confetti', 'trophy', 'warning']}
            value={action.style ?? 'default'}
            onChange={(v) => onChange({ ...action, style: v ?? 'default' })}
            error={e('style')}
          />
        </Group>
      );
      break;
    case 'webhook':
      body = (
        <WebhookFields
          value={action.webhook}
          onChange={(webhook: WebhookDef) => onChange({ ...action, webhook })}
          playId={playId}
          actionId={action.id}
          errors={errorsUnder(errors, 'webhook')}
        />
      );
      break;
    case 'send_email':
      body = (
        <Stack gap="xs">
          <TextInput
            label="Subject"
            required
            value={action.subject}
            onChange={(ev) => onChange({ ...action, subject: ev.currentTarget.value })}
            error={e('subject')}
          />
          <Textarea
            label="Body"
            required
            autosize
            minRows={3}
            description={mergeHint}
            value={action.body}
            onChange={(ev) => onChange({ ...action, body: ev.currentTarget.value })}
            error={e('body')}
          />
        </Stack>
      );
      break;
    case 'add_tag':
    case 'remove_tag':
      body = (
        <TextInput
          label="Tag"
          required
          value={action.tag}
          onChange={(ev) => onChange({ ...action, tag: ev.currentTarget.value })}
          error={e('tag')}
          maw={300}
        />
      );
      break;
    case 'enroll':
      body = (
        <Select
          label="Play"
          required
          maw={300}
          value={action.playId || null}
          data={(plays.data ?? [])
            .filter((p) => p.id !== playId)
            .map((p) => ({ value: p.id, label: p.name }))}
          onChange={(v) => onChange({ ...action, playId: v ?? '' })}
          error={e('playId')}
        />
      );
  }
  const notAllowed = manual && !['create_task', 'request_information'].includes(action.type);
  return (
    <Paper
      withBorder
      p="sm"
      role="group"
      aria-label={`Action ${index + 1}: ${actionLabels[action.type]}`}
    >
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Badge variant="light">{index + 1}</Badge>
          <Text fw={600}>{actionLabels[action.type]}</Text>
        </Group>
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={`Remove action ${index + 1}`}
          onClick={onRemove}
        >
          ✕
        </ActionIcon>
      </Group>
      {notAllowed && (
        <Text size="sm" c="orange.9" mb="xs">
          Manual plays can only create tasks and request information.
        </Text>
      )}
      {e('') && (
        <Text size="sm" c="red.8" role="alert" mb="xs">
          {e('')}
        </Text>
      )}
      {body}
    </Paper>
  );
}
