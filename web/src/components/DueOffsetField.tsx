// A due offset: a number and its unit, calendar days or working days (SPEC §14). The unit is the
// server's `dueUnit`; absent means days.
import { Group, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { dueUnitLabels, type DueUnit } from '@/lib/labels';

export function DueOffsetField({
  label,
  value,
  unit,
  onChange,
  error,
  required,
  placeholder,
}: {
  label: string;
  value: number | undefined;
  unit: DueUnit | undefined;
  onChange: (value: number | undefined, unit: DueUnit) => void;
  error?: string;
  required?: boolean;
  placeholder?: string;
}) {
  const u = unit ?? 'days';
  return (
    <Stack gap={4}>
      <NumberInput
        label={label}
        required={required}
        placeholder={placeholder}
        min={1}
        value={value ?? ''}
        onChange={(v) => onChange(v === '' ? undefined : Number(v), u)}
        error={error}
      />
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          Count in
        </Text>
        <SegmentedControl
          size="xs"
          aria-label={`${label}: unit`}
          value={u}
          onChange={(v) => onChange(value, v as DueUnit)}
          data={(Object.keys(dueUnitLabels) as DueUnit[]).map((k) => ({
            value: k,
            label: dueUnitLabels[k],
          }))}
        />
      </Group>
    </Stack>
  );
}
