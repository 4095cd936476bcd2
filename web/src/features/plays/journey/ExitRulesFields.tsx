// When a record leaves the journey and what happens to its open tasks, whether it may enter again,
// and the share held out to measure the play (SPEC §5, §13).
import {
  Checkbox,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { exitPolicyLabels, reentryModeLabels, type ExitPolicyCode } from '@/lib/labels';
import { errorsUnder } from '@/lib/form-errors';
import type { Subject } from '@/features/segments/types';
import { CriteriaBuilder } from '@/features/segments';
import type { JourneyDraft } from './types';
import { HoldoutField } from '../components/HoldoutField';

type Props = {
  value: JourneyDraft;
  onChange: (j: JourneyDraft, field: string) => void;
  errors: Record<string, string>;
  subject: Subject;
};

export function ExitRulesFields({ value, onChange, errors, subject }: Props) {
  const x = value.exitRules;
  const exitErrs = errorsUnder(errors, 'exitRules');
  const setExit = (exitRules: JourneyDraft['exitRules']) =>
    onChange({ ...value, exitRules }, 'exitRules');
  const policy = x.openTasks;
  return (
    <Stack gap="xs">
      {exitErrs[''] && (
        <Text size="sm" c="red.8" role="alert">
          {exitErrs['']}
        </Text>
      )}
      <Switch
        label="Leave the journey when the record meets exit criteria"
        checked={x.criteria !== null}
        onChange={(e) =>
          setExit({ ...x, criteria: e.currentTarget.checked ? { kind: 'and', items: [] } : null })
        }
      />
      {x.criteria !== null && (
        <CriteriaBuilder
          subject={subject}
          value={x.criteria}
          onChange={(criteria) => setExit({ ...x, criteria })}
        />
      )}
      {Object.entries(exitErrs)
        .filter(([k]) => k.startsWith('criteria'))
        .map(([k, m]) => (
          <Text key={k} size="sm" c="red.8" role="alert">
            Exit criteria: {m}
          </Text>
        ))}
      <Checkbox
        label="Leave the journey when the record no longer meets the play's criteria"
        checked={x.leaveWhenTriggerNotMet}
        onChange={(e) => setExit({ ...x, leaveWhenTriggerNotMet: e.currentTarget.checked })}
      />
      <Group align="flex-start" gap="xs">
        <Select
          label="Its open tasks when a record leaves"
          w={300}
          allowDeselect={false}
          value={policy.policy}
          error={
            exitErrs['openTasks'] && !exitErrs['openTasks.outcome']
              ? exitErrs['openTasks']
              : undefined
          }
          onChange={(p) =>
            setExit({
              ...x,
              openTasks:
                p === 'complete'
                  ? { policy: 'complete', outcome: '' }
                  : { policy: (p ?? 'keep') as Exclude<ExitPolicyCode, 'complete'> },
            })
          }
          data={Object.entries(exitPolicyLabels).map(([v, l]) => ({ value: v, label: l }))}
        />
        {policy.policy === 'complete' && (
          <TextInput
            label="Outcome"
            w={220}
            value={policy.outcome}
            error={exitErrs['openTasks.outcome']}
            onChange={(e) =>
              setExit({ ...x, openTasks: { policy: 'complete', outcome: e.currentTarget.value } })
            }
          />
        )}
      </Group>
      <Group align="flex-start" gap="xs">
        <Select
          label="A record may enter again"
          w={300}
          allowDeselect={false}
          value={value.reentry.mode}
          error={errors['reentry']}
          onChange={(m) =>
            onChange(
              {
                ...value,
                reentry:
                  m === 'every_n_days'
                    ? { mode: 'every_n_days', days: 30 }
                    : { mode: (m ?? 'after_end') as 'once' },
              },
              'reentry',
            )
          }
          data={Object.entries(reentryModeLabels).map(([v, l]) => ({ value: v, label: l }))}
        />
        {value.reentry.mode === 'every_n_days' && (
          <NumberInput
            label="Days between entries"
            w={180}
            min={1}
            max={3650}
            allowDecimal={false}
            value={value.reentry.days}
            onChange={(v) =>
              onChange(
                {
                  ...value,
                  reentry: { mode: 'every_n_days', days: typeof v === 'number' ? v : 1 },
                },
                'reentry',
              )
            }
          />
        )}
      </Group>
      <HoldoutField
        value={value.holdoutPercent}
        error={errors['holdoutPercent']}
        onChange={(holdoutPercent) => onChange({ ...value, holdoutPercent }, 'holdoutPercent')}
      />
    </Stack>
  );
}
