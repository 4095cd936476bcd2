// The fields of the wait, wait-until and go-to steps (actions use their kind's own editor; branches BranchLanes).
import { Checkbox, Group, NumberInput, Radio, Select, Stack, Text } from '@mantine/core';
import { durationUnitLabels, waitFromLabels, type DurationUnit } from '@/lib/labels';
import { useAttributeDefs } from '@/features/lookups/api';
import { CriteriaBuilder } from '@/features/segments';
import { useJourney } from './context';
import { stepName } from './summary';
import type { Condition, Duration, Step, StepOf } from './types';

type FieldProps<T extends Step['type']> = {
  step: StepOf<T>;
  errors: Record<string, string>;
  onChange: (s: Step, field?: string) => void;
};

const num = (v: string | number, min: number) => (typeof v === 'number' ? v : min);

function DurationFields({
  value,
  onChange,
  label,
  error,
}: {
  value: Duration;
  onChange: (d: Duration) => void;
  label: string;
  error?: string;
}) {
  return (
    <Group align="flex-start" gap="xs">
      <NumberInput
        label={label}
        w={120}
        min={0}
        max={3650}
        allowDecimal={false}
        value={value.n}
        error={error}
        onChange={(v) => onChange({ ...value, n: num(v, 0) })}
      />
      <Select
        label="Unit"
        w={160}
        allowDeselect={false}
        value={value.unit}
        onChange={(u) => onChange({ ...value, unit: (u ?? 'days') as DurationUnit })}
        data={Object.entries(durationUnitLabels).map(([v, l]) => ({ value: v, label: l }))}
      />
    </Group>
  );
}

export function WaitFields({ step, errors, onChange }: FieldProps<'wait'>) {
  const j = useJourney();
  const defs = useAttributeDefs(j.subject === 'accounts' ? 'account' : 'contact');
  const from = step.from;
  return (
    <Stack gap="xs">
      <DurationFields
        label="Wait"
        value={step.duration}
        error={errors['duration']}
        onChange={(duration) => onChange({ ...step, duration }, 'duration')}
      />
      <Select
        label="Counted"
        maw={360}
        allowDeselect={false}
        value={from.kind}
        error={errors['from']}
        onChange={(k) =>
          onChange(
            {
              ...step,
              from:
                k === 'attribute'
                  ? { kind: 'attribute', key: '', offsetDays: 0 }
                  : { kind: (k ?? 'previous_step') as 'entry' },
            },
            'from',
          )
        }
        data={Object.entries(waitFromLabels).map(([v, l]) => ({ value: v, label: l }))}
      />
      {from.kind === 'attribute' && (
        <Group align="flex-start" gap="xs">
          <Select
            label="Date attribute"
            w={220}
            value={from.key || null}
            onChange={(key) => onChange({ ...step, from: { ...from, key: key ?? '' } }, 'from')}
            data={(defs.data ?? [])
              .filter((d) => d.type === 'date')
              .map((d) => ({ value: d.key, label: d.label }))}
          />
          <NumberInput
            label="Days before (−) or after"
            w={200}
            allowDecimal={false}
            value={from.offsetDays ?? 0}
            onChange={(v) =>
              onChange({ ...step, from: { ...from, offsetDays: num(v, 0) } }, 'from')
            }
          />
        </Group>
      )}
    </Stack>
  );
}

/** The steps before `path` in reading order (a wait or branch can only look back). */
function useEarlier(path: string) {
  const { placed } = useJourney();
  const at = placed.findIndex((p) => p.path === path);
  return (at < 0 ? placed : placed.slice(0, at)).map((p) => p.step);
}

/** "A task step is completed (with outcomes)" or "the record meets conditions": wait-until and branch paths. */
export function ConditionFields({
  value,
  onChange,
  label,
  path,
  error,
}: {
  value: Condition;
  onChange: (c: Condition) => void;
  label: string;
  /** The step this condition belongs to (only earlier task steps can be chosen). */
  path: string;
  error?: string;
}) {
  const j = useJourney();
  // Steps that make a task someone completes: create task and request information.
  const tasks = useEarlier(path).filter(
    (s) =>
      s.type === 'action' &&
      (s.action.type === 'create_task' || s.action.type === 'request_information'),
  );
  const outcomes =
    value.kind === 'task_completed' && value.stepId ? j.outcomesOf(value.stepId) : [];
  return (
    <Stack gap="xs">
      <Radio.Group
        label={label}
        value={value.kind}
        onChange={(k) =>
          onChange(
            k === 'criteria'
              ? { kind: 'criteria', criteria: null }
              : { kind: 'task_completed', stepId: tasks[0]?.id ?? '' },
          )
        }
      >
        <Group mt={4} gap="md">
          <Radio value="task_completed" label="A task step is completed" />
          <Radio value="criteria" label="The record meets conditions" />
        </Group>
      </Radio.Group>
      {value.kind === 'task_completed' ? (
        <>
          <Select
            label="Task step"
            maw={360}
            placeholder={tasks.length ? 'Choose a step' : 'Add a create-task step before this one'}
            value={value.stepId || null}
            onChange={(id) => onChange({ kind: 'task_completed', stepId: id ?? '' })}
            data={tasks.map((s) => ({ value: s.id, label: stepName(s, j.byId) }))}
          />
          {value.stepId && (
            <Checkbox.Group
              label="With outcome"
              description={
                outcomes.length
                  ? 'None ticked: completed with any outcome.'
                  : 'This task has no outcomes: any completion counts.'
              }
              value={value.outcomes ?? []}
              onChange={(o) => onChange({ ...value, outcomes: o.length ? o : undefined })}
            >
              <Group mt={4} gap="md">
                {outcomes.map((o) => (
                  <Checkbox key={o} value={o} label={o} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
        </>
      ) : (
        <CriteriaBuilder
          subject={j.subject}
          value={value.criteria}
          onChange={(criteria) => onChange({ kind: 'criteria', criteria })}
        />
      )}
      {error && (
        <Text size="sm" c="red.8" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

export function WaitUntilFields({
  step,
  path,
  errors,
  onChange,
}: FieldProps<'wait_until'> & { path: string }) {
  return (
    <Stack gap="xs">
      <ConditionFields
        label="Wait until"
        path={path}
        value={step.until}
        error={errors['until']}
        onChange={(until) => onChange({ ...step, until }, 'until')}
      />
      <DurationFields
        label="At most"
        value={step.limit}
        error={errors['limit']}
        onChange={(limit) => onChange({ ...step, limit }, 'limit')}
      />
    </Stack>
  );
}

export function GoToFields({
  step,
  path,
  errors,
  onChange,
}: FieldProps<'go_to'> & { path: string }) {
  const earlier = useEarlier(path);
  const { byId } = useJourney();
  return (
    <Group align="flex-start" gap="xs">
      <Select
        label="Go back to"
        w={300}
        placeholder="Choose an earlier step"
        value={step.target || null}
        // An empty choice fails the id's pattern on the server: say what to do instead.
        error={errors['target'] && (step.target ? errors['target'] : 'Choose an earlier step.')}
        onChange={(target) => onChange({ ...step, target: target ?? '' }, 'target')}
        data={earlier.map((s) => ({ value: s.id, label: stepName(s, byId) }))}
      />
      <NumberInput
        label="At most (times)"
        w={140}
        min={1}
        max={20}
        allowDecimal={false}
        value={step.maxVisits}
        error={errors['maxVisits']}
        onChange={(v) => onChange({ ...step, maxVisits: num(v, 1) }, 'maxVisits')}
      />
    </Group>
  );
}
