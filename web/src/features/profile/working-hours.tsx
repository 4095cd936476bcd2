// Working hours and weekly capacity (SPEC §1, §6): what team pools' "next available" reads. Shared by
// the profile page and Settings → Users.
import { Chip, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';

const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** Monday first, as people read a week; the API counts 0 = Sunday … 6 = Saturday. */
const weekOrder = [1, 2, 3, 4, 5, 6, 0];

export type WorkingHours = { days: number[]; start: string; end: string };
export type HoursValues = {
  days: string[];
  start: string;
  end: string;
  weeklyCapacityHours: number;
};

export const hoursValues = (
  workingHours: WorkingHours | null,
  weeklyCapacityHours: number,
): HoursValues => ({
  days: (workingHours?.days ?? [1, 2, 3, 4, 5]).map(String),
  start: workingHours?.start ?? '09:00',
  end: workingHours?.end ?? '17:00',
  weeklyCapacityHours,
});

export const hoursBody = (v: HoursValues) => ({
  workingHours: { days: v.days.map(Number).sort(), start: v.start, end: v.end },
  weeklyCapacityHours: v.weeklyCapacityHours,
});

/** Form fields whose API errors land next to them (`body.workingHours.days.0` → days). */
export const hoursErrorAliases = {
  'workingHours.days': 'days',
  'workingHours.start': 'start',
  'workingHours.end': 'end',
};

type Props = {
  value: HoursValues;
  onChange: (v: HoursValues) => void;
  errors: Partial<Record<keyof HoursValues, string>>;
};

export function WorkingHoursFields({ value, onChange, errors }: Props) {
  const set = <K extends keyof HoursValues>(k: K, v: HoursValues[K]) =>
    onChange({ ...value, [k]: v });
  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={500} id="working-days-label">
          Working days
        </Text>
        <Chip.Group multiple value={value.days} onChange={(d) => set('days', d)}>
          <Group gap={6} mt={4} role="group" aria-labelledby="working-days-label">
            {weekOrder.map((d) => (
              <Chip key={d} value={String(d)} size="sm">
                {dayNames[d]}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        {errors.days && (
          <Text size="xs" c="red" mt={4} role="alert">
            {errors.days}
          </Text>
        )}
      </div>
      <Group grow align="flex-start">
        <TextInput
          type="time"
          label="Day starts"
          value={value.start}
          onChange={(e) => set('start', e.currentTarget.value)}
          error={errors.start}
        />
        <TextInput
          type="time"
          label="Day ends"
          value={value.end}
          onChange={(e) => set('end', e.currentTarget.value)}
          error={errors.end}
        />
      </Group>
      <NumberInput
        label="Weekly capacity (hours)"
        description="Hours a week you can take on tasks; team pools give work to whoever has room"
        min={0}
        max={168}
        allowDecimal={false}
        value={value.weeklyCapacityHours}
        onChange={(v) => set('weeklyCapacityHours', typeof v === 'number' ? v : Number(v) || 0)}
        error={errors.weeklyCapacityHours}
      />
    </Stack>
  );
}

function timeZones(current: string | null): string[] {
  const all = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.(
    'timeZone',
  ) ?? ['UTC'];
  return current && !all.includes(current) ? [current, ...all] : all;
}

export function TimeZoneSelect({
  value,
  onChange,
  error,
  description,
}: {
  value: string | null;
  onChange: (v: string | null) => void;
  error?: string;
  description?: string;
}) {
  return (
    <Select
      label="Time zone"
      description={description}
      placeholder="The workspace’s time zone"
      searchable
      clearable
      limit={50}
      data={timeZones(value)}
      value={value}
      onChange={onChange}
      error={error}
      nothingFoundMessage="No time zone matches"
    />
  );
}
