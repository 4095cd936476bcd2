// Trigger: enters/exits the criteria, manual, recurring (every N days/weeks/months or cron), or task completed.
import { Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useTemplates } from '@/features/templates/api';
import { usePlays } from '../api';
import type { Trigger } from '../types';

export function TriggerFields({
  value,
  onChange,
  playId,
  error,
}: {
  value: Trigger;
  onChange: (t: Trigger) => void;
  playId?: string;
  error?: string;
}) {
  const templates = useTemplates();
  const plays = usePlays();
  const every = value.recurring?.every;
  return (
    <Stack gap="xs">
      <Select
        label="Trigger"
        allowDeselect={false}
        maw={360}
        value={value.type}
        error={error}
        onChange={(t) =>
          onChange({
            type: t as Trigger['type'],
            ...(t === 'recurring' ? { recurring: { every: { n: 1, unit: 'weeks' } } } : {}),
            ...(t === 'task_completed' ? { taskCompleted: {} } : {}),
          })
        }
        data={[
          { value: 'enter', label: 'Event: a record meets the criteria' },
          { value: 'exit', label: 'Event: a record no longer meets the criteria' },
          { value: 'manual', label: 'Manual: run on demand' },
          { value: 'recurring', label: 'Recurring: on a schedule' },
          { value: 'task_completed', label: 'Task completed (optionally with an outcome)' },
        ]}
      />
      {value.type === 'recurring' && (
        <Group align="flex-end" gap="xs">
          <NumberInput
            label="Every"
            min={1}
            w={90}
            value={every?.n ?? ''}
            disabled={Boolean(value.recurring?.cron)}
            onChange={(n) =>
              onChange({
                ...value,
                recurring: { every: { n: Number(n) || 1, unit: every?.unit ?? 'weeks' } },
              })
            }
          />
          <Select
            aria-label="Unit"
            w={120}
            allowDeselect={false}
            data={['days', 'weeks', 'months']}
            value={every?.unit ?? 'weeks'}
            disabled={Boolean(value.recurring?.cron)}
            onChange={(u) =>
              onChange({ ...value, recurring: { every: { n: every?.n ?? 1, unit: u as 'weeks' } } })
            }
          />
          <TextInput
            label="or a cron expression"
            placeholder="0 9 * * 1"
            w={180}
            value={value.recurring?.cron ?? ''}
            onChange={(e) =>
              onChange({
                ...value,
                recurring: e.currentTarget.value
                  ? { cron: e.currentTarget.value }
                  : { every: { n: 1, unit: 'weeks' } },
              })
            }
          />
        </Group>
      )}
      {value.type === 'task_completed' && (
        <Group align="flex-end" gap="xs">
          <Select
            label="From template"
            clearable
            w={220}
            data={(templates.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
            value={value.taskCompleted?.templateId ?? null}
            onChange={(v) =>
              onChange({
                ...value,
                taskCompleted: { ...value.taskCompleted, templateId: v ?? undefined },
              })
            }
          />
          <Select
            label="From play"
            clearable
            w={220}
            data={(plays.data ?? [])
              .filter((p) => p.id !== playId)
              .map((p) => ({ value: p.id, label: p.name }))}
            value={value.taskCompleted?.playId ?? null}
            onChange={(v) =>
              onChange({
                ...value,
                taskCompleted: { ...value.taskCompleted, playId: v ?? undefined },
              })
            }
          />
          <TextInput
            label="With outcome"
            w={200}
            value={value.taskCompleted?.outcome ?? ''}
            onChange={(e) =>
              onChange({
                ...value,
                taskCompleted: {
                  ...value.taskCompleted,
                  outcome: e.currentTarget.value || undefined,
                },
              })
            }
          />
        </Group>
      )}
    </Stack>
  );
}
