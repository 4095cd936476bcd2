// Create task: inline fields or a template, assignee rules and post-completion requirements.
import { Checkbox, Group, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import type { Priority } from '@/lib/priority';
import { PrioritySelect } from '@/components/task-bits';
import { DueOffsetField } from '@/components/DueOffsetField';
import { MergeTextInput } from '@/components/merge-fields';
import { RichTextField } from '@/components/RichTextField';
import { useAttributeDefs } from '@/features/lookups/api';
import { FlowSelect } from '@/features/lookups/pickers';
import { useTemplates } from '@/features/templates/api';
import { AssigneeRuleFields } from '../../components/AssigneeRuleFields';
import { boxTargets, mergeHint, type ActionOf, type EditorProps } from '../module';

type A = ActionOf<'create_task'>;

export const errorTargets = (action: A) =>
  boxTargets([
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
  ]);

export function CreateTaskEditor({ action, onChange, errors, perChild, subject }: EditorProps<A>) {
  const templates = useTemplates();
  const defs = useAttributeDefs('account');
  const e = (k: string) => errors[k];
  const rules = action.completionRules ?? {};
  // Without its own offset the task takes its template's, in the template's unit.
  const tpl = templates.data?.find((t) => t.id === action.templateId);
  const inherits = tpl !== undefined && action.dueInDays === undefined;
  return (
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
      <MergeTextInput
        label="Title"
        destination="task_title"
        subject={subject}
        required={!action.templateId}
        description={mergeHint}
        value={action.title ?? ''}
        onChange={(title) => onChange({ ...action, title })}
        error={e('title')}
      />
      <RichTextField
        label="Description"
        mergeDestination="task_description"
        mergeSubject={subject}
        required={!action.templateId}
        minHeight={80}
        value={action.description ?? ''}
        onChange={(description) => onChange({ ...action, description })}
        error={e('description')}
      />
      <Group grow align="flex-start">
        <DueOffsetField
          label="Due in (after firing)"
          value={action.dueInDays}
          unit={action.dueUnit ?? (inherits ? tpl.dueOffsetUnit : undefined)}
          placeholder={inherits ? `${tpl.dueOffsetDays} (the template's)` : undefined}
          onChange={(dueInDays, dueUnit) => onChange({ ...action, dueInDays, dueUnit })}
          error={e('dueInDays')}
        />
        <PrioritySelect
          value={action.priority ?? 'normal'}
          onChange={(v) => onChange({ ...action, priority: (v ?? 'normal') as Priority })}
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
        onChange={(r) => onChange({ ...action, assignedBy: r as { type: 'user'; userId: string } })}
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
}
