// Update information: one row per attribute — set to a value, clear, or trigger date ± days.
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { ErrorTargets } from '@/lib/form-errors';
import { useAttributeDefs } from '@/features/lookups/api';
import type { ActionOf, EditorProps } from '../module';

type A = ActionOf<'update_information'>;
type SetRow = A['set'][number];

/** The input that shows a value problem of a row: value, days offset, or the Change select when clearing. */
const setValueSlot = (s: SetRow, i: number) =>
  s.clear
    ? `set.${i}.clear`
    : s.triggerDateOffsetDays !== undefined
      ? `set.${i}.triggerDateOffsetDays`
      : `set.${i}.value`;

export const errorTargets = (action: A): ErrorTargets => ({
  exact: ['', 'set', ...action.set.map((_, i) => `set.${i}`)],
  fields: action.set.flatMap((s, i) => [`set.${i}.key`, setValueSlot(s, i)]),
  // Attribute values are checked by key (`set.renewal_date`): shown on that row's value.
  aliases: {
    type: '',
    id: '',
    ...Object.fromEntries(
      action.set
        .filter((s) => s.key && !/^\d+$/.test(s.key))
        .map((s) => [`set.${s.key}`, setValueSlot(s, action.set.indexOf(s))]),
    ),
  },
});

const joined = (...messages: Array<string | undefined>) =>
  messages.filter(Boolean).join('; ') || undefined;

export function UpdateInformationEditor({ action, onChange, errors }: EditorProps<A>) {
  const defs = useAttributeDefs('account');
  const e = (k: string) => errors[k];
  return (
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
              value={s.clear ? 'clear' : s.triggerDateOffsetDays !== undefined ? 'trigger' : 'set'}
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
}
