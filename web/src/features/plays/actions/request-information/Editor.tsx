// Request information: a form, its assignee, due offset, flow and message.
import { Group, Stack } from '@mantine/core';
import { MergeTextInput } from '@/components/merge-fields';
import { DueOffsetField } from '@/components/DueOffsetField';
import { FlowSelect, FormSelect } from '@/features/lookups/pickers';
import { AssigneeRuleFields } from '../../components/AssigneeRuleFields';
import { boxTargets, type ActionOf, type EditorProps } from '../module';

type A = ActionOf<'request_information'>;

export const errorTargets = () =>
  boxTargets(['formId', 'dueInDays', 'flowId', 'assignee', 'message']);

export function RequestInformationEditor({ action, onChange, errors, subject }: EditorProps<A>) {
  const e = (k: string) => errors[k];
  return (
    <Stack gap="xs">
      <Group grow align="flex-start">
        <FormSelect
          label="Form"
          required
          value={action.formId || null}
          onChange={(v) => onChange({ ...action, formId: v ?? '' })}
          error={e('formId')}
        />
        <DueOffsetField
          label="Due in"
          required
          value={action.dueInDays}
          unit={action.dueUnit}
          onChange={(n, dueUnit) => onChange({ ...action, dueInDays: n ?? 0, dueUnit })}
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
        onChange={(r) => onChange({ ...action, assignee: r as { type: 'role'; roleId: string } })}
        error={e('assignee')}
      />
      <MergeTextInput
        label="Message"
        destination="request_message"
        subject={subject}
        multiline
        value={action.message ?? ''}
        onChange={(message) => onChange({ ...action, message: message || undefined })}
        error={e('message')}
      />
    </Stack>
  );
}
